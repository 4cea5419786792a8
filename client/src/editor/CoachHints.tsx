/** The coach's hints beside an item, and the workshop's rules in plain words. */
import { useEffect, useState } from 'react';
import type { Hint } from '../../../shared/coach';
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
  if (hints.length === 0) return null;
  return (
    <ul className="hints" aria-label="Coach hints" data-testid="hints">
      {hints.map((h) => (
        <li key={h.rule} className={`hint hint-${h.severity}`} data-testid="hint" data-rule={h.rule}>
          <span className="hint-text">
            <strong>{h.message}</strong> {h.suggestion}
          </span>
          {!readOnly && (
            <button className="btn btn-link hint-dismiss" onClick={() => onDismiss(h.rule)} title="Hide this hint for this item">
              We know
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

export function RulesSummary({ rules }: { rules: OkrRules }) {
  return (
    <details className="rules-summary" data-testid="rules-summary">
      <summary>OKR rules for this workshop{rules.cycle ? ` · ${rules.cycle}` : ''}</summary>
      <dl>
        {describeRules(rules).map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
