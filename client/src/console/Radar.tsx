/**
 * The radar: every group at a glance, most in need of attention first. Two views: compact (every
 * group on one screen, up to 200: colour, icon and numbers per cell, the details on hover and
 * focus) and cards (a preview of each draft). Several groups can be sent one comment.
 */
import { memo, useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RadarSummary } from '../../../shared/views';
import { LIMITS } from '../../../shared/limits';
import { request, type ClientSocket } from '../net/useWorkshopSocket';
import { filterCards, FILTERS, flagCount, isIdle, SORTS, tierOf, topFlags, type RadarCard, type RadarFilter, type RadarSort } from './radarOrder';
import { activityOf, flagName, flagWords, StateIcon, TIER_ICON, useDescribe } from './GroupState';
import { useFitGrid, VIEWS, type GridFit, type RadarView } from './radarLayout';
import { markRadarCommitted, markRadarPainted, markRadarRender } from './renderTiming';
import { useAgo } from './useAgo';
import { Sparkline } from '../coaching/Sparkline';

/** Catalogue keys of the filters (the filter values are code). */
const FILTER_KEYS = { all: 'all', attention: 'attention', help: 'help', 'no-krs': 'noKrs', flagged: 'flagged', idle: 'idle' } as const satisfies Record<RadarFilter, string>;

/** The DOM id of a group's cell button (focus goes back to it when its panel closes). */
export const cellButtonSelector = (groupId: string) => `[data-group-id="${CSS.escape(groupId)}"] .tile-name`;

interface Props {
  /** Every group (for the filter counts and "flagged for"). */
  all: RadarCard[];
  /** The groups shown, filtered and in order. */
  cards: RadarCard[];
  radar: Map<string, RadarSummary>;
  socket: ClientSocket | null;
  now: number;
  sort: RadarSort;
  onSort: (sort: RadarSort) => void;
  filter: RadarFilter;
  onFilter: (filter: RadarFilter) => void;
  view: RadarView;
  onView: (view: RadarView) => void;
  openGroup: string | null;
  onOpen: (groupId: string) => void;
}

