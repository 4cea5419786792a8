/**
 * What the participant room and the console announce to screen-reader users, and what they keep
 * quiet: changes others make that matter to you (comments, replies, help requests, broadcasts,
 * timer warnings, phase changes, new coach hints), never your own actions' echoes, never every
 * timer tick, never remote typing. Each hook compares with what it saw last (in an effect) and
 * hands what is new to the page's announcer, which collapses bursts.
 */
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type * as Y from 'yjs';
import { hintText, type Hint } from '../../../shared/coach';
import type { Comment } from '../../../shared/comments';
import type { Broadcast, HelpRequest, TimerState } from '../../../shared/session';
import type { FacilitatorView, SeatInfo, WorkshopMeta } from '../../../shared/views';
import type { ConsoleMessageKey, ParticipantMessageKey, StatusMessage } from '../../../shared/phaseMessage';
import type { ClientSocket } from '../net/useWorkshopSocket';
import { useAnnounce } from './Announcer';

/** Things older than this when first seen are history (a reload, a late list), not news. */
const FRESH_MS = 30_000;
/** The timer warns this long before it ends (besides "time's up"). */
const TIMER_WARNINGS_MS = [5 * 60_000, 60_000];
/** A change that follows your own command this soon is its echo. */
const ECHO_MS = 5000;

/** "5 minutes", "30 seconds": said, not shown, so rounded to what matters. */
export function spokenDuration(t: TFunction<'live'>, ms: number): string {
  return ms >= 60_000
    ? t('duration.minutes', { count: Math.round(ms / 60_000) })
    : t('duration.seconds', { count: Math.max(1, Math.ceil(ms / 1000)) });
}

function clip(text: string): string {
  return text.length > 140 ? `${text.slice(0, 140)}…` : text;
}

/** New comments and replies someone else wrote on your group's draft (participants). */
export function useCommentAnnouncements(list: Comment[], loaded: boolean, myId: string, enabled: boolean): void {
  const announce = useAnnounce();
  const { t } = useTranslation('live');
  const seen = useRef<Set<string> | null>(null);
  useEffect(() => {
    if (!loaded) return;
    if (seen.current === null) {
      // The list as first loaded is what was there before you came.
      seen.current = new Set(list.map((c) => c.id));
      return;
    }
    for (const c of list) {
      if (seen.current.has(c.id)) continue;
      seen.current.add(c.id);
      if (!enabled || c.authorId === myId) continue;
      const values = { name: c.authorName, text: clip(c.text) };
      announce({
        text: c.parentId ? t('comment.reply', values) : t('comment.new', values),
        key: 'comments',
        many: (count) => t('comment.burst', { count }),
      });
    }
  }, [list, loaded, myId, enabled, announce, t]);
}

/** The timer: started or paused by someone else, 5 and 1 minute left, time's up. Never every tick. */
export function useTimerAnnouncements(timer: TimerState | null, offset: number, isEcho: () => boolean): void {
  const announce = useAnnounce();
  const { t } = useTranslation('live');
  const endsAt = timer?.endsAt ?? null;
  const remainingMs = timer?.remainingMs ?? null;
  const durationMs = timer?.durationMs ?? null;
  const previous = useRef<{ endsAt: number | null; remainingMs: number | null } | null>(null);

  useEffect(() => {
    const before = previous.current;
    previous.current = { endsAt, remainingMs };
    if (before === null) return;
    const now = Date.now() + offset;
    if (endsAt !== null && before.endsAt === null && !isEcho()) {
      announce({ text: t('timer.started', { duration: spokenDuration(t, endsAt - now) }) });
    } else if (endsAt === null && before.endsAt !== null) {
      if (remainingMs === 0) announce({ text: t('timer.up'), politeness: 'assertive' });
      // A timer set anew (remaining = duration) was not paused: it waits for Start, said then.
      else if (remainingMs !== null && remainingMs !== durationMs && !isEcho()) announce({ text: t('timer.paused', { duration: spokenDuration(t, remainingMs) }) });
    }
  }, [endsAt, remainingMs, durationMs, offset, announce, t, isEcho]);

  useEffect(() => {
    if (endsAt === null) return;
    const now = Date.now() + offset;
    const ids: Array<ReturnType<typeof setTimeout>> = [];
    for (const ms of TIMER_WARNINGS_MS) {
      // Only thresholds still ahead: a 3-minute timer never says "5 minutes left".
      if (endsAt - ms > now) ids.push(setTimeout(() => announce({ text: t('timer.left', { duration: spokenDuration(t, ms) }) }), endsAt - ms - now));
    }
    if (endsAt > now) ids.push(setTimeout(() => announce({ text: t('timer.up'), politeness: 'assertive' }), endsAt - now));
    return () => ids.forEach(clearTimeout);
  }, [endsAt, offset, announce, t]);
}

