/** A group's state in words and icons: the compact radar's cells, their descriptions, the legend. */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { RULE_IDS, type RuleId } from '../../../shared/coach';
import { flagCount, tierOf, topFlags, type RadarCard, type Tier } from './radarOrder';
import { useAgo } from './useAgo';

/** Inline icons of the radar (stroke icons, 24×24 grid; no emoji, no icon font). */
const PATHS = {
  help: 'M12 3a9 9 0 110 18 9 9 0 010-18zm0 13v.5M9.5 9.5a2.5 2.5 0 114 2c-.9.6-1.5 1.1-1.5 2',
  flag: 'M5 21V4m0 0h11l-2 4 2 4H5',
  comment: 'M4 5h16v10H9l-5 4z',
  pencil: 'M4 20l1-4L16 5l3 3L8 19zM14 7l3 3',
  pause: 'M12 3a9 9 0 110 18 9 9 0 010-18zM10 9v6m4-6v6',
  start: 'M12 3a9 9 0 110 18 9 9 0 010-18z',
  empty: 'M12 3a9 9 0 110 18 9 9 0 010-18zM5.6 5.6l12.8 12.8',
  person: 'M12 4a3.5 3.5 0 110 7 3.5 3.5 0 010-7zM5 20c.8-3.5 3.6-5.5 7-5.5s6.2 2 7 5.5',
  prev: 'M15 5l-7 7 7 7',
  next: 'M9 5l7 7-7 7',
  close: 'M6 6l12 12M18 6L6 18',
  menu: 'M4 7h16M4 12h16M4 17h16',
  grid: 'M4 4h6v6H4zm10 0h6v6h-6zM4 14h6v6H4zm10 0h6v6h-6z',
  cards: 'M4 5h16v6H4zm0 8h16v6H4z',
  chevron: 'M6 9l6 6 6-6',
  check: 'M5 12l5 5 9-10',
} as const;
export type StateIconName = keyof typeof PATHS;

export function StateIcon({ name, size = 14 }: { name: StateIconName; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" className="icon">
      <path d={PATHS[name]} />
    </svg>
  );
}

/** The icon of each tier (the activity tiers: the three last; help, flags and comments have their own badge). */
export const TIER_ICON: Record<Tier, StateIconName> = {
  help: 'help',
  flags: 'flag',
  comments: 'comment',
  stalled: 'pause',
  'not-started': 'start',
  drafting: 'pencil',
  empty: 'empty',
};

/** Catalogue keys of the tiers. */
const TIER_KEY = { help: 'help', flags: 'flags', comments: 'comments', stalled: 'stalled', 'not-started': 'notStarted', drafting: 'drafting', empty: 'empty' } as const satisfies Record<Tier, string>;

/** A tier's name ("Asked for help", "Idle", …). */
export function tierName(t: TFunction<'console'>, tier: Tier): string {
  return t(`state.${TIER_KEY[tier]}`);
}

/** How far the draft got, for the activity icon: not started, drafting, idle, or empty. */
export function activityOf(card: RadarCard, now: number): Tier {
  const tier = tierOf({ ...card, help: undefined, summary: card.summary && { ...card.summary, flags: {}, unresolvedComments: 0 } }, now);
  return tier;
}

/** A coach rule's name in the reader's language (an unknown id, from a newer server, as it is). */
export function flagName(t: TFunction<'console'>, rule: string): string {
  return (RULE_IDS as readonly string[]).includes(rule) ? t(`flags.${rule as RuleId}`) : rule;
}

/** The top flags in words: "No baseline ×2, No number ×1, +2 more". */
export function flagWords(t: TFunction<'console'>, card: RadarCard, max = 3): string {
  const flags = topFlags(card.summary);
  const shown = flags.slice(0, max).map((f) => t('describe.flag', { label: flagName(t, f.rule), n: f.count }));
  if (flags.length > max) shown.push(t('describe.moreFlags', { count: flags.length - max }));
  return shown.join(', ');
}

/** Everything a cell stands for, as lines of text: its tooltip and its accessible description. */
export function useDescribe(): (card: RadarCard, now: number) => string[] {
  const { t } = useTranslation('console');
  const tc = useTranslation('coaching').t;
  const ago = useAgo();
  return (card, now) => {
    const s = card.summary;
    const lines: string[] = [];
    if (card.help) lines.push(card.help.message ? t('describe.helpMessage', { name: card.help.name, message: card.help.message }) : t('describe.help', { name: card.help.name }));
    if (flagCount(s) > 0) lines.push(t('describe.flags', { list: flagWords(t, card) }));
    if ((s?.unresolvedComments ?? 0) > 0) lines.push(t('describe.comments', { count: s!.unresolvedComments }));
    if (s?.coaching && s.coaching.raised > 0) lines.push(tc('progress.radar', s.coaching));
    const activity = activityOf(card, now);
    lines.push(tierName(t, activity));
    lines.push(t('describe.online', { online: card.online, members: card.members }));
    if (activity !== 'empty' && activity !== 'not-started') {
      lines.push(t('describe.draft', { objectives: s?.objectives ?? 0, keyResults: s?.keyResults ?? 0, ago: ago(s?.lastEditAt ?? null, now) }));
    }
    return lines;
  };
}

/** What the icons and colours mean, once, above the compact view. */
export function Legend() {
  const { t } = useTranslation('console');
  const items: Array<[StateIconName, string, string]> = [
    ['help', 'help', tierName(t, 'help')],
    ['flag', 'flags', tierName(t, 'flags')],
    ['comment', 'comments', tierName(t, 'comments')],
    ['pause', 'stalled', tierName(t, 'stalled')],
    ['start', 'not-started', tierName(t, 'not-started')],
    ['pencil', 'drafting', tierName(t, 'drafting')],
    ['empty', 'empty', tierName(t, 'empty')],
    ['person', 'online', t('state.online')],
  ];
  return (
    <ul className="cockpit-legend" aria-label={t('radar.legend')}>
      {items.map(([icon, tier, label]) => (
        <li key={tier} className={`cockpit-legend-item tier-${tier}`}>
          <span className="cockpit-swatch">
            <StateIcon name={icon} size={12} />
          </span>
          {label}
        </li>
      ))}
    </ul>
  );
}
