/**
 * An in-page confirmation instead of the browser's confirm(): a modal dialog (the page behind is
 * inert), labelled by its title and described by its message, focus kept inside it (Tab and
 * Shift+Tab wrap), Escape or Cancel says no, and focus goes back where it was.
 *
 *   const [confirmDialog, confirm] = useConfirm();
 *   …
 *   if (await confirm({ title, message, confirmLabel: 'Delete', cancelLabel: 'Cancel', danger: true })) remove();
 *   …
 *   return <>{…}{confirmDialog}</>;
 *
 * `useModalDialog` is the same behaviour for any other <dialog> (the console's workshop menu).
 */
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** The elements Tab can reach inside `root`, in order (visible ones only). */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
}

/** Tab and Shift+Tab wrap inside the dialog: give it the dialog's onKeyDown. */
export function trapTab(e: KeyboardEvent<HTMLElement>): void {
  // React bubbles events out of portals: a dialog opened from inside this one traps its own Tab.
  if (e.key !== 'Tab' || !e.currentTarget.contains(e.target as Node)) return;
  const items = focusables(e.currentTarget);
  if (items.length === 0) {
    e.preventDefault();
    return;
  }
  const first = items[0]!;
  const last = items[items.length - 1]!;
  const active = document.activeElement;
  if (e.shiftKey && (active === first || !e.currentTarget.contains(active))) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !e.currentTarget.contains(active))) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * Shows `ref`'s <dialog> as a modal while `open`; Escape calls `onClose`; when it closes, focus
 * returns to what had it before (or to `returnFocus()` if that is gone). `initialFocus` picks what
 * gets focus on opening (default: the browser's choice, the first focusable element).
 */
export function useModalDialog(ref: RefObject<HTMLDialogElement | null>, open: boolean, onClose: () => void, options: { initialFocus?: () => HTMLElement | null; returnFocus?: () => HTMLElement | null } = {}): void {
  const before = useRef<Element | null>(null);
  const latest = useRef({ onClose, options });
  useEffect(() => {
    latest.current = { onClose, options };
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onCancel = (e: Event) => {
      // Escape: the owner closes it (and may say why); the browser must not close it behind React's back.
      e.preventDefault();
      latest.current.onClose();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => dialog.removeEventListener('cancel', onCancel);
  }, [ref]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    before.current = document.activeElement;
    if (!dialog.open) dialog.showModal();
    latest.current.options.initialFocus?.()?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const back = before.current;
      const target = back instanceof HTMLElement && back.isConnected ? back : latest.current.options.returnFocus?.();
      target?.focus();
    };
  }, [ref, open]);
}

export interface ConfirmOptions {
  title: string;
  message?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** A destructive action: the confirm button is red and Cancel has the focus at first. */
  danger?: boolean;
}

interface ConfirmDialogProps extends ConfirmOptions {
  open: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  testId?: string;
}

export function ConfirmDialog({ open, title, message, confirmLabel, cancelLabel, danger, onConfirm, onCancel, testId = 'confirm-dialog' }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const id = useId();
  useModalDialog(ref, open, onCancel, { initialFocus: () => (danger ? cancelRef.current : confirmRef.current) });
  return createPortal(
    <dialog
      ref={ref}
      className={`confirm-dialog${danger ? ' confirm-danger' : ''}`}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={message ? `${id}-message` : undefined}
      onKeyDown={trapTab}
      data-testid={testId}
    >
      {open && (
        <>
          <h2 id={`${id}-title`} className="confirm-title">
            {title}
          </h2>
          {message && (
            <div id={`${id}-message`} className="confirm-message">
              {message}
            </div>
          )}
          <div className="confirm-actions">
            <button ref={cancelRef} type="button" className="btn btn-secondary" onClick={onCancel} data-testid="confirm-cancel">
              {cancelLabel}
            </button>
            <button ref={confirmRef} type="button" className={danger ? 'btn btn-danger-solid' : 'btn btn-primary'} onClick={onConfirm} data-testid="confirm-ok">
              {confirmLabel}
            </button>
          </div>
        </>
      )}
    </dialog>,
    document.body,
  );
}

/** A confirmation to await: `[the dialog to render, ask]`; `ask` resolves true on confirm, false on cancel or Escape. */
export function useConfirm(): [ReactNode, (options: ConfirmOptions) => Promise<boolean>] {
  const [pending, setPending] = useState<(ConfirmOptions & { resolve: (ok: boolean) => void }) | null>(null);
  const ask = useCallback((options: ConfirmOptions) => new Promise<boolean>((resolve) => setPending({ ...options, resolve })), []);
  const settle = (ok: boolean) => {
    pending?.resolve(ok);
    setPending(null);
  };
  const dialog = pending ? <ConfirmDialog open {...pending} onConfirm={() => settle(true)} onCancel={() => settle(false)} /> : null;
  return [dialog, ask];
}