/**
 * The screen's one status message (shared/phaseMessage.ts), spoken when it changes: the same
 * sentence the banner shows, a countdown said as a duration. Closing and closed are urgent.
 * Changes that only follow being placed or sent back to the lobby are said by the group's own
 * announcement; echoes of your own commands are quiet.
 */
function useStatusAnnouncements<K extends string>(
  message: StatusMessage<K> | null,
  speak: (key: K, values: { time: string }) => string,
  offset: number,
  isEcho: () => boolean,
): void {
  const announce = useAnnounce();
  const { t } = useTranslation('live');
  const key = message?.key ?? null;
  const closesAt = message?.params.closesAt;
  const previous = useRef<K | null>(null);
  const speakRef = useRef(speak);
  useEffect(() => {
    speakRef.current = speak;
  }, [speak]);
  useEffect(() => {
    if (key === null) return;
    const before = previous.current;
    previous.current = key;
    if (before === null || before === key || isEcho()) return;
    if ([before, key].some((k) => PLACEMENT_MESSAGES.has(k))) return;
    const time = closesAt === undefined ? '' : spokenDuration(t, closesAt - (Date.now() + offset));
    announce({ text: speakRef.current(key, { time }), politeness: URGENT_MESSAGES.has(key) ? 'assertive' : 'polite' });
    // A closing countdown's end time is part of the message it changes to, not a change of its own.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, announce, t, isEcho, offset]);
}

/** The teaching board shown to everyone, or taken down (issue #23); not when `isEcho` says this page did it. */
function useBoardAnnouncements(shown: boolean | null, isEcho: () => boolean): void {
  const announce = useAnnounce();
  const { t } = useTranslation('live');
  const previous = useRef<boolean | null>(null);
  useEffect(() => {
    if (shown === null) return;
    const before = previous.current;
    previous.current = shown;
    if (before === null || before === shown || isEcho()) return;
    announce({ text: shown ? t('board.shown') : t('board.takenDown') });
  }, [shown, announce, t, isEcho]);
}

const URGENT_MESSAGES = new Set<string>(['breakoutsClosing', 'breakoutsClosed']);
const PLACEMENT_MESSAGES = new Set<string>(['pickGroup', 'waitForGroup']);

const never = () => false;
/** The console's commands that change its status message. */
const STATUS_EVENTS = ['phase:set', 'breakouts:close', 'breakouts:reopen', 'spotlight:set', 'peers:set', 'peers:auto'];

/** Everything a participant hears about the session: broadcasts, timer, the status message, being placed in a group. */
export function useRoomAnnouncements(
  meta: WorkshopMeta | null,
  seat: SeatInfo | null,
  groupBroadcasts: Broadcast[],
  offset: number,
  status: StatusMessage<ParticipantMessageKey> | null,
): void {
  const announce = useAnnounce();
  const { t } = useTranslation('live');
  const room = useTranslation('room').t;
  useTimerAnnouncements(meta?.timer ?? null, offset, never);
  useStatusAnnouncements(status, (key, values) => room(`status.${key}`, values), offset, never);
  useBoardAnnouncements(meta ? meta.board !== null : null, never);

  const heard = useRef(new Set<string>());
  const broadcasts = meta?.broadcasts;
  useEffect(() => {
    const now = Date.now() + offset;
    for (const b of [...(broadcasts ?? []), ...groupBroadcasts]) {
      if (heard.current.has(b.id)) continue;
      heard.current.add(b.id);
      if (now - b.at > FRESH_MS) continue;
      announce({
        text: t('broadcast.one', { text: clip(b.text) }),
        politeness: 'assertive',
        key: 'broadcasts',
        many: (count) => t('broadcast.burst', { count }),
      });
    }
  }, [broadcasts, groupBroadcasts, offset, announce, t]);

  const groupId = seat?.groupId;
  const groupName = meta?.groups.find((g) => g.id === groupId)?.name ?? null;
  const placed = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (groupId === undefined || (groupId !== null && groupName === null)) return;
    const before = placed.current;
    placed.current = groupId;
    if (before === undefined || before === groupId) return;
    announce({ text: groupId === null ? t('group.lobby') : t('group.placed', { group: groupName }) });
  }, [groupId, groupName, announce, t]);
}

