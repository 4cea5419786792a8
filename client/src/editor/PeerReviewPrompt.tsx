/**
 * The structured peer-review prompt beside a partner group's draft: one strength, one question.
 * Each filled field becomes its own peer comment on the whole of the partner's draft, prefixed by
 * its label, so the partner group reads "One strength: …" and "One question: …".
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits';
import { useAnnounce } from '../a11y/Announcer';
import { request, type ClientSocket } from '../net/useWorkshopSocket';

type Sent = { kind: 'sent'; count: number } | { kind: 'empty' } | { kind: 'failed' } | null;

export function PeerReviewPrompt({ socket, groupId, groupName }: { socket: ClientSocket | null; groupId: string; groupName: string }) {
  const { t } = useTranslation('room');
  const announce = useAnnounce();
  const id = useId();
  const [strength, setStrength] = useState('');
  const [question, setQuestion] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Sent>(null);
  // Room for the label in front of the text, within the comment limit.
  const max = LIMITS.commentMaxLength - 60;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const texts = [
      { text: strength.trim() && t('review.strengthComment', { text: strength.trim() }), clear: () => setStrength('') },
      { text: question.trim() && t('review.questionComment', { text: question.trim() }), clear: () => setQuestion('') },
    ].filter((x) => x.text !== '');
    if (texts.length === 0) {
      setResult({ kind: 'empty' });
      return;
    }
    setBusy(true);
    setResult(null);
    let sent = 0;
    for (const { text, clear } of texts) {
      const r = await request(socket, 'comment:add', { groupId, itemId: null, field: null, text, parentId: null });
      if (!r.ok) break;
      sent++;
      // What was sent is not sent twice on a retry.
      clear();
    }
    setBusy(false);
    if (sent === texts.length) {
      setResult({ kind: 'sent', count: sent });
      announce({ text: t('review.sent', { count: sent, group: groupName }) });
    } else {
      setResult({ kind: 'failed' });
    }
  };

  const errorId = `${id}-error`;
  return (
    <form className="present-prompt" onSubmit={submit} aria-labelledby={`${id}-title`} data-testid="peer-prompt" noValidate>
      <h3 id={`${id}-title`} className="present-prompt-title">
        {t('review.title')}
      </h3>
      <p className="muted small">{t('review.lead', { group: groupName })}</p>
      <label htmlFor={`${id}-strength`} className="present-prompt-label">
        {t('review.strength')}
      </label>
      <textarea
        id={`${id}-strength`}
        rows={2}
        value={strength}
        maxLength={max}
        dir="auto"
        onChange={(e) => setStrength(e.target.value)}
        placeholder={t('review.strengthPlaceholder')}
        aria-describedby={result?.kind === 'empty' ? errorId : undefined}
        data-testid="peer-strength"
      />
      <label htmlFor={`${id}-question`} className="present-prompt-label">
        {t('review.question')}
      </label>
      <textarea
        id={`${id}-question`}
        rows={2}
        value={question}
        maxLength={max}
        dir="auto"
        onChange={(e) => setQuestion(e.target.value)}
        placeholder={t('review.questionPlaceholder')}
        aria-describedby={result?.kind === 'empty' ? errorId : undefined}
        data-testid="peer-question"
      />
      <div className="present-prompt-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="peer-send">
          {t('review.send')}
        </button>
        {result?.kind === 'sent' && (
          <p className="present-prompt-done" data-testid="peer-sent">
            {t('review.sent', { count: result.count, group: groupName })}
          </p>
        )}
        {result?.kind === 'empty' && (
          <p className="error" id={errorId} role="alert">
            {t('review.empty')}
          </p>
        )}
        {result?.kind === 'failed' && (
          <p className="error" role="alert">
            {t('review.failed')}
          </p>
        )}
      </div>
    </form>
  );
}
