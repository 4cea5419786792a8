/** A participant's live view: their group and who is in it, the phase, and the group picker when allowed. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { ExportButtons } from '../components/ExportButtons';
import type { GroupMembers, GroupSummary, SeatInfo, WorkshopHeader, WorkshopMeta } from '../../../shared/views';
import { ConnectionBadge, OnlineDot, PhaseBadge } from '../components/Badges';
import { CopyField } from '../components/CopyField';
import { Shell } from '../components/Shell';
import { request, useServerEvent, useWorkshopSocket } from '../net/useWorkshopSocket';
import { colorFor, type PresenceUser } from '../net/useGroupDoc';
import { LiveGroupDraft } from '../editor/LiveGroupDraft';
import { LiveOkrPresentation, PresentationStage } from '../editor/OkrPresentation';
import { PeerReviewPrompt } from '../editor/PeerReviewPrompt';
import { useCommentsApi } from '../editor/useCommentsApi';
import { BroadcastBanners, TimerPill } from '../components/SessionWidgets';
import { StatusBanner, usePhaseStatus } from '../components/StatusBanner';
import { ConnectionContext, useConnectionHub } from '../net/connection';
import type { PhaseInput } from '../../../shared/phaseMessage';
import { useServerOffset } from '../net/useSession';
import type { Broadcast, HelpRequest } from '../../../shared/session';
import type { Comment } from '../../../shared/comments';
import type { OkrRules } from '../../../shared/okrRules';
import type { ClientSocket } from '../net/useWorkshopSocket';
import { useWorkshopLanguage } from '../i18n';
import { withElements } from '../i18nParts';
import { useCommentAnnouncements, useRoomAnnouncements } from '../a11y/useLiveAnnouncements';
import type { BoardView } from '../../../shared/coaching';
import { TeachingBoard } from '../coaching/TeachingBoard';

/** Why a seat was lost, for the join page to say (in the language shown then, not when it was lost). */
export type SeatLost = 'removed' | 'invalid';

interface Props {
  workshopId: string;
  seatToken: string;
  onGone: () => void;
  onSeatLost: (why: SeatLost) => void;
}

