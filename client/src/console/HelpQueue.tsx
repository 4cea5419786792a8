/** Help requests, oldest first, in one strip above the radar: open the group or clear the request. */
import { useTranslation } from 'react-i18next';
import type { FacilitatorView } from '../../../shared/views';
import { useServerNow } from '../net/useSession';
import { StateIcon } from './GroupState';
import { useAgo } from './useAgo';
import type { Act } from './SessionControls';

export function HelpQueue({ view, act, offset, onOpen }: { view: FacilitatorView; act: Act; offset: number; onOpen: (groupId: string) => void }) {
  const { t } = useTranslation('console');
  const ago = useAgo();
  const now = useServerNow(offset, view.session.help.length > 0, 10_000);
  if (view.session.help.length === 0) return null;
  const name = (id: string) => view.meta.groups.find((g) => g.id === id)?.name ?? t('help.aGroup');
  return (
    <section className="help-queue cockpit-help" aria-labelledby="help-queue-title" data-testid="help-queue">
      <h2 id="help-queue-title">
        <StateIcon name="help" /> {t('help.title')} <span className="cockpit-count">{view.session.help.length}</span>
      </h2>
      <ol>
        {[...view.session.help]
          .sort((a, b) => a.at - b.at)
          .map((h) => (
            <li key={h.groupId}>
              <span className="cockpit-help-text">
                <strong>{name(h.groupId)}</strong> <span className="muted small">· {h.name} · {ago(h.at, now)}</span>
                {h.message && <span> {t('help.message', { message: h.message })}</span>}
              </span>
              <button className="btn btn-secondary btn-sm" onClick={() => onOpen(h.groupId)} aria-label={t('help.openLabel', { name: name(h.groupId) })}>
                {t('help.open')}
              </button>
              <button className="btn btn-link" onClick={() => act('help:clear', { groupId: h.groupId })} aria-label={t('help.clearLabel', { name: name(h.groupId) })}>
                {t('help.clear')}
              </button>
            </li>
          ))}
      </ol>
    </section>
  );
}
