/** Opens one group's document and shows its editor (participants and the facilitator alike). */
import { useTranslation } from 'react-i18next';
import type { OkrRules } from '../../../shared/okrRules';
import type { CommentsApi } from './Comments';
import { GroupDraft } from './GroupDraft';
import { useGroupDoc, type PresenceUser } from '../net/useGroupDoc';
import type { ClientSocket } from '../net/useWorkshopSocket';

interface Props {
  workshopId: string;
  groupId: string;
  /** The page's Socket.IO connection: tickets to open the document are asked for over it. */
  socket: ClientSocket | null;
  user: PresenceUser;
  readOnly: boolean;
  readOnlyReason?: string | null;
  comments?: CommentsApi;
  title?: string;
  /** Open without showing presence to the group (spotlight, peer review). */
  observer?: boolean;
  rules: OkrRules;
}

export function LiveGroupDraft({ workshopId, groupId, socket, user, readOnly, readOnlyReason, comments, title, observer, rules }: Props) {
  const { t } = useTranslation('editor');
  const live = useGroupDoc(workshopId, groupId, socket, user, !observer);
  if (!live) return null;
  if (live.status === 'closed') {
    return (
      <section className="draft">
        <p className="readonly-banner">{t('draft.noAccess')}</p>
      </section>
    );
  }
  if (!live.synced) {
    return (
      <section className="draft">
        <p className="muted">{t('draft.loading')}</p>
      </section>
    );
  }
  return (
    <GroupDraft
      doc={live.doc}
      provider={live.provider}
      status={live.status}
      readOnly={readOnly}
      readOnlyReason={readOnlyReason}
      comments={comments}
      title={title}
      rules={rules}
    />
  );
}
