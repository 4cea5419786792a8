/**
 * A group's draft as it is shown back to the room (spotlight, peer review): large, read-only and
 * clean. Only what the group wrote: no empty fields, no hints, no presence, nothing to edit.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Draft, KeyResultData, ObjectiveData } from '../../../shared/okr';
import type { ConfidenceScale } from '../../../shared/okrRules';
import { useDraft, useGroupDoc, type PresenceUser } from '../net/useGroupDoc';
import type { ClientSocket } from '../net/useWorkshopSocket';
import type * as Y from 'yjs';
import { withElements } from '../i18nParts';

const filled = (s: string) => s.trim() !== '';

/** What is worth showing: objectives and key results with something written in them. */
export function presentable(draft: Draft): ObjectiveData[] {
  return draft.objectives
    .map((o) => ({ ...o, keyResults: o.keyResults.filter((k) => filled(k.text) || filled(k.baseline) || filled(k.target)) }))
    .filter((o) => filled(o.title) || filled(o.why) || o.keyResults.length > 0);
}

interface Props {
  draft: Draft;
  confidenceScale: ConfidenceScale;
}

/** The plain draft, presentation-sized. */
export function OkrPresentation({ draft, confidenceScale }: Props) {
  const { t } = useTranslation('room');
  const objectives = presentable(draft);
  if (objectives.length === 0) {
    return (
      <div className="present" data-testid="present">
        <p className="present-empty">{t('present.empty')}</p>
      </div>
    );
  }
  return (
    <div className="present" data-testid="present">
      {objectives.map((o, i) => (
        <article key={o.id} className="present-objective" aria-labelledby={`present-${o.id}`}>
          <p className="present-eyebrow">{t('present.objective', { number: i + 1 })}</p>
          <h3 id={`present-${o.id}`} className="present-objective-title" dir="auto" data-testid="present-objective">
            {filled(o.title) ? o.title : t('present.untitled')}
          </h3>
          {filled(o.why) && (
            <p className="present-why">
              <span className="present-label">{t('present.why')}</span> <span dir="auto">{o.why}</span>
            </p>
          )}
          {o.keyResults.length > 0 && (
            <ol className="present-krs" aria-label={t('present.keyResults', { number: i + 1 })}>
              {o.keyResults.map((k, j) => (
                <KeyResult key={k.id} kr={k} label={t('present.kr', { number: `${i + 1}.${j + 1}` })} scale={confidenceScale} />
              ))}
            </ol>
          )}
        </article>
      ))}
    </div>
  );
}

function KeyResult({ kr, label, scale }: { kr: KeyResultData; label: string; scale: ConfidenceScale }) {
  const { t, i18n } = useTranslation('room');
  const facts: ReactNode[] = [];
  const unit = unitSuffix(kr.unit, i18n.language);
  if (kr.type !== 'milestone' && (filled(kr.baseline) || filled(kr.target))) {
    const from = kr.baseline.trim();
    const to = kr.target.trim();
    facts.push(
      <span key="move" className="present-move" data-testid="present-move">
        {from && to ? (
          <>
            <bdi>{from + unit}</bdi> <span aria-hidden="true">→</span>
            <span className="sr-only">{t('present.to')}</span> <bdi>{to + unit}</bdi>
          </>
        ) : from ? (
          t('present.from', { value: from + unit })
        ) : (
          t('present.target', { value: to + unit })
        )}
      </span>,
    );
  }
  if (kr.confidence !== null) {
    facts.push(
      <span key="confidence" className="present-fact">
        {scale === '0-100' ? t('present.confidencePercent', { value: kr.confidence }) : t('present.confidenceOf10', { value: kr.confidence })}
      </span>,
    );
  }
  if (filled(kr.champion)) {
    facts.push(
      <span key="champion" className="present-fact">
        {withElements((v) => t('present.champion', v), { name: <bdi>{kr.champion.trim()}</bdi> })}
      </span>,
    );
  }
  return (
    <li className="present-kr" data-testid="present-kr">
      <span className="present-kr-label">{label}</span>
      {filled(kr.text) && (
        <p className="present-kr-text" dir="auto">
          {kr.text}
        </p>
      )}
      {facts.length > 0 && <p className="present-facts">{facts}</p>}
    </li>
  );
}