export function ParticipantRoom({ workshopId, seatToken, onGone, onSeatLost }: Props) {
  const { t } = useTranslation('room');
  const tc = useTranslation('coaching').t;
  const { socket, state, refusal } = useWorkshopSocket(workshopId, { seatToken });
  const hub = useConnectionHub(state, socket);
  const [header, setHeader] = useState<WorkshopHeader | null>(null);
  const [groups, setGroups] = useState<GroupSummary[] | null>(null);
  const [seat, setSeat] = useState<SeatInfo | null>(null);
  const [members, setMembers] = useState<GroupMembers | null>(null);
  const [board, setBoard] = useState<BoardView | null>(null);

  useServerEvent(socket, 'workshop:meta', setHeader);
  useServerEvent(socket, 'workshop:groups', setGroups);
  // Sent apart (the group list is large, the rest changes often), shown together.
  const meta = useMemo<WorkshopMeta | null>(() => (header && groups ? { ...header, groups } : null), [header, groups]);
  useWorkshopLanguage(meta?.language);
  const boardSetting = header?.board ?? null;
  // Taken down: its content goes (shown again, fresh content comes with it).
  useEffect(() => {
    if (!boardSetting) setBoard(null);
  }, [boardSetting]);
  useServerEvent(socket, 'seat:updated', setSeat);
  useServerEvent(socket, 'group:members', setMembers);
  useServerEvent(socket, 'board:content', setBoard);
  useServerEvent(
    socket,
    'seat:removed',
    useCallback(() => onSeatLost('removed'), [onSeatLost]),
  );
  useServerEvent(socket, 'workshop:deleted', onGone);

  useEffect(() => {
    if (refusal === 'not_found') onGone();
    else if (refusal === 'unauthorized') onSeatLost('invalid');
  }, [refusal, onGone, onSeatLost]);

  const group = meta && seat?.groupId ? meta.groups.find((g) => g.id === seat.groupId) : undefined;
  const roster = members && members.groupId === seat?.groupId ? members.members : [];
  const seatUrl = `${location.origin}/w/${workshopId}#seat=${seatToken}`;
  const offset = useServerOffset(socket);
  const user = seat ? { id: seat.participantId, name: seat.name, color: colorFor(seat.participantId) } : null;
  // The group a participant sits in only counts once its name has arrived.
  const status = usePhaseStatus(meta ?? NO_META, meta && group ? group.id : null, offset);
  useRoomAnnouncements(meta, seat, members && members.groupId === seat?.groupId ? members.broadcasts : NO_BROADCASTS, offset, meta ? status.participant : null);
  const partners = meta && seat?.groupId ? (meta.peers[seat.groupId] ?? []) : [];

  return (
    <ConnectionContext.Provider value={hub}>
    <Shell right={<ConnectionBadge hub={hub} />} wide={partners.length > 0}>
      {!meta || !seat || !user ? (
        <section className="card narrow center">
          <p className="muted">{t('connecting')}</p>
        </section>
      ) : (
        <div className="participant">
          <header className="room-header">
            <div>
              <p className="eyebrow" dir="auto">{meta.title}</p>
              <h1 data-testid="group-name" dir="auto">{group ? group.name : t('lobbyTitle')}</h1>
              <p className="muted">
                {withElements((v) => t('signedInAs', v), {
                  name: (
                    <strong data-testid="my-name">
                      <bdi>{seat.name}</bdi>
                    </strong>
                  ),
                })}
              </p>
            </div>
            <span className="header-pills">
              {status.can.seeTimer && <TimerPill meta={meta} offset={offset} />}
              <PhaseBadge phase={meta.phase} />
            </span>
          </header>

          <StatusBanner message={status.participant} text={(key, v) => t(`status.${key}`, v)} offset={offset}>
            {status.participant.key === 'ended' && <ExportButtons workshopId={workshopId} token={seatToken} label={t('download')} />}
          </StatusBanner>
          <BroadcastBanners broadcasts={[...meta.broadcasts, ...(members?.groupId === seat.groupId ? members.broadcasts : [])]} phase={meta.phase} />

          {meta.board && board && board.names === meta.board.names && (
            <PresentationStage testId="teaching-board" label={tc('board.region')} heading={tc('board.region')}>
              <TeachingBoard board={board} rules={meta.rules} />
            </PresentationStage>
          )}

          {meta.spotlight && meta.spotlight !== seat.groupId && (
            <PresentationStage
              testId="spotlight"
              label={t('sharedRegion')}
              heading={t('sharedTitle', { group: meta.groups.find((g) => g.id === meta.spotlight)?.name ?? '' })}
            >
              <LiveOkrPresentation key={meta.spotlight} workshopId={workshopId} groupId={meta.spotlight} socket={socket} user={user} confidenceScale={meta.rules.confidenceScale} />
            </PresentationStage>
          )}

          {group ? (
            <>
              <section className="card roster-card" aria-label={t('yourGroup')}>
                <div className="roster-row">
                  <ul className="roster" data-testid="roster">
                    {roster.map((m) => (
                      <li key={m.id} className={m.online ? '' : 'offline'}>
                        <OnlineDot online={m.online} /> <bdi>{m.name}</bdi>
                        {m.id === seat.participantId && <span className="muted"> {t('you')}</span>}
                      </li>
                    ))}
                  </ul>
                  {status.can.askHelp && <HelpButton socket={socket} requested={members?.help ?? null} />}
                </div>
              </section>
              <div className={partners.length > 0 ? 'present-review' : ''}>
                <div className="present-review-own" data-testid="review-own">
                  <GroupWithComments
                    socket={socket}
                    workshopId={workshopId}
                    groupId={group.id}
                    user={user}
                    readOnly={!status.can.edit}
                    readOnlyReason={null}
                    title={partners.length > 0 ? t('reviewOwnTitle', { group: group.name }) : undefined}
                    canResolve
                    myId={seat.participantId}
                    rules={meta.rules}
                  />
                </div>
                {partners.length > 0 && (
                  <div className="present-review-partners">
                    {partners.map((partnerId) => {
                      const name = meta.groups.find((g) => g.id === partnerId)?.name ?? '';
                      return (
                        <div key={partnerId} className="present-review-partner" data-testid="review-partner">
                          <PresentationStage testId="peer-draft" label={t('peerReviewTitle', { group: name })} heading={t('peerReviewTitle', { group: name })}>
                            <LiveOkrPresentation workshopId={workshopId} groupId={partnerId} socket={socket} user={user} confidenceScale={meta.rules.confidenceScale} />
                          </PresentationStage>
                          <PeerReviewPrompt socket={socket} groupId={partnerId} groupName={name} />
                        </div>
                      );
                    })}
                  </div>
                )}
              </div>
            </>
          ) : null}

          {status.can.pickGroup && (
            <GroupPicker meta={meta} currentGroupId={seat.groupId} onChoose={(groupId) => request(socket, 'group:choose', { groupId })} />
          )}

          {group && status.participant.key !== 'ended' && (
            <div className="participant-export">
              <ExportButtons workshopId={workshopId} token={seatToken} label={t('download')} />
            </div>
          )}

          <details className="card subtle">
            <summary>{t('otherDevice.summary')}</summary>
            <p className="muted small">{t('otherDevice.text')}</p>
            <CopyField label={t('otherDevice.label')} value={seatUrl} testId="seat-url" />
          </details>
        </div>
      )}
    </Shell>
    </ConnectionContext.Provider>
  );
}

