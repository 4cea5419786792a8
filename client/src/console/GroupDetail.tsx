/**
 * One group, opened from the radar, in a panel beside it: its live draft (editable for typo fixes)
 * with comments on every item; previous/next (buttons, J and K) walk the radar's order, Escape
 * closes it (the console puts focus back on the group's cell).
 */
import { useMemo, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacilitatorView } from '../../../shared/views';
import { OnlineDot } from '../components/Badges';
import { LiveGroupDraft } from '../editor/LiveGroupDraft';
import { useCommentsApi } from '../editor/useCommentsApi';
import type { ClientSocket } from '../net/useWorkshopSocket';
import { StateIcon } from './GroupState';
import type { Act } from './SessionControls';

// One id per console page, so co-facilitators see each other.
const FACILITATOR_ID = `facilitator-${Math.random().toString(36).slice(2, 8)}`;

interface Props {
  view: FacilitatorView;
  groupId: string;
  socket: ClientSocket | null;
  act: Act;
  onClose: () => void;
  /** The groups before and after this one in the radar's order (null: none), and where it stands. */
  prev: { id: string; name: string } | null;
  next: { id: string; name: string } | null;
  position: { index: number; total: number } | null;
  onStep: (groupId: string) => void;
  /** The panel's heading, which takes focus when a group opens. */
  headingRef: Ref<HTMLHeadingElement & HTMLParagraphElement>;
}

export function GroupDetail(props: Props) {
  const { t } = useTranslation('console');
  const { view, groupId, prev, next, position } = props;
  const group = view.meta.groups.find((g) => g.id === groupId);
  return (
    <aside className="cockpit-panel" aria-label={group ? t('detail.label', { name: group.name }) : t('detail.removed')} data-testid="group-detail" data-group-id={groupId}>
      <div className="cockpit-panel-bar">
        <div className="cockpit-steps" role="group" aria-label={t('detail.steps')}>
          <button type="button" className="btn btn-secondary btn-sm" disabled={!prev} onClick={() => prev && props.onStep(prev.id)} aria-label={prev ? t('detail.prevLabel', { name: prev.name }) : t('detail.prev')} data-testid="panel-prev" aria-keyshortcuts="K">
            <StateIcon name="prev" /> {t('detail.prev')}
          </button>
          <button type="button" className="btn btn-secondary btn-sm" disabled={!next} onClick={() => next && props.onStep(next.id)} aria-label={next ? t('detail.nextLabel', { name: next.name }) : t('detail.next')} data-testid="panel-next" aria-keyshortcuts="J">
            {t('detail.next')} <StateIcon name="next" />
          </button>
          {position && (
            <span className="muted small" data-testid="panel-position">
              {t('detail.position', { index: position.index, total: position.total })}
            </span>
          )}
        </div>
        <span className="muted small cockpit-keys">{t('detail.keys')}</span>
        <button type="button" className="icon-btn cockpit-panel-close" onClick={props.onClose} aria-label={t('detail.close')} aria-keyshortcuts="Escape" data-testid="panel-close">
          <StateIcon name="close" size={18} />
        </button>
      </div>
      {/* Keyed: a step to another group starts its document, comments and focus afresh. */}
      <GroupBody key={groupId} {...props} />
    </aside>
  );
}

function GroupBody({ view, groupId, socket, act, headingRef }: Props) {
  const { t } = useTranslation('console');
  const facilitatorName = t('detail.facilitator');
  const user = useMemo(() => ({ id: FACILITATOR_ID, name: facilitatorName, color: '#111827' }), [facilitatorName]);
  const group = view.meta.groups.find((g) => g.id === groupId);
  const api = useCommentsApi(socket, groupId, true, view.session.quickComments);
  const members = view.participants.filter((p) => p.groupId === groupId);
  const help = view.session.help.find((h) => h.groupId === groupId);
  if (!group) {
    return (
      <p ref={headingRef} tabIndex={-1} className="cockpit-panel-title">
        {t('detail.removed')}
      </p>
    );
  }
  return (
    <>
      <div className="detail-bar">
        <h2 ref={headingRef} tabIndex={-1} className="cockpit-panel-title" data-testid="panel-title">
          {group.name}
        </h2>
        <span className="spacer" />
        {help && (
          <button className="btn btn-secondary btn-sm" onClick={() => act('help:clear', { groupId })}>
            {t('detail.clearHelp')}
          </button>
        )}
        <button className="btn btn-secondary btn-sm" onClick={() => act('spotlight:set', { groupId: view.session.spotlight === groupId ? null : groupId })}>
          {view.session.spotlight === groupId ? t('detail.endSpotlight') : t('detail.spotlight')}
        </button>
      </div>
      {help && (
        <p className="cockpit-panel-help" data-testid="panel-help">
          <StateIcon name="help" /> {help.message ? t('describe.helpMessage', { name: help.name, message: help.message }) : t('describe.help', { name: help.name })}
        </p>
      )}
      {members.length > 0 ? (
        <ul className="roster inline cockpit-roster" aria-label={t('detail.members')}>
          {members.map((m) => (
            <li key={m.id} className={m.online ? '' : 'offline'}>
              <OnlineDot online={m.online} /> {m.name}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t('state.empty')}</p>
      )}
      <LiveGroupDraft
        workshopId={view.meta.id}
        groupId={groupId}
        socket={socket}
        user={user}
        readOnly={false}
        comments={api}
        title={t('detail.draftTitle')}
        rules={view.meta.rules}
      />
    </>
  );
}
