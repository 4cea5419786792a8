/** The radar: every group at a glance, sorted by who needs attention, with multi-group comments. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { RULE_IDS, type RuleId } from '../../../shared/coach';
import { Icon } from '../components/Icon';
import type { FacilitatorView, RadarSummary } from '../../../shared/views';
import { LIMITS } from '../../../shared/limits';
import { useServerNow } from '../net/useSession';
import { request, type ClientSocket } from '../net/useWorkshopSocket';
import { buildCards, filterCards, FILTERS, flagCount, isIdle, sortCards, SORTS, type RadarCard, type RadarFilter, type RadarSort } from './radarOrder';
import { useAgo } from './useAgo';

/** Catalogue keys of the filters (the filter values are code). */
const FILTER_KEYS = { all: 'all', attention: 'attention', help: 'help', 'no-krs': 'noKrs', flagged: 'flagged', idle: 'idle' } as const satisfies Record<RadarFilter, string>;

/** A coach rule's short name, for the flag list and the "flagged for" menu (an unknown id as it is). */
function flagName(t: TFunction<'console'>, rule: string): string {
  return (RULE_IDS as readonly string[]).includes(rule) ? t(`flags.${rule as RuleId}`) : rule;
}

interface Props {
  view: FacilitatorView;
  radar: Map<string, RadarSummary>;
  socket: ClientSocket | null;
  offset: number;
  onOpen: (groupId: string) => void;
}

export function Radar({ view, radar, socket, offset, onOpen }: Props) {
  const { t } = useTranslation('console');
  const [sort, setSort] = useState<RadarSort>('attention');
  const [filter, setFilter] = useState<RadarFilter>('all');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const now = useServerNow(offset, true, 15_000);
  const all = buildCards(view.meta.groups, view.participants, radar, view.session.help);
  const cards = sortCards(filterCards(all, filter, now), sort, now);
  const toggle = (id: string) => setSelected((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set(s).add(id)));

  return (
    <section aria-label={t('radar.label')}>
      <div className="radar-controls">
        <div className="chips" role="group" aria-label={t('radar.filter')}>
          {FILTERS.map((f) => (
            <button key={f} className={filter === f ? 'chip active' : 'chip'} aria-pressed={filter === f} onClick={() => setFilter(f)}>
              {t(`radar.filters.${FILTER_KEYS[f]}`)} <span className="muted">{filterCards(all, f, now).length}</span>
            </button>
          ))}
        </div>
        <label className="sort">
          <span className="muted small">{t('radar.sort')}</span>
          <select value={sort} onChange={(e) => setSort(e.target.value as RadarSort)} aria-label={t('radar.sortLabel')}>
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {t(`radar.sorts.${s}`)}
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
        {cards.length === 0 && <p className="muted">{t('radar.empty')}</p>}
      </div>
    </section>
  );
}

function RadarTile({ card, now, selected, onSelect, onOpen }: { card: RadarCard; now: number; selected: boolean; onSelect: () => void; onOpen: () => void }) {
  const { t } = useTranslation('console');
  const ago = useAgo();
  const s = card.summary;
  const flags = flagCount(s);
  const idle = isIdle(card, now);
  return (
    <article className={`radar-tile${card.help ? ' needs-help' : ''}${selected ? ' selected' : ''}`} data-testid="radar-tile" aria-label={card.group.name}>
      <header>
        <input type="checkbox" checked={selected} onChange={onSelect} aria-label={t('tile.select', { name: card.group.name })} />
        <button className="tile-name" onClick={onOpen} title={t('tile.open')}>
          {card.group.name}
        </button>
        <span className="count" title={t('tile.countTitle')}>
          {card.online}/{card.members}
        </span>
      </header>
      <div className="tile-stats">
        <span title={t('tile.statsTitle')}>
          <strong>{s?.objectives ?? 0}</strong> {t('tile.objectives')} · <strong>{s?.keyResults ?? 0}</strong> {t('tile.keyResults')}
        </span>
        {flags > 0 && (
          <span className="tag flag" title={Object.keys(s!.flags).map((r) => flagName(t, r)).join(', ')}>
            ⚑ {flags}
          </span>
        )}
        {(s?.unresolvedComments ?? 0) > 0 && <span className="tag" title={t('tile.comments')}>
            <Icon name="comment" size={12} /> {s!.unresolvedComments}
          </span>}
        {card.help && <span className="tag help">
            <Icon name="help" size={12} /> {t('tile.help')}
          </span>}
        <span className={idle ? 'muted small idle' : 'muted small'}>{ago(s?.lastEditAt ?? null, now)}</span>
      </div>
      <p className="tile-preview" title={s?.preview}>
        {s?.preview || <span className="muted">{t('tile.noDraft')}</span>}
      </p>
    </article>
  );
}

/** Send one comment to several groups: the selected ones, or every group flagged for a rule (pinned to the flagged items). */
function CommentMany({ socket, cards, radar, selected, setSelected }: { socket: ClientSocket | null; cards: RadarCard[]; radar: Map<string, RadarSummary>; selected: Set<string>; setSelected: (s: Set<string>) => void }) {
  const { t } = useTranslation('console');
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
    setStatus(r.ok ? t('commentMany.sent', { count: selected.size, comments: t('commentMany.comments', { count: r.data.count }) }) : r.error.message);
    if (r.ok) {
      setText('');
      setSelected(new Set());
    }
  };
  return (
    <div className="comment-many">
      <span className="muted small">{t('commentMany.selected', { count: selected.size })}</span>
      {rules.length > 0 && (
        <select value={rule} onChange={(e) => selectRule(e.target.value)} aria-label={t('commentMany.flaggedForLabel')}>
          <option value="">{t('commentMany.flaggedFor')}</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {flagName(t, r)}
            </option>
          ))}
        </select>
      )}
      <input value={text} maxLength={LIMITS.commentMaxLength} onChange={(e) => setText(e.target.value)} placeholder={t('commentMany.placeholder')} aria-label={t('commentMany.label')} />
      <button className="btn btn-primary" disabled={selected.size === 0 || !text.trim()} onClick={send}>
        {selected.size === 0 ? t('commentMany.sendNone') : t('commentMany.send', { count: selected.size })}
      </button>
      {status && <span className="muted small" role="status">{status}</span>}
    </div>
  );
}