/** The unit after a value: "45 points", "45 %" in French and German, "45%" in English and Portuguese. */
export function unitSuffix(unit: string, language: string): string {
  const u = unit.trim();
  if (!u) return '';
  const tight = /^[%‰]$/.test(u) && /^(en|pt)\b/.test(language);
  return tight ? u : ` ${u}`;
}

interface LiveProps {
  workshopId: string;
  groupId: string;
  socket: ClientSocket | null;
  user: PresenceUser;
  confidenceScale: ConfidenceScale;
}

/** Opens a group's document as an observer (the group does not see you) and presents it, live. */
export function LiveOkrPresentation({ workshopId, groupId, socket, user, confidenceScale }: LiveProps) {
  const { t } = useTranslation('editor');
  const live = useGroupDoc(workshopId, groupId, socket, user, false);
  if (!live) return null;
  if (live.status === 'closed') return <p className="present-empty">{t('draft.noAccess')}</p>;
  if (!live.synced) return <p className="present-empty muted">{t('draft.loading')}</p>;
  return <SyncedPresentation doc={live.doc} confidenceScale={confidenceScale} />;
}

function SyncedPresentation({ doc, confidenceScale }: { doc: Y.Doc; confidenceScale: ConfidenceScale }) {
  const draft = useDraft(doc);
  return <OkrPresentation draft={draft} confidenceScale={confidenceScale} />;
}

/**
 * A stage that can go full screen: the Fullscreen API where there is one, otherwise (or when it
 * is refused) a fixed overlay over the page. Escape, or the same button, leaves it.
 */
export function PresentationStage({ heading, children, testId, label }: { heading: ReactNode; children: ReactNode; testId: string; label: string }) {
  const { t } = useTranslation('room');
  const ref = useRef<HTMLElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const [native, setNative] = useState(false);
  const [overlay, setOverlay] = useState(false);

  useEffect(() => {
    const sync = () => setNative(ref.current !== null && document.fullscreenElement === ref.current);
    document.addEventListener('fullscreenchange', sync);
    return () => document.removeEventListener('fullscreenchange', sync);
  }, []);

  // The overlay covers the page: Escape leaves it, Tab stays on its one control, the page behind does not scroll.
  useEffect(() => {
    if (!overlay) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOverlay(false);
      else if (e.key === 'Tab') {
        e.preventDefault();
        button.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    const scroll = document.body.style.overflow;
    document.body.style.overflow = 'hidden';
    return () => {
      document.removeEventListener('keydown', onKey);
      document.body.style.overflow = scroll;
    };
  }, [overlay]);

  // Leaving the page (the spotlight moves on) leaves full screen too.
  useEffect(
    () => () => {
      if (ref.current && document.fullscreenElement === ref.current) void document.exitFullscreen?.().catch(() => undefined);
    },
    [],
  );

  const on = native || overlay;
  const toggle = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    if (native) {
      void document.exitFullscreen?.().catch(() => undefined);
      return;
    }
    if (overlay) {
      setOverlay(false);
      return;
    }
    if (document.fullscreenEnabled && typeof el.requestFullscreen === 'function') {
      el.requestFullscreen().catch(() => setOverlay(true));
    } else {
      setOverlay(true);
    }
  }, [native, overlay]);

  return (
    <section
      ref={ref}
      className={`present-stage${overlay ? ' present-overlay' : ''}`}
      aria-label={label}
      data-testid={testId}
      data-fullscreen={on ? (native ? 'native' : 'overlay') : undefined}
    >
      <div className="present-stage-bar">
        <h2 className="present-stage-title" dir="auto">
          {heading}
        </h2>
        <button ref={button} type="button" className="btn btn-secondary present-fullscreen" onClick={toggle} data-testid="present-fullscreen">
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
            <path d={on ? 'M9 4v5H4M15 4v5h5M9 20v-5H4M15 20v-5h5' : 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5'} />
          </svg>
          {on ? t('present.exitFullScreen') : t('present.fullScreen')}
        </button>
      </div>
      {children}
    </section>
  );
}
