/** Small status pills: workshop phase and connection state. */
import type { Phase } from '../../../shared/workshop';
import type { ConnectionState } from '../net/useWorkshopSocket';

export const PHASE_LABELS: Record<Phase, string> = {
  lobby: 'Lobby',
  breakouts: 'Breakouts',
  plenary: 'Plenary',
  ended: 'Ended',
};

export function PhaseBadge({ phase }: { phase: Phase }) {
  return (
    <span className={`pill phase-${phase}`} data-testid="phase">
      {PHASE_LABELS[phase]}
    </span>
  );
}

const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Offline',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`pill conn-${state}`} role="status" aria-live="polite" data-testid="connection">
      <span className="dot" aria-hidden="true" /> {CONNECTION_LABELS[state]}
    </span>
  );
}

export function OnlineDot({ online }: { online: boolean }) {
  return <span role="img" className={online ? 'presence online' : 'presence'} title={online ? 'Online' : 'Offline'} aria-label={online ? 'online' : 'offline'} />;
}