/** The phase facts every member is sent, or a lobby placeholder before they arrive (hooks run before the guard). */
const NO_META: PhaseInput = { phase: 'lobby', assignment: 'auto', breakouts: { closed: false, closesAt: null }, timer: null, spotlight: null, peers: {} };

const NO_BROADCASTS: Broadcast[] = [];

function GroupPicker({
  meta,
  currentGroupId,
  onChoose,
}: {
  meta: WorkshopMeta;
  currentGroupId: string | null;
  onChoose: (groupId: string) => Promise<{ ok: boolean; error?: { message: string } }>;
}) {
  const { t } = useTranslation('room');
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="card" aria-label={t('picker.choose')}>
      <h2>{currentGroupId ? t('picker.switch') : t('picker.choose')}</h2>
      <ul className="group-picker">
        {meta.groups.map((g) => {
          const count = g.memberCount ?? 0;
          const full = meta.maxGroupSize !== null && count >= meta.maxGroupSize;
          const mine = g.id === currentGroupId;
          return (
            <li key={g.id}>
              <span>
                <strong dir="auto">{g.name}</strong>{' '}
                <span className="muted">
                  {meta.maxGroupSize !== null ? t('picker.peopleOfMax', { count, max: meta.maxGroupSize }) : t('picker.people', { count })}
                </span>
              </span>
              <button
                className="btn btn-secondary"
                disabled={mine || full}
                onClick={async () => {
                  setError(null);
                  const r = await onChoose(g.id);
                  if (!r.ok) setError(r.error?.message ?? t('picker.failed'));
                }}
              >
                {mine ? t('picker.mine') : full ? t('picker.full') : t('picker.join')}
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

function HelpButton({ socket, requested }: { socket: ClientSocket | null; requested: HelpRequest | null }) {
  const { t } = useTranslation('room');
  if (requested) {
    return (
      <span className="help-state" data-testid="help-state">
        <Icon name="help" /> {withElements((v) => t('help.requested', v), { name: <bdi>{requested.name}</bdi> })}{' '}
        <button className="btn btn-link" onClick={() => request(socket, 'help:cancel', {})}>
          {t('help.cancel')}
        </button>
      </span>
    );
  }
  return (
    <button className="btn btn-secondary" onClick={() => request(socket, 'help:request', { message: '' })} data-testid="ask-help">
      <Icon name="help" /> {t('help.ask')}
    </button>
  );
}

interface GroupWithCommentsProps {
  socket: ClientSocket | null;
  workshopId: string;
  groupId: string;
  user: PresenceUser;
  readOnly: boolean;
  readOnlyReason: string | null;
  title?: string;
  canResolve: boolean;
  myId: string;
  observer?: boolean;
  rules: OkrRules;
}

/** A group's live draft with its comments, and a subtle notice when someone else comments. */
function GroupWithComments(props: GroupWithCommentsProps) {
  const { t } = useTranslation('room');
  const api = useCommentsApi(props.socket, props.groupId, props.canResolve);
  const notice = useNewCommentNotice(api.list, api.loaded, props.myId);
  useCommentAnnouncements(api.list, api.loaded, props.myId, !props.observer);
  return (
    <div>
      {notice && (
        <div className="toast notice-toast" data-testid="comment-notice">
          <Icon name="comment" />{' '}
          {withElements((v) => t('newComment', { ...v, text: notice.text.slice(0, 80) }), {
            name: (
              <strong>
                <bdi>{notice.authorName}</bdi>
              </strong>
            ),
          })}
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
