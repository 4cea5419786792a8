/** Help requests, oldest first: open the group or clear the request. */
import type { FacilitatorView } from '../../../shared/views';
import { Icon } from '../components/Icon';
import { formatAgo, useServerNow } from '../net/useSession';
import type { Act } from './SessionControls';

export function HelpQueue({ view, act, offset, onOpen }: { view: FacilitatorView; act: Act; offset: number; onOpen: (groupId: string) => void }) {
  const now = useServerNow(offset, view.session.help.length > 0, 10_000);
  if (view.session.help.length === 0) return null;
  const name = (id: string) => view.meta.groups.find((g) => g.id === id)?.name ?? 'a group';
  return (
    <section className="help-queue" aria-label="Help requests" data-testid="help-queue">
      <h3>
        <Icon name="help" /> Help requests
      </h3>
      <ol>
        {[...view.session.help]
          .sort((a, b) => a.at - b.at)
          .map((h) => (
            <li key={h.groupId}>
              <strong>{name(h.groupId)}</strong> <span className="muted small">· {h.name} · {formatAgo(h.at, now)}</span>
              {h.message && <span> — “{h.message}”</span>}
              <span className="spacer" />
              <button className="btn btn-secondary" onClick={() => onOpen(h.groupId)}>
                Open
              </button>
              <button className="btn btn-link" onClick={() => act('help:clear', { groupId: h.groupId })}>
                Clear
              </button>
            </li>
          ))}
      </ol>
    </section>
  );
}
