/** A read-only link with a copy button. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CopyField({ label, value, testId, masked }: { label: string; value: string; testId?: string; masked?: boolean }) {
  const { t } = useTranslation('common');
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Clipboard can be unavailable (insecure context): select the text so the user can copy it.
      document.getElementById(`${testId ?? label}-input`)?.focus();
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <label className="copy-field">
      <span className="copy-label">{label}</span>
      <span className="copy-row">
        <input
          id={`${testId ?? label}-input`}
          data-testid={testId}
          type={masked ? 'password' : 'text'}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="btn btn-secondary" onClick={copy}>
          {copied ? t('copy.copied') : t('copy.copy')}
        </button>
      </span>
    </label>
  );
}
