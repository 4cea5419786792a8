/** A participant's live view: their group and who is in it, the phase, and the group picker when allowed. */
import { useCallback, useEffect, useState } from 'react';
import type { GroupMembers, SeatInfo, WorkshopMeta } from '../../../shared/views';
import { ConnectionBadge, OnlineDot, PhaseBadge } from '../components/Badges';
import { CopyField } from '../components/CopyField';
import { Shell } from '../components/Shell';
import { request, useServerEvent, useWorkshopSocket } from '../net/useWorkshopSocket';
import { colorFor } from '../net/useGroupDoc';
import { LiveGroupDraft } from '../editor/LiveGroupDraft';
import { phaseAllowsEditing } from '../../../shared/workshop';

interface Props {
  workshopId: string;
  seatToken: string;
  onGone: () => void;
  onSeatLost: (message: string) => void;
}

export function ParticipantRoom({ workshopId, seatToken, onGone, onSeatLost }: Props) {
  const { socket, state, refusal } = useWorkshopSocket(workshopId, { seatToken });
  const [meta, setMeta] = useState<WorkshopMeta | null>(null);
  const [seat, setSeat] = useState<SeatInfo | null>(null);
  const [members, setMembers] = useState<GroupMembers | null>(null);

  useServerEvent(socket, 'workshop:meta', setMeta);
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

  return (
    <Shell right={<ConnectionBadge state={state} />}>
      {!meta || !seat ? (
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
            <PhaseBadge phase={meta.phase} />
          </header>

          {group ? (
            <>
              <section className="card roster-card" aria-label="Your group">
                <ul className="roster" data-testid="roster">
                  {roster.map((m) => (
                    <li key={m.id} className={m.online ? '' : 'offline'}>
                      <OnlineDot online={m.online} /> {m.name}
                      {m.id === seat.participantId && <span className="muted"> (you)</span>}
                    </li>
                  ))}
                </ul>
                <p className="muted small">{phaseHint(meta.phase)}</p>
              </section>
              <LiveGroupDraft
                key={group.id}
                workshopId={workshopId}
                groupId={group.id}
                token={seatToken}
                user={{ id: seat.participantId, name: seat.name, color: colorFor(seat.participantId) }}
                readOnly={!phaseAllowsEditing(meta.phase)}
                readOnlyReason={meta.phase === 'ended' ? 'The workshop has ended: the draft is kept read-only.' : 'Back in plenary: the draft is read-only until the next breakout.'}
              />
            </>
          ) : (
            <Lobby meta={meta} />
          )}

          {meta.assignment === 'self-select' && meta.phase !== 'ended' && (
            <GroupPicker meta={meta} currentGroupId={seat.groupId} onChoose={(groupId) => request(socket, 'group:choose', { groupId })} />
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
          const full = meta.maxGroupSize !== null && g.memberCount >= meta.maxGroupSize;
          const mine = g.id === currentGroupId;
          return (
            <li key={g.id}>
              <span>
                <strong>{g.name}</strong>{' '}
                <span className="muted">
                  {g.memberCount}
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