/** The facilitator's console: replies and comments from groups, help requests (urgent), timer, phase changes others made. */
export function useConsoleAnnouncements(view: FacilitatorView, socket: ClientSocket | null, offset: number, status: StatusMessage<ConsoleMessageKey>): void {
  const announce = useAnnounce();
  const { t } = useTranslation('live');
  const console = useTranslation('console').t;

  // This console's own commands, by event: their echoes are not news.
  const sent = useRef(new Map<string, number>());
  useEffect(() => {
    if (!socket) return;
    const record = (event: string) => sent.current.set(event, Date.now());
    socket.onAnyOutgoing(record);
    return () => {
      socket.offAnyOutgoing(record);
    };
  }, [socket]);
  const isEcho = useCallback((event: string) => Date.now() - (sent.current.get(event) ?? -Infinity) < ECHO_MS, []);
  const isTimerEcho = useCallback(() => isEcho('timer:control'), [isEcho]);

  useTimerAnnouncements(view.session.timer, offset, isTimerEcho);
  const isStatusEcho = useCallback(() => STATUS_EVENTS.some(isEcho), [isEcho]);
  useStatusAnnouncements(status, (key, values) => console(`status.${key}`, values), offset, isStatusEcho);
  const isBoardEcho = useCallback(() => isEcho('board:set'), [isEcho]);
  useBoardAnnouncements((view.session.board ?? null) !== null, isBoardEcho);

  const groups = view.meta.groups;
  const groupName = useRef((id: string) => id);
  useEffect(() => {
    groupName.current = (id) => groups.find((g) => g.id === id)?.name ?? id;
  }, [groups]);

  useEffect(() => {
    if (!socket) return;
    const seen = new Set<string>();
    const onComment = (c: Comment) => {
      if (seen.has(c.id)) return;
      seen.add(c.id);
      // Facilitators' own comments are not news here; an old thread resolved now is not new.
      if (c.kind === 'coach' || Date.now() + offset - c.createdAt > FRESH_MS) return;
      const values = { group: groupName.current(c.groupId), name: c.authorName, text: clip(c.text) };
      announce({
        text: c.parentId ? t('comment.replyInGroup', values) : t('comment.newInGroup', values),
        key: 'comments',
        many: (count) => t('comment.burst', { count }),
      });
    };
    socket.on('comment:upsert', onComment);
    return () => {
      socket.off('comment:upsert', onComment);
    };
  }, [socket, offset, announce, t]);

  const help = view.session.help;
  const known = useRef<Set<string> | null>(null);
  useEffect(() => {
    const key = (h: HelpRequest) => `${h.groupId}@${h.at}`;
    if (known.current === null) {
      known.current = new Set(help.map(key));
      return;
    }
    for (const h of help) {
      if (known.current.has(key(h))) continue;
      known.current.add(key(h));
      const values = { group: groupName.current(h.groupId), name: h.name, message: clip(h.message) };
      announce({
        text: h.message ? t('help.requestMessage', values) : t('help.request', values),
        politeness: 'assertive',
        key: 'help',
        many: (count) => t('help.burst', { count }),
      });
    }
  }, [help, announce, t]);
}

/**
 * Coach hints that are new since the last announcement, once they settle after a pause in typing,
 * and only after your own edits (a hint on what someone else is typing is theirs to hear).
 */
export function useHintAnnouncements(doc: Y.Doc, hints: Map<string, Hint[]>, enabled: boolean): void {
  const announce = useAnnounce();
  const { t, i18n } = useTranslation('live');
  const editedHere = useRef(false);
  useEffect(() => {
    const onTransaction = (tx: Y.Transaction) => {
      if (tx.local) editedHere.current = true;
    };
    doc.on('afterTransaction', onTransaction);
    return () => doc.off('afterTransaction', onTransaction);
  }, [doc]);

  const said = useRef<Set<string> | null>(null);
  useEffect(() => {
    const all = [...hints.values()].flat();
    const current = new Set(all.map((h) => `${h.itemId}:${h.rule}`));
    const before = said.current;
    said.current = current;
    const local = editedHere.current;
    editedHere.current = false;
    if (before === null || !enabled || !local) return;
    const fresh = all.filter((h) => !before.has(`${h.itemId}:${h.rule}`));
    if (fresh.length === 0) return;
    announce({
      text: fresh.length === 1 ? t('hints.one', { message: hintText(i18n.t, fresh[0]!).message }) : t('hints.burst', { count: fresh.length }),
    });
  }, [hints, enabled, announce, t, i18n]);
}
