/** The radar: every group at a glance, sorted by who needs attention, with multi-group comments. */
import { useState } from 'react';
import { Icon } from '../components/Icon';
import type { FacilitatorView, RadarSummary } from '../../../shared/views';
import { LIMITS } from '../../../shared/limits';
import { formatAgo, useServerNow } from '../net/useSession';
import { request, type ClientSocket } from '../net/useWorkshopSocket';
import { buildCards, filterCards, FILTERS, flagCount, isIdle, sortCards, SORTS, type RadarCard, type RadarFilter, type RadarSort } from './radarOrder';

const FILTER_LABELS: Record<RadarFilter, string> = {
  all: 'All',
  attention: 'Needs attention',
  help: 'Asked for help',
  'no-krs': 'No key results',
  flagged: 'Coach flags',
  idle: 'Idle',
};
const SORT_LABELS: Record<RadarSort, string> = { attention: 'Needs attention first', name: 'Name', activity: 'Last activity' };

interface Props {
  view: FacilitatorView;
  radar: Map<string, RadarSummary>;
  socket: ClientSocket | null;
  offset: number;
  onOpen: (groupId: string) => void;
}

export function Radar({ view, radar, socket, offset, onOpen }: Props) {
  const [sort, setSort] = useState<RadarSort>('attention');
  const [filter, setFilter] = useState<RadarFilter>('all');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const now = useServerNow(offset, true, 15_000);
  const all = buildCards(view.meta.groups, view.participants, radar, view.session.help);
  const cards = sortCards(filterCards(all, filter, now), sort, now);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));

  return (
    <section aria-label="Radar">
      <div className="radar-controls">
        <div className="chips" role="group" aria-label="Filter">
          {FILTERS.map((f) => (
            <button key={f} className={filter === f ? 'chip active' : 'chip'} aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {FILTER_LABELS[f]} <span className="muted">{filterCards(all, f, now).length}</span>
            </button>
          ))}
        </div>
        <label className="sort">
          <span className="muted small">Sort</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as RadarSort)} aria-label="Sort groups">
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {SORT_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <CommentMany socket={socket} cards={all} radar={radar} selected={selected} setSelected={setSelected} />
      <div className="radar-grid" data-testid="radar">
        {cards.map((card) => (
          <RadarTile key={card.group.id} card={card} now={now} selected={selected.has(card.group.id)} onSelect={() => toggle(card.group.id)} onOpen={() => onOpen(card.group.id)} />
        ))}
        {cards.length === 0 && <p className="muted">No group matches this filter.</p>}
      </div>
    </section>
  );
}

function RadarTile({ card, now, selected, onSelect, onOpen }: { card: RadarCard; now: number; selected: boolean; onSelect: () => void; onOpen: () => void }) {
  const s = card.summary;
  const flags = flagCount(s);
  const idle = isIdle(card, now);
  return (
    <article className={`radar-tile${card.help ? ' needs-help' : ''}${selected ? ' selected' : ''}`} data-testid="radar-tile" aria-label={card.group.name}>
      <header>
        <input type="checkbox" checked={selected} onChange={onSelect} aria-label={`Select ${card.group.name}`} />
        <button className="tile-name" onClick={onOpen} title="Open this group">
          {card.group.name}
        </button>
        <span className="count" title="online / members">
          {card.online}/{card.members}
        </span>
      </header>
      <div className="tile-stats">
        <span title="objectives · key results">
          <strong>{s?.objectives ?? 0}</strong> O · <strong>{s?.keyResults ?? 0}</strong> KR
        </span>
        {flags > 0 && (
          <span className="tag flag" title={Object.keys(s!.flags).join(', ')}>
            ⚑ {flags}
          </span>
        )}
        {(s?.unresolvedComments ?? 0) > 0 && <span className="tag" title="open comment threads">
            <Icon name="comment" size={12} /> {s!.unresolvedComments}
          </span>}
        {card.help && <span className="tag help">
            <Icon name="help" size={12} /> help
          </span>}
        <span className={idle ? 'muted small idle' : 'muted small'}>{formatAgo(s?.lastEditAt ?? null, now)}</span>
      </div>
      <p className="tile-preview" title={s?.preview}>
        {s?.preview || <span className="muted">Nothing drafted yet</span>}
      </p>
    </article>
  );
}

/** Send one comment to several groups: the selected ones, or every group flagged for a rule (pinned to the flagged items). */
function CommentMany({ socket, cards, radar, selected, setSelected }: { socket: ClientSocket | null; cards: RadarCard[]; radar: Map<string, RadarSummary>; selected: Set<string>; setSelected: (s: Set<string>) => void }) {
  const [text, setText] = useState('');
  const [rule, setRule] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const rules = [...new Set([...radar.values()].flatMap((s) => Object.keys(s.flags)))].sort();
  const selectRule = (r: string) => {
    setRule(r);
    if (r) setSelected(new Set(cards.filter((c) => (c.summary?.flags[r]?.length ?? 0) > 0).map((c) => c.group.id)));
  };
  const send = async () => {
    const targets = [...selected].flatMap((groupId): Array<{ groupId: string; itemId: string | null }> => {
      const items = rule ? (radar.get(groupId)?.flags[rule] ?? []) : [];
      return items.length > 0 ? items.map((itemId) => ({ groupId, itemId })) : [{ groupId, itemId: null }];
    });
    const r = await request(socket, 'comment:addMany', { targets, text });
    setStatus(r.ok ? `Sent to ${selected.size} group${selected.size === 1 ? '' : 's'} (${r.data.count} comment${r.data.count === 1 ? '' : 's'}).` : r.error.message);
    if (r.ok) {
      setText('');
      setSelected(new Set());
    }
  };
  return (
    <div className="comment-many">
      <span className="muted small">{selected.size} selected</span>
      {rules.length > 0 && (
        <select value={rule} onChange={(e) => selectRule(e.target.value)} aria-label="Select groups flagged for">
          <option value="">Select groups flagged for…</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      )}
      <input value={text} maxLength={LIMITS.commentMaxLength} onChange={(e) => setText(e.target.value)} placeholder="Comment to the selected groups…" aria-label="Comment to selected groups" />
      <button className="btn btn-primary" disabled={selected.size === 0 || !text.trim()} onClick={send}>
        Send to {selected.size || ''} group{selected.size === 1 ? '' : 's'}
      </button>
      {status && <span className="muted small" role="status">{status}</span>}
    </div>
  );
}
