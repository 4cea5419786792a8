/** Comment threads pinned to an item (or the whole draft): read, reply, resolve, and quick prompts. */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import type { Comment } from '../../../shared/comments';
import { LIMITS } from '../../../shared/limits';
import type { Result } from '../../../shared/result';
import { formatTime } from '../i18nParts';

export interface CommentsApi {
  list: Comment[];
  /** The first list has arrived (so later ones are new). */
  loaded: boolean;
  /** Whether this viewer may resolve threads (the group and facilitators). */
  canResolve: boolean;
  /** Canned prompts offered as one-click comments (facilitator). */
  quick?: string[];
  post(itemId: string | null, field: string | null, text: string, parentId: string | null): Promise<Result<unknown>>;
  resolve(commentId: string, resolved: boolean): Promise<Result<unknown>>;
}

/** Open threads on an item: for the badge beside it. */
export function openThreads(list: Comment[], itemId: string | null): number {
  return list.filter((c) => c.itemId === itemId && c.parentId === null && !c.resolved).length;
}

export function CommentToggle({ api, itemId, open, onToggle, label }: { api: CommentsApi; itemId: string; open: boolean; onToggle: () => void; label: string }) {
  const { t } = useTranslation('editor');
  const count = openThreads(api.list, itemId);
  const total = api.list.filter((c) => c.itemId === itemId && c.parentId === null).length;
  return (
    <button
      className={count > 0 ? 'comment-toggle has-open' : 'comment-toggle'}
      aria-expanded={open}
      aria-label={t('comments.on', { label, count })}
      title={t('comments.title')}
      onClick={onToggle}
      data-testid="comment-toggle"
    >
      <Icon name="comment" />{total > 0 && <span className="comment-count">{count > 0 ? count : <Icon name="check" size={12} />}</span>}
    </button>
  );
}

export function CommentPanel({ api, itemId, fields, label }: { api: CommentsApi; itemId: string | null; fields?: Array<[string, string]>; label: string }) {
  const { t } = useTranslation('editor');
  const threads = api.list.filter((c) => c.itemId === itemId && c.parentId === null);
  return (
    <div className="comment-panel" aria-label={t('comments.panel', { label })} data-testid="comment-panel">
      {threads.length === 0 && <p className="muted small">{t('comments.none')}</p>}
      {threads.map((t) => (
        <Thread key={t.id} api={api} thread={t} replies={api.list.filter((c) => c.parentId === t.id)} fields={fields} />
      ))}
      <NewComment api={api} itemId={itemId} fields={fields} />
    </div>
  );
}

/** Threads whose item was deleted: kept and shown, never silently lost. */
export function OrphanComments({ api, liveIds }: { api: CommentsApi; liveIds: Set<string> }) {
  const { t } = useTranslation('editor');
  const orphans = api.list.filter((c) => c.parentId === null && c.itemId !== null && !liveIds.has(c.itemId));
  if (orphans.length === 0) return null;
  return (
    <section className="comment-panel orphans" aria-label={t('comments.deletedRegion')}>
      <h3>{t('comments.deleted')}</h3>
      {orphans.map((t) => (
        <Thread key={t.id} api={api} thread={t} replies={api.list.filter((c) => c.parentId === t.id)} />
      ))}
    </section>
  );
}

function Thread({ api, thread, replies, fields }: { api: CommentsApi; thread: Comment; replies: Comment[]; fields?: Array<[string, string]> }) {
  const { t, i18n } = useTranslation('editor');
  const [reply, setReply] = useState('');
  const fieldLabel = fields?.find(([f]) => f === thread.field)?.[1] ?? thread.field;
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!reply.trim()) return;
    const r = await api.post(thread.itemId, thread.field, reply, thread.id);
    if (r.ok) setReply('');
  };
  return (
    <article className={`thread kind-${thread.kind}${thread.resolved ? ' resolved' : ''}`} data-testid="thread">
      {[thread, ...replies].map((c) => (
        <div key={c.id} className="comment">
          <span className={`kind-badge kind-${c.kind}`}>{t(`comments.kind.${c.kind}`)}</span>{' '}
          <strong>
            <bdi>{c.authorName}</bdi>
          </strong>
          {c === thread && fieldLabel && <span className="field-tag">{fieldLabel}</span>}
          <time className="muted small" dateTime={new Date(c.createdAt).toISOString()}>
            {' '}
            {formatTime(c.createdAt, i18n.language)}
          </time>
          <p className="comment-text" data-testid="comment-text" dir="auto">
            {c.text}
          </p>
        </div>
      ))}
      <div className="thread-actions">
        <form onSubmit={send} className="reply-form">
          <input value={reply} maxLength={LIMITS.commentMaxLength} onChange={(e) => setReply(e.target.value)} placeholder={t('comments.replyPlaceholder')} aria-label={t('comments.reply')} dir="auto" />
        </form>
        {api.canResolve && (
          <button className="btn btn-link" onClick={() => api.resolve(thread.id, !thread.resolved)}>
            {thread.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        )}
      </div>
    </article>
  );
}

function NewComment({ api, itemId, fields }: { api: CommentsApi; itemId: string | null; fields?: Array<[string, string]> }) {
  const { t } = useTranslation('editor');
  const [text, setText] = useState('');
  const [field, setField] = useState('');
  const [error, setError] = useState<string | null>(null);
  const post = async (body: string) => {
    setError(null);
    const r = await api.post(itemId, field || null, body, null);
    if (r.ok) setText('');
    else setError(r.error.message);
  };
  return (
    <form
      className="new-comment"
      onSubmit={(e) => {
        e.preventDefault();
        if (text.trim()) void post(text);
      }}
    >
      {api.quick && api.quick.length > 0 && (
        <div className="quick-comments" aria-label={t('comments.quick')}>
          {api.quick.map((q) => (
            <button type="button" key={q} className="chip" onClick={() => post(q)} data-testid="quick-comment">
              {q}
            </button>
          ))}
        </div>
      )}
      <div className="new-comment-row">
        {fields && (
          <select value={field} onChange={(e) => setField(e.target.value)} aria-label={t('comments.about')}>
            <option value="">{t('comments.wholeItem')}</option>
            {fields.map(([f, l]) => (
              <option key={f} value={f}>
                {l}
              </option>
            ))}
          </select>
        )}
        <input value={text} maxLength={LIMITS.commentMaxLength} onChange={(e) => setText(e.target.value)} placeholder={t('comments.newPlaceholder')} aria-label={t('comments.new')} data-testid="new-comment" dir="auto" />
        <button className="btn btn-primary" type="submit" disabled={!text.trim()}>
          {t('comments.send')}
        </button>
      </div>
      {error && <p className="error small">{error}</p>}
    </form>
  );
}
