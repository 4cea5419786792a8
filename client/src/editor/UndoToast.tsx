/**
 * The toast after deleting an objective or a key result ("Key result deleted", Undo), or after an
 * undo that had to be refused. It goes after ~8 s, or at the next one; never while it is pointed
 * at or holds focus, so nobody loses it mid-reach. What it says is announced by the caller.
 */
import { useEffect, useState, type FocusEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** How long a toast stays when left alone. */
export const TOAST_MS = 8000;

interface Props {
  text: string;
  /** Shows the Undo button. */
  onUndo?: () => void;
  /** Must keep its identity across renders (the timer restarts when it changes). */
  onClose: () => void;
  /** The shortcut in words ("Ctrl+Z") and for assistive technology ("Control+Z"). */
  keys: { label: string; aria: string };
}

export function UndoToast({ text, onUndo, onClose, keys }: Props) {
  const { t } = useTranslation('editor');
  const [pointed, setPointed] = useState(false);
  const [focused, setFocused] = useState(false);
  const held = pointed || focused;
  useEffect(() => {
    if (held) return;
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [held, onClose]);
  const onBlur = (e: FocusEvent<HTMLDivElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
  };
  return (
    <div
      className="undo-toast"
      data-testid="undo-toast"
      onPointerEnter={() => setPointed(true)}
      onPointerLeave={() => setPointed(false)}
      onFocus={() => setFocused(true)}
      onBlur={onBlur}
    >
      <span className="undo-toast-text">{text}</span>
      {onUndo && (
        <>
          <button type="button" className="btn undo-toast-undo" onClick={onUndo} aria-keyshortcuts={keys.aria} title={`${t('undo.undo')} (${keys.label})`} data-testid="undo-toast-undo">
            {t('undo.undo')}
          </button>
          <kbd className="undo-toast-keys" aria-hidden="true">
            {keys.label}
          </kbd>
        </>
      )}
      <button type="button" className="icon-btn undo-toast-close" aria-label={t('undo.dismiss')} title={t('undo.dismiss')} onClick={onClose}>
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
