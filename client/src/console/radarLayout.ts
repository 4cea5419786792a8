/** The radar's two views (compact, cards), remembered in this browser, and the compact view's fit to the screen. */
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export const VIEWS = ['compact', 'cards'] as const;
export type RadarView = (typeof VIEWS)[number];

const KEY = 'draftroom:radar-view';
/** With no choice made: cards for a few groups, the compact view above this many. */
export const COMPACT_ABOVE = 24;

function load(): RadarView | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'compact' || v === 'cards' ? v : null;
  } catch {
    return null;
  }
}

/** The view this facilitator chose (kept in localStorage), else the one that suits `groups` groups. */
export function useRadarView(groups: number): [RadarView, (view: RadarView) => void] {
  const [chosen, setChosen] = useState<RadarView | null>(load);
  const choose = useCallback((view: RadarView) => {
    setChosen(view);
    try {
      localStorage.setItem(KEY, view);
    } catch {
      // No storage (private mode): the choice holds for this page.
    }
  }, []);
  return [chosen ?? (groups > COMPACT_ABOVE ? 'compact' : 'cards'), choose];
}

export interface GridFit {
  cols: number;
  /** Cell size in px (the width is a maximum: cells share the row). */
  width: number;
  height: number;
  /** True when every cell fits in the space given (else the grid scrolls at the smallest size). */
  fits: boolean;
}

export const CELL = { gap: 4, minWidth: 74, minHeight: 40, maxWidth: 210, maxHeight: 86, aspect: 2.4 } as const;

/**
 * The grid that shows `n` cells in `width` × `height` px as large as they can be: over every
 * column count, the cells of `CELL.aspect` (width:height) that fit; the largest wins (ties: more
 * columns, so a few groups lie in a row). If none fits, the smallest cells, as many per row as fit.
 */
export function fitGrid(n: number, width: number, height: number): GridFit {
  const { gap, minWidth, minHeight, maxWidth, maxHeight, aspect } = CELL;
  let best: GridFit | null = null;
  let bestScore = -1;
  for (let cols = 1; cols <= Math.max(1, n); cols++) {
    const w = (width - gap * (cols - 1)) / cols;
    if (w < minWidth) break;
    const rows = Math.ceil(n / cols);
    const h = (height - gap * (rows - 1)) / rows;
    if (h < minHeight) continue;
    const cw = Math.min(w, maxWidth);
    const ch = Math.min(h, maxHeight);
    const score = Math.min(cw, ch * aspect);
    if (score >= bestScore - 0.5) {
      bestScore = Math.max(score, bestScore);
      best = { cols, width: Math.floor(cw), height: Math.floor(Math.min(ch, cw / 1.2)), fits: true };
    }
  }
  if (best) return best;
  const cols = Math.max(1, Math.floor((width + gap) / (minWidth + gap)));
  return { cols, width: Math.floor(Math.min(maxWidth, (width - gap * (cols - 1)) / cols)), height: minHeight, fits: false };
}

/**
 * Fits the compact grid `ref` between its top and the bottom of the window (at the top of the
 * page): measured after each render and on resize, so a help queue appearing above it or the
 * group panel opening beside it re-fits it.
 */
export function useFitGrid(ref: RefObject<HTMLElement | null>, n: number, enabled: boolean): GridFit | null {
  const [fit, setFit] = useState<GridFit | null>(null);
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const top = el.getBoundingClientRect().top + window.scrollY;
    // Keep a little air at the bottom; never plan on less than four rows.
    const height = Math.max(window.innerHeight - top - 12, 4 * (CELL.minHeight + CELL.gap));
    const next = fitGrid(n, el.clientWidth, height);
    setFit((f) => (f && f.cols === next.cols && f.width === next.width && f.height === next.height && f.fits === next.fits ? f : next));
  }, [ref, n]);
  useLayoutEffect(() => {
    if (enabled) measure();
  });
  useLayoutEffect(() => {
    if (!enabled) return;
    const el = ref.current;
    window.addEventListener('resize', measure);
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => measure());
    if (el) observer?.observe(el);
    return () => {
      window.removeEventListener('resize', measure);
      observer?.disconnect();
    };
  }, [enabled, measure, ref]);
  return enabled ? fit : null;
}
