/** The coach's hints beside an item, and the workshop's rules in plain words. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hintText, type Hint } from '../../../shared/coach';
import { describeRules, type OkrRules } from '../../../shared/okrRules';

/** `value`, updated only after it stopped changing for `delayMs` (hints must not add typing lag). */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(id);
  }, [value, delayMs]);
  return settled;
}

export function CoachHints({ hints, onDismiss, readOnly }: { hints: Hint[]; onDismiss: (rule: string) => void; readOnly: boolean }) {
  const { t, i18n } = useTranslation('editor');
  if (hints.length === 0) return null;
  return (
    <ul className="hints" aria-label={t('hints.label')} data-testid="hints">
      {hints.map((h) => {
        const text = hintText(i18n.t, h);
        return (
        <li key={h.rule} className={`hint hint-${h.severity}`} data-testid="hint" data-rule={h.rule}>
          <span className="hint-text">
            <strong>{text.message}</strong> {text.suggestion}
          </span>
          {!readOnly && (
            <button className="btn btn-link hint-dismiss" onClick={() => onDismiss(h.rule)} title={t('hints.dismissTitle')}>
              {t('hints.dismiss')}
            </button>
          )}
        </li>
        );
      })}
    </ul>
  );
}

export function RulesSummary({ rules }: { rules: OkrRules }) {
  const { t, i18n } = useTranslation('editor');
  return (
    <details className="rules-summary" data-testid="rules-summary">
      <summary>
        {t('rules.summary')}
        {rules.cycle ? ` · ${rules.cycle}` : ''}
      </summary>
      <dl>
        {describeRules(rules, i18n.t).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
