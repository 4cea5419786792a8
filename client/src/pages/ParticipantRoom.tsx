/** A participant's live view: their group and who is in it, the phase, and the group picker when allowed. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Icon } from '../components/Icon';
import { ExportButtons } from '../components/ExportButtons';
import type { GroupMembers, GroupSummary, SeatInfo, WorkshopHeader, WorkshopMeta } from '../../../shared/views';
import { ConnectionBadge, OnlineDot, PhaseBadge } from '../components/Badges';
import { CopyField } from '../components/CopyField';
import { Shell } from '../components/Shell';
import { request, useServerEvent, useWorkshopSocket } from '../net/useWorkshopSocket';
import { colorFor, type PresenceUser } from '../net/useGroupDoc';
import { LiveGroupDraft } from '../editor/LiveGroupDraft';
import { useCommentsApi } from '../editor/useCommentsApi';
import { groupAccess, type GroupAccess } from '../../../shared/access';
import { BroadcastBanners, ClosingBanner, TimerPill } from '../components/SessionWidgets';
import { useServerOffset } from '../net/useSession';
import type { Broadcast, HelpRequest } from '../../../shared/session';
import type { Comment } from '../../../shared/comments';
import type { OkrRules } from '../../../shared/okrRules';
import { useRef } from 'react';
import type { ClientSocket } from '../net/useWorkshopSocket';
import { useCommentAnnouncements, useRoomAnnouncements } from '../a11y/useLiveAnnouncements';

interface Props {
  workshopId: string;
  seatToken: string;
  onGone: () => void;
  onSeatLost: (message: string) => void;
}

export function ParticipantRoom({ workshopId, seatToken, onGone, onSeatLost }: Props) {
  const { socket, state, refusal } = useWorkshopSocket(workshopId, { seatToken });
  const [header, setHeader] = useState<WorkshopHeader | null>(null);
  const [groups, setGroups] = useState<GroupSummary[] | null>(null);
  const [seat, setSeat] = useState<SeatInfo | null>(null);
  const [members, setMembers] = useState<GroupMembers | null>(null);

  useServerEvent(socket, 'workshop:meta', setHeader);
  useServerEvent(socket, 'workshop:groups', setGroups);
  // Sent apart (the group list is large, the rest changes often), shown together.
  const meta = useMemo<WorkshopMeta | null>(() => (header && groups ? { ...header, groups } : null), [header, groups]);
  useServerEvent(socket, 'seat:updated', setSeat);
  useServerEvent(socket, 'group:members', setMembers);
  useServerEvent(
    socket,
    'seat:removed',
    useCallback(() => onSeatLost('The facilitator removed you from this workshop. You can join again below.'), [onSeatLost]),
  );
  useServerEvent(socket, 'workshop:deleted', onGone);

  useEffect(() => {
    if (refusal === 'not_found') onGone();
    else if (refusal === 'unauthorized') onSeatLost('Your seat is no longer valid for this workshop. Join again below.');
  }, [refusal, onGone, onSeatLost]);

  const group = meta && seat?.groupId ? meta.groups.find((g) => g.id === seat.groupId) : undefined;
  const roster = members && members.groupId === seat?.groupId ? members.members : [];
  const seatUrl = `${location.origin}/w/${workshopId}#seat=${seatToken}`;
  const offset = useServerOffset(socket);
  const user = seat ? { id: seat.participantId, name: seat.name, color: colorFor(seat.participantId) } : null;
  const partners = meta && seat?.groupId ? (meta.peers[seat.groupId] ?? []) : [];
  const own = meta && group ? groupAccess(meta, { role: 'participant', groupId: group.id }, group.id) : null;
  useRoomAnnouncements(meta, seat, members && members.groupId === seat?.groupId ? members.broadcasts : NO_BROADCASTS, offset);

  return (
    <Shell right={<ConnectionBadge state={state} />}>
      {!meta || !seat || !user ? (
        <section className="card narrow center">
          <p className="muted">Connecting to your workshop…</p>
        </section>
      ) : (
        <div className="participant">
          <header className="room-header">
            <div>
              <p className="eyebrow">{meta.title}</p>
              <h1 data-testid="group-name">{group ? group.name : 'Lobby'}</h1>
              <p className="muted">
                Signed in as <strong data-testid="my-name">{seat.name}</strong>
              </p>
            </div>
            <span className="header-pills">
              <TimerPill meta={meta} offset={offset} />
              <PhaseBadge phase={meta.phase} />
            </span>
          </header>

          <BroadcastBanners broadcasts={[...meta.broadcasts, ...(members?.groupId === seat.groupId ? members.broadcasts : [])]} />
          <ClosingBanner meta={meta} offset={offset} />

          {meta.spotlight && meta.spotlight === seat.groupId && (
            <div className="banner own-spotlight" role="status">Your group's draft is being shared with everyone right now.</div>
          )}
          {meta.spotlight && meta.spotlight !== seat.groupId && (
            <section className="spotlight" aria-label="Shared with everyone" data-testid="spotlight">
              <LiveGroupDraft
                key={`spot-${meta.spotlight}`}
                workshopId={workshopId}
                groupId={meta.spotlight}
                socket={socket}
                user={user}
                observer
                readOnly
                readOnlyReason="Shared back by the facilitator — read-only."
                title={`Shared with everyone: ${meta.groups.find((g) => g.id === meta.spotlight)?.name ?? ''}`}
                rules={meta.rules}
              />
            </section>
          )}

          {group ? (
            <>
              <section className="card roster-card" aria-label="Your group">
                <div className="roster-row">
                  <ul className="roster" data-testid="roster">
                    {roster.map((m) => (
                      <li key={m.id} className={m.online ? '' : 'offline'}>
                        <OnlineDot online={m.online} /> {m.name}
                        {m.id === seat.participantId && <span className="muted"> (you)</span>}
                      </li>
                    ))}
                  </ul>
                  <HelpButton socket={socket} requested={members?.help ?? null} />
                </div>
                <p className="muted small">{phaseHint(meta.phase)}</p>
              </section>
              <div className={partners.length > 0 ? 'review-grid' : ''}>
                <GroupWithComments
                  socket={socket}
                  workshopId={workshopId}
                  groupId={group.id}
                  user={user}
                  readOnly={own?.level !== 'write'}
                  readOnlyReason={readOnlyReason(own)}
                  canResolve
                  myId={seat.participantId}
                  rules={meta.rules}
                />
                {partners.map((partnerId) => (
                  <GroupWithComments
                    key={partnerId}
                    socket={socket}
                    workshopId={workshopId}
                    groupId={partnerId}
                    user={user}
                    readOnly
                    readOnlyReason="Peer review: read their draft and leave peer comments."
                    title={`Peer review: ${meta.groups.find((g) => g.id === partnerId)?.name ?? ''}`}
                    canResolve={false}
                    observer
                    myId={seat.participantId}
                    rules={meta.rules}
                  />
                ))}
              </div>
            </>
          ) : (
            <Lobby meta={meta} />
          )}

          {meta.assignment === 'self-select' && meta.phase !== 'ended' && (
            <GroupPicker meta={meta} currentGroupId={seat.groupId} onChoose={(groupId) => request(socket, 'group:choose', { groupId })} />
          )}

          {group && (
            <div className="participant-export">
              <ExportButtons workshopId={workshopId} token={seatToken} label="Download our draft" />
            </div>
          )}

          <details className="card subtle">
            <summary>Continue on another device</summary>
            <p className="muted small">Open this personal link on your phone or another browser to be the same person in the same group. Don't share it.</p>
            <CopyField label="Your seat link" value={seatUrl} testId="seat-url" />
          </details>
        </div>
      )}
    </Shell>
  );
}

const NO_BROADCASTS: Broadcast[] = [];

function phaseHint(phase: WorkshopMeta['phase']): string {
  switch (phase) {
    case 'lobby':
      return 'The facilitator will open the breakouts soon.';
    case 'breakouts':
      return 'Breakouts are open: draft your OKRs together.';
    case 'plenary':
      return 'Back in the main room: listen in, your draft is kept.';
    case 'ended':
      return 'The workshop has ended. Thank you!';
    default: {
      const never: never = phase;
      return never;
    }
  }
}

function Lobby({ meta }: { meta: WorkshopMeta }) {
  return (
    <section className="card center" data-testid="lobby">
      <div className="gone-icon" aria-hidden="true">☕</div>
      <h2>You're in the lobby</h2>
      <p className="muted">
        {meta.assignment === 'self-select'
          ? 'Pick a group below to get started.'
          : 'The facilitator will place you in a group shortly. This page updates on its own.'}
      </p>
    </section>
  );
}

function GroupPicker({
  meta,
  currentGroupId,
  onChoose,
}: {
  meta: WorkshopMeta;
  currentGroupId: string | null;
  onChoose: (groupId: string) => Promise<{ ok: boolean; error?: { message: string } }>;
}) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-label="Choose a group">
      <h2>{currentGroupId ? 'Switch group' : 'Choose a group'}</h2>
      <ul className="group-picker">
        {meta.groups.map((g) => {
          const count = g.memberCount ?? 0;
          const full = meta.maxGroupSize !== null && count >= meta.maxGroupSize;
          const mine = g.id === currentGroupId;
          return (
            <li key={g.id}>
              <span>
                <strong>{g.name}</strong>{' '}
                <span className="muted">
                  {count}
                  {meta.maxGroupSize !== null ? ` / ${meta.maxGroupSize}` : ''} people
                </span>
              </span>
              <button
                className="btn btn-secondary"
                disabled={mine || full}
                onClick={async () => {
                  setError(null);
                  const r = await onChoose(g.id);
                  if (!r.ok) setError(r.error?.message ?? 'Could not join that group.');
                }}
              >
                {mine ? 'Your group' : full ? 'Full' : 'Join'}
              </button>
            </li>
          );
        })}
      </ul>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function readOnlyReason(access: GroupAccess | null): string {
  const frozen = access?.frozen ?? null;
  switch (frozen) {
    case 'breakoutsClosed':
      return 'Breakouts are closed: the draft is read-only until the facilitator reopens them.';
    case 'ended':
      return 'The workshop has ended: the draft is kept read-only.';
    case 'plenary':
      return 'Back in plenary: the draft is read-only until the next breakout.';
    case null:
      return 'The draft is read-only right now.';
    default: {
      const never: never = frozen;
      return never;
    }
  }
}

function HelpButton({ socket, requested }: { socket: ClientSocket | null; requested: HelpRequest | null }) {
  if (requested) {
    return (
      <span className="help-state" data-testid="help-state">
        <Icon name="help" /> Help requested by {requested.name}{' '}
        <button className="btn btn-link" onClick={() => request(socket, 'help:cancel', {})}>
          Cancel
        </button>
      </span>
    );
  }
  return (
    <button className="btn btn-secondary" onClick={() => request(socket, 'help:request', { message: '' })} data-testid="ask-help">
      <Icon name="help" /> Ask for help
    </button>
  );
}

interface GroupWithCommentsProps {
  socket: ClientSocket | null;
  workshopId: string;
  groupId: string;
  user: PresenceUser;
  readOnly: boolean;
  readOnlyReason: string;
  title?: string;
  canResolve: boolean;
  myId: string;
  observer?: boolean;
  rules: OkrRules;
}

/** A group's live draft with its comments, and a subtle notice when someone else comments. */
function GroupWithComments(props: GroupWithCommentsProps) {
  const api = useCommentsApi(props.socket, props.groupId, props.canResolve);
  const notice = useNewCommentNotice(api.list, api.loaded, props.myId);
  useCommentAnnouncements(api.list, api.loaded, props.myId, !props.observer);
  return (
    <div>
      {notice && (
        <div className="toast notice-toast" data-testid="comment-notice">
          <Icon name="comment" /> New comment from <strong>{notice.authorName}</strong>: “{notice.text.slice(0, 80)}”
        </div>
      )}
      <LiveGroupDraft
        workshopId={props.workshopId}
        groupId={props.groupId}
        socket={props.socket}
        user={props.user}
        readOnly={props.readOnly}
        readOnlyReason={props.readOnlyReason}
        comments={api}
        title={props.title}
        observer={props.observer}
        rules={props.rules}
      />
    </div>
  );
}

/** The latest comment someone else wrote since the list first loaded, shown for a few seconds. */
function useNewCommentNotice(list: Comment[], loaded: boolean, myId: string): Comment | null {
  const seen = useRef<Set<string> | null>(null);
  const [notice, setNotice] = useState<Comment | null>(null);
  useEffect(() => {
    if (!loaded) return;
    if (seen.current === null) {
      seen.current = new Set(list.map((c) => c.id));
      return;
    }
    const fresh = list.filter((c) => !seen.current!.has(c.id));
    for (const c of fresh) seen.current.add(c.id);
    const other = fresh.filter((c) => c.authorId !== myId).at(-1);
    if (!other) return;
    setNotice(other);
    const id = setTimeout(() => setNotice(null), 6000);
    return () => clearTimeout(id);
  }, [list, loaded, myId]);
  return notice;
}