export function Radar({ all, cards, radar, socket, now, sort, onSort, filter, onFilter, view, onView, openGroup, onOpen }: Props) {
  const { t } = useTranslation('console');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [commenting, setCommenting] = useState(false);
  const commentId = useId();
  const toggle = useCallback((id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id))), []);

  // Measured once: the first time the radar's list is on screen (docs/performance.md).
  if (radar.size > 0) markRadarRender(cards.length);

  return (
    <section aria-label={t('radar.label')} className="cockpit-radar">
      <div className="radar-controls cockpit-radar-controls">
        {openGroup === null ? (
          <div className="chips" role="group" aria-label={t('radar.filter')}>
            {FILTERS.map((f) => (
              <button key={f} className={filter === f ? 'chip active' : 'chip'} aria-pressed={filter === f} onClick={() => onFilter(f)} data-testid={`filter-${f}`}>
                {t(`radar.filters.${FILTER_KEYS[f]}`)} <span className="muted">{filterCards(all, f, now).length}</span>
              </button>
            ))}
          </div>
        ) : (
          // Beside the group panel the radar is narrow: the same filters, as a menu.
          <select value={filter} onChange={(e) => onFilter(e.target.value as RadarFilter)} aria-label={t('radar.filter')} data-testid="filter-select">
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {t(`radar.filters.${FILTER_KEYS[f]}`)} ({filterCards(all, f, now).length})
              </option>
            ))}
          </select>
        )}
        <span className="spacer" />
        <div className="cockpit-segmented" role="group" aria-label={t('radar.view')}>
          {VIEWS.map((v) => (
            <button key={v} type="button" aria-pressed={view === v} className={view === v ? 'active' : ''} onClick={() => onView(v)} data-testid={`view-${v}`}>
              <StateIcon name={v === 'compact' ? 'grid' : 'cards'} size={14} /> {t(`radar.views.${v}`)}
            </button>
          ))}
        </div>
        <label className="sort">
          <span className="muted small">{t('radar.sort')}</span>
          <select value={sort} onChange={(e) => onSort(e.target.value as RadarSort)} aria-label={t('radar.sortLabel')} data-testid="radar-sort">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`radar.sorts.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={commenting ? 'btn btn-secondary cockpit-toggle open' : 'btn btn-secondary cockpit-toggle'}
          aria-expanded={commenting}
          aria-controls={commentId}
          onClick={() => setCommenting((c) => !c)}
          data-testid="comment-many-toggle"
        >
          <StateIcon name="comment" /> {t('commentMany.open')}
          {selected.size > 0 && <span className="cockpit-count">{selected.size}</span>}
        </button>
      </div>
      <div id={commentId} hidden={!commenting}>
        {commenting && <CommentMany socket={socket} all={all} shown={cards} radar={radar} selected={selected} setSelected={setSelected} />}
      </div>
      {view === 'compact' ? (
        <Compact cards={cards} now={now} openGroup={openGroup} onOpen={onOpen} selecting={commenting} selected={selected} onSelect={toggle} />
      ) : (
        <div className="radar-grid" data-testid="radar" data-view="cards">
          {cards.map((card) => (
            <RadarTile key={card.group.id} card={card} now={now} open={openGroup === card.group.id} selected={selected.has(card.group.id)} onSelect={() => toggle(card.group.id)} onOpen={() => onOpen(card.group.id)} />
          ))}
          {cards.length === 0 && <p className="muted">{t('radar.empty')}</p>}
          <TimingMark />
        </div>
      )}
    </section>
  );
}

/** After the cells (its effects run once theirs are committed): the first-paint measure's end (renderTiming.ts). */
function TimingMark() {
  useLayoutEffect(() => markRadarCommitted());
  useEffect(() => markRadarPainted());
  return null;
}

interface CompactProps {
  cards: RadarCard[];
  now: number;
  openGroup: string | null;
  onOpen: (groupId: string) => void;
  selecting: boolean;
  selected: Set<string>;
  onSelect: (groupId: string) => void;
}

/** Every group on one screen; one tooltip for the cell under the pointer or with keyboard focus. */
function Compact({ cards, now, openGroup, onOpen, selecting, selected, onSelect }: CompactProps) {
  const { t } = useTranslation('console');
  const gridRef = useRef<HTMLUListElement>(null);
  const fit = useFitGrid(gridRef, cards.length, true);
  const [tip, setTip] = useState<{ id: string; rect: DOMRect } | null>(null);
  const hideTimer = useRef<number | undefined>(undefined);
  const describe = useDescribe();

  const show = (el: Element | null) => {
    const cell = el?.closest<HTMLElement>('[data-group-id]');
    window.clearTimeout(hideTimer.current);
    if (cell) setTip({ id: cell.dataset.groupId!, rect: cell.getBoundingClientRect() });
  };
  const hideSoon = () => {
    window.clearTimeout(hideTimer.current);
    hideTimer.current = window.setTimeout(() => setTip(null), 120);
  };
  useEffect(() => {
    if (!tip) return;
    const hide = () => setTip(null);
    window.addEventListener('scroll', hide, { passive: true });
    return () => window.removeEventListener('scroll', hide);
  }, [tip]);
  useEffect(() => () => window.clearTimeout(hideTimer.current), []);

  const tipCard = tip ? cards.find((c) => c.group.id === tip.id) : undefined;
  return (
    <>
      <ul
        ref={gridRef}
        className={`cockpit-grid${fit && fit.height >= 62 ? ' roomy' : ''}`}
        style={fit ? { gridTemplateColumns: `repeat(${fit.cols}, minmax(0, ${fit.width}px))`, gridAutoRows: `${fit.height}px` } : undefined}
        data-testid="radar"
        data-view="compact"
        aria-label={t('radar.cells')}
        onMouseOver={(e: MouseEvent) => show(e.target as Element)}
        onMouseLeave={hideSoon}
        onFocus={(e: FocusEvent) => ((e.target as Element).matches(':focus-visible') ? show(e.target as Element) : setTip(null))}
        onBlur={hideSoon}
        onKeyDown={(e: KeyboardEvent) => e.key === 'Escape' && setTip(null)}
        onClick={() => setTip(null)}
      >
        {/* The cells wait for the fit (measured before the first paint): 200 cells are laid out once, not twice. */}
        {fit && cards.map((card) => (
          <Cell key={card.group.id} card={card} now={now} open={openGroup === card.group.id} onOpen={onOpen} selecting={selecting} selected={selected.has(card.group.id)} onSelect={onSelect} />
        ))}
      </ul>
      {cards.length === 0 && <p className="muted">{t('radar.empty')}</p>}
      {fit && <TimingMark />}
      {tip && tipCard && <Tooltip card={tipCard} rect={tip.rect} lines={describe(tipCard, now)} onEnter={() => window.clearTimeout(hideTimer.current)} onLeave={hideSoon} fit={fit} />}
    </>
  );
}

interface CellProps {
  card: RadarCard;
  now: number;
  open: boolean;
  onOpen: (groupId: string) => void;
  selecting: boolean;
  selected: boolean;
  onSelect: (groupId: string) => void;
}

/** A cell re-renders only when what it shows changed (the view's pushes rebuild every card). */
function sameCell(a: CellProps, b: CellProps): boolean {
  const x = a.card;
  const y = b.card;
  return (
    a.now === b.now &&
    a.open === b.open &&
    a.selecting === b.selecting &&
    a.selected === b.selected &&
    a.onOpen === b.onOpen &&
    a.onSelect === b.onSelect &&
    x.group.id === y.group.id &&
    x.group.name === y.group.name &&
    x.summary === y.summary &&
    x.online === y.online &&
    x.members === y.members &&
    x.help?.at === y.help?.at &&
    x.help?.message === y.help?.message &&
    x.help?.name === y.help?.name
  );
}

/** One group: its state as colour (the tier) and as icons with numbers; the same in words as its description. */
const Cell = memo(function Cell({ card, now, open, onOpen, selecting, selected, onSelect }: CellProps) {
  // (Its own translation hook inside: a language change re-renders it, memo or not.)
  const describe = useDescribe();
  const id = card.group.id;
  const tier = tierOf(card, now);
  const activity = activityOf(card, now);
  const flags = flagCount(card.summary);
  const comments = card.summary?.unresolvedComments ?? 0;
  const descId = `cell-desc-${id}`;
  return (
    <li className={`cockpit-cell tier-${tier}${open ? ' is-open' : ''}${selected ? ' selected' : ''}`} data-testid="radar-tile" data-group-id={id} data-tier={tier}>
      <div className="cockpit-cell-top">
        {/* Choosing groups for a comment: the cell selects instead of opening (a toggle button, no tiny checkbox). */}
        <button
          type="button"
          className="tile-name cockpit-cell-open"
          onClick={() => (selecting ? onSelect(id) : onOpen(id))}
          aria-describedby={descId}
          aria-current={open ? 'true' : undefined}
          aria-pressed={selecting ? selected : undefined}
        >
          {selecting && (
            <span className={selected ? 'cockpit-cell-check on' : 'cockpit-cell-check'} aria-hidden="true">
              {selected && <StateIcon name="check" size={10} />}
            </span>
          )}
          {card.group.name}
        </button>
      </div>
      <div className="cockpit-cell-badges" aria-hidden="true">
        {card.help && (
          <span className="cockpit-badge b-help">
            <StateIcon name="help" size={12} />
          </span>
        )}
        {flags > 0 && (
          <span className="cockpit-badge b-flags">
            <StateIcon name="flag" size={12} />
            {flags}
          </span>
        )}
        {comments > 0 && (
          <span className="cockpit-badge b-comments">
            <StateIcon name="comment" size={12} />
            {comments}
          </span>
        )}
        <span className={`cockpit-badge b-activity a-${activity}`}>
          <StateIcon name={TIER_ICON[activity]} size={12} />
        </span>
        <span className="cockpit-badge b-online">
          <StateIcon name="person" size={12} />
          {card.online}/{card.members}
        </span>
      </div>
      <p className="cockpit-cell-more" aria-hidden="true">
        {card.summary?.preview || '\u00a0'}
      </p>
      <span id={descId} hidden>
        {describe(card, now).join('. ')}
      </span>
    </li>
  );
}, sameCell);

/** The cell's state in words, beside it (visual only: the same words are the cell's description). */
function Tooltip({ card, rect, lines, onEnter, onLeave, fit }: { card: RadarCard; rect: DOMRect; lines: string[]; onEnter: () => void; onLeave: () => void; fit: GridFit | null }) {
  const below = rect.bottom < window.innerHeight * 0.62;
  const left = Math.max(8, Math.min(rect.left, window.innerWidth - 328));
  const style = below ? { top: rect.bottom + 6, left } : { bottom: window.innerHeight - rect.top + 6, left };
  return (
    <div className="cockpit-tooltip" style={style} aria-hidden="true" onMouseEnter={onEnter} onMouseLeave={onLeave} data-testid="cell-tooltip" data-fits={fit?.fits}>
      <strong>{card.group.name}</strong>
      <ul>
        {lines.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
    </div>
  );
}

function RadarTile({ card, now, open, selected, onSelect, onOpen }: { card: RadarCard; now: number; open: boolean; selected: boolean; onSelect: () => void; onOpen: () => void }) {
  const { t } = useTranslation('console');
  const tc = useTranslation('coaching').t;
  const ago = useAgo();
  const describe = useDescribe();
  const s = card.summary;
  const flags = flagCount(s);
  const idle = isIdle(card, now);
  const tier = tierOf(card, now);
  const descId = `tile-desc-${card.group.id}`;
  return (
    <article
      className={`radar-tile cockpit-tile tier-${tier}${card.help ? ' needs-help' : ''}${selected ? ' selected' : ''}${open ? ' is-open' : ''}`}
      data-testid="radar-tile"
      data-group-id={card.group.id}
      data-tier={tier}
      aria-label={card.group.name}
    >
      <header>
        <input type="checkbox" checked={selected} onChange={onSelect} aria-label={t('tile.select', { name: card.group.name })} />
        <button className="tile-name" onClick={onOpen} title={t('tile.open')} aria-describedby={descId} aria-current={open ? 'true' : undefined}>
          {card.group.name}
        </button>
        <span className="count" title={t('tile.countTitle')}>
          <StateIcon name="person" size={12} /> {card.online}/{card.members}
        </span>
      </header>
      <div className="tile-stats">
        <span title={t('tile.statsTitle')}>
          <strong>{s?.objectives ?? 0}</strong> {t('tile.objectives')} · <strong>{s?.keyResults ?? 0}</strong> {t('tile.keyResults')}
        </span>
        {(s?.unresolvedComments ?? 0) > 0 && (
          <span className="tag">
            <StateIcon name="comment" size={12} /> {t('describe.comments', { count: s!.unresolvedComments })}
          </span>
        )}
        {card.help && (
          <span className="tag help">
            <StateIcon name="help" size={12} /> {t('tile.help')}
          </span>
        )}
        <span className={idle ? 'muted small idle' : 'muted small'}>{ago(s?.lastEditAt ?? null, now)}</span>
      </div>
      {flags > 0 && (
        <p className="cockpit-tile-flags">
          <StateIcon name="flag" size={12} /> {flagWords(t, card, 2)}
        </p>
      )}
      {s?.coaching && s.coaching.raised > 0 && (
        <p className="tile-coaching" data-testid="tile-coaching">
          <Sparkline values={s.coaching.series} width={64} height={16} />
          <span className="muted small">{tc('progress.short', s.coaching)}</span>
        </p>
      )}
      <p className="tile-preview" title={s?.preview}>
        {s?.preview || <span className="muted">{t('tile.noDraft')}</span>}
      </p>
      <span id={descId} hidden>
        {describe(card, now).join('. ')}
      </span>
    </article>
  );
}

/** Send one comment to several groups: the selected ones, or every group flagged for a rule (pinned to the flagged items). */
function CommentMany({ socket, all, shown, radar, selected, setSelected }: { socket: ClientSocket | null; all: RadarCard[]; shown: RadarCard[]; radar: Map<string, RadarSummary>; selected: Set<string>; setSelected: (s: Set<string>) => void }) {
  const { t } = useTranslation('console');
  const [text, setText] = useState('');
  const [rule, setRule] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  // Every rule that flags some group, with how many groups it flags; most widespread first.
  const rules = new Map<string, number>();
  for (const c of all) for (const f of topFlags(c.summary)) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
  const ruleList = [...rules].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const selectRule = (r: string) => {
    setRule(r);
    if (r) setSelected(new Set(all.filter((c) => (c.summary?.flags[r]?.length ?? 0) > 0).map((c) => c.group.id)));
  };
  const send = async () => {
    const targets = [...selected].flatMap((groupId): Array<{ groupId: string; itemId: string | null }> => {
      const items = rule ? (radar.get(groupId)?.flags[rule] ?? []) : [];
      return items.length > 0 ? items.map((itemId) => ({ groupId, itemId })) : [{ groupId, itemId: null }];
    });
    const r = await request(socket, 'comment:addMany', { targets, text });
    setStatus(r.ok ? t('commentMany.sent', { count: selected.size, comments: t('commentMany.comments', { count: r.data.count }) }) : r.error.message);
    if (r.ok) {
      setText('');
      setSelected(new Set());
    }
  };
  return (
    <div className="comment-many" data-testid="comment-many">
      <span className="muted small">{t('commentMany.selected', { count: selected.size })}</span>
      <button type="button" className="btn btn-link" onClick={() => setSelected(new Set(shown.map((c) => c.group.id)))}>
        {t('commentMany.selectShown', { count: shown.length })}
      </button>
      {selected.size > 0 && (
        <button type="button" className="btn btn-link" onClick={() => setSelected(new Set())}>
          {t('commentMany.clear')}
        </button>
      )}
      {ruleList.length > 0 && (
        <select value={rule} onChange={(e) => selectRule(e.target.value)} aria-label={t('commentMany.flaggedForLabel')} data-testid="flagged-for">
          <option value="">{t('commentMany.flaggedFor')}</option>
          {ruleList.map(([r, groups]) => (
            <option key={r} value={r}>
              {t('commentMany.flaggedOption', { label: flagName(t, r), count: groups })}
            </option>
          ))}
        </select>
      )}
      <input value={text} maxLength={LIMITS.commentMaxLength} onChange={(e) => setText(e.target.value)} placeholder={t('commentMany.placeholder')} aria-label={t('commentMany.label')} />
      <button className="btn btn-primary" disabled={selected.size === 0 || !text.trim()} onClick={send}>
        {selected.size === 0 ? t('commentMany.sendNone') : t('commentMany.send', { count: selected.size })}
      </button>
      {status && (
        <span className="muted small" role="status">
          {status}
        </span>
      )}
    </div>
  );
}
