/** Small status pills: workshop phase and connection state. */
import { useTranslation } from 'react-i18next';
import type { Phase } from '../../../shared/workshop';
import { useLinkState, type ConnectionHub } from '../net/connection';

/** A phase's name in the reader's language (the console's phase steps, the room's badge). */
export function usePhaseLabel(): (phase: Phase) => string {
  const { t } = useTranslation('common');
  return (phase) => t(`phase.${phase}`);
}

export function PhaseBadge({ phase }: { phase: Phase }) {
  const label = usePhaseLabel();
  return (
    <span className={`pill phase-${phase}`} data-testid="phase">
      {label(phase)}
    </span>
  );
}

/** The page's one connection state: its socket and its open documents (the editors show the same). */
export function ConnectionBadge({ hub }: { hub: ConnectionHub }) {
  const { t } = useTranslation('common');
  const state = useLinkState(hub) ?? 'connecting';
  return (
    <span className={`pill conn-${state}`} role="status" aria-live="polite" data-testid="connection">
      <span className="dot" aria-hidden="true" /> {t(`connection.${state}`)}
    </span>
  );
}

export function OnlineDot({ online }: { online: boolean }) {
  const { t } = useTranslation('common');
  return (
    <span
      role="img"
      className={online ? 'presence online' : 'presence'}
      title={online ? t('presence.onlineTitle') : t('presence.offlineTitle')}
      aria-label={online ? t('presence.online') : t('presence.offline')}
    />
  );
}
