/** One group, opened from the radar: its live draft (editable for typo fixes) with comments on every item. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorView } from '../../../shared/views';
import { OnlineDot } from '../components/Badges';
import { LiveGroupDraft } from '../editor/LiveGroupDraft';
import { useCommentsApi } from '../editor/useCommentsApi';
import type { ClientSocket } from '../net/useWorkshopSocket';
import type { Act } from './SessionControls';

// One id per console page, so co-facilitators see each other.
const FACILITATOR_ID = `facilitator-${Math.random().toString(36).slice(2, 8)}`;

export function GroupDetail(props: { view: FacilitatorView; groupId: string; socket: ClientSocket | null; act: Act; onBack: () => void }) {
  const { t } = useTranslation('console');
  const { view, groupId } = props;
  const facilitatorName = t('detail.facilitator');
  const user = useMemo(() => ({ id: FACILITATOR_ID, name: facilitatorName, color: '#111827' }), [facilitatorName]);
  const group = view.meta.groups.find((g) => g.id === groupId);
  const api = useCommentsApi(props.socket, groupId, true, view.session.quickComments);
  if (!group) {
    return (
      <section className="card">
        <p>{t('detail.removed')}</p>
        <button className="btn btn-secondary" onClick={props.onBack}>
          {t('detail.backToRadar')}
        </button>
      </section>
    );
  }
  const members = view.participants.filter((p) => p.groupId === groupId);
  const help = view.session.help.find((h) => h.groupId === groupId);
  return (
    <section className="group-detail" aria-label={group.name} data-testid="group-detail">
      <div className="detail-bar">
        <button className="btn btn-secondary" onClick={props.onBack}>
          {t('detail.back')}
        </button>
        <h2>{group.name}</h2>
        <ul className="roster inline">
          {members.map((m) => (
            <li key={m.id} className={m.online ? '' : 'offline'}>
              <OnlineDot online={m.online} /> {m.name}
            </li>
          ))}
        </ul>
        <span className="spacer" />
        {help && (
          <button className="btn btn-secondary" onClick={() => props.act('help:clear', { groupId })}>
            {t('detail.clearHelp')}
          </button>
        )}
        <button className="btn btn-secondary" onClick={() => props.act('spotlight:set', { groupId: view.session.spotlight === groupId ? null : groupId })}>
          {view.session.spotlight === groupId ? t('detail.endSpotlight') : t('detail.spotlight')}
        </button>
      </div>
      <LiveGroupDraft
        key={groupId}
        workshopId={view.meta.id}
        groupId={groupId}
        socket={props.socket}
        user={user}
        readOnly={false}
        comments={api}
        title={t('detail.draftTitle')}
        rules={view.meta.rules}
      />
    </section>
  );
}
