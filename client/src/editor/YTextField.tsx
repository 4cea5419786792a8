/**
 * An input or textarea bound to a Y.Text: local typing becomes minimal inserts/deletes, so
 * concurrent typing merges per character; remote changes keep the local caret where it was.
 * A one-line field (an input, or a textarea that only wraps a sentence) takes Enter as "next
 * field"; a paste longer than the field holds is cut, and the person is told so. Typing is made
 * under the draft's undo origin (DraftUndo), cut into word-sized undo steps.
 */
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import { typingStep, type DraftUndo } from '../../../shared/DraftUndo';
import { useAnnounce } from '../a11y/Announcer';

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Props {
  text: Y.Text;
  /** The document's undo history: typing is made under its origin, in its steps. */
  history: DraftUndo;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  readOnly?: boolean;
  className?: string;
  maxLength?: number;
  onFocus?: () => void;
  onBlur?: () => void;
  testId?: string;
  /** Enter moves on to the next field of the item instead of adding a newline (default: inputs only). */
  enterMovesOn?: boolean;
  /** Take focus once mounted (a newly added item); `onAutoFocused` is told when done. */
  autoFocus?: boolean;
  onAutoFocused?: () => void;
}

/** Marks the fields Enter moves between, and the item they belong to. */
export const FIELD_ATTR = 'data-yfield';
export const SCOPE_ATTR = 'data-field-scope';

/** The next field of the same item (objective, key result) after `el`, if any. */
function nextField(el: HTMLElement): HTMLElement | undefined {
  const scope = el.closest(`[${SCOPE_ATTR}]`);
  if (!scope) return undefined;
  const fields = [...scope.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[${FIELD_ATTR}]`)].filter(
    (f) => !f.disabled && !f.readOnly && f.getClientRects().length > 0,
  );
  return fields[fields.indexOf(el as HTMLInputElement) + 1];
}

/** Where a remote change moves a caret index. */
function shift(index: number, delta: Array<{ retain?: number; insert?: unknown; delete?: number }>): number {
  let pos = 0;
  let result = index;
  for (const op of delta) {
    if (pos > index) break;
    if (op.retain) pos += op.retain;
    else if (typeof op.insert === 'string') {
      if (pos < index) result += op.insert.length;
      pos += op.insert.length;
    } else if (op.delete) {
      result -= Math.min(op.delete, Math.max(0, index - pos));
    }
  }
  return result;
}

/** The smallest edit turning `before` into `after`, anchored at the caret. */
function diff(before: string, after: string, caret: number): { at: number; remove: number; insert: string } {
  let suffix = Math.max(0, after.length - caret);
  if (!before.endsWith(after.slice(after.length - suffix)) || suffix > before.length) {
    suffix = 0;
    while (suffix < before.length && suffix < after.length && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  }
  let prefix = 0;
  const max = Math.min(before.length, after.length) - suffix;
  while (prefix < max && before[prefix] === after[prefix]) prefix++;
  return { at: prefix, remove: before.length - suffix - prefix, insert: after.slice(prefix, after.length - suffix) };
}

export function YTextField(props: Props) {
  const { text, history, label, placeholder, multiline, readOnly, className, maxLength, onFocus, onBlur, testId, autoFocus, onAutoFocused } = props;
  const { t, i18n } = useTranslation('editor');
  const announce = useAnnounce();
  const ref = useRef<Field>(null);
  const noteId = useId();
  /** Shown after a paste was cut to the field's limit, until the text is under the limit again. */
  const [cut, setCut] = useState(false);
  const movesOn = props.enterMovesOn ?? !multiline;

  useEffect(() => {
    if (!autoFocus) return;
    ref.current?.focus();
    onAutoFocused?.();
  }, [autoFocus, onAutoFocused]);

  useEffect(() => {
    const el = ref.current!;
    el.value = text.toString();
    const observer = (event: Y.YTextEvent) => {
      // Our own typing (the field already shows it); an undo of it, or anyone else's edit, is shown.
      if (el.value === text.toString()) return;
      const focused = document.activeElement === el;
      const start = shift(el.selectionStart ?? 0, event.delta as never);
      const end = shift(el.selectionEnd ?? 0, event.delta as never);
      el.value = text.toString();
      if (focused) el.setSelectionRange(start, end);
    };
    text.observe(observer);
    return () => text.unobserve(observer);
  }, [text]);

  const onInput = () => {
    const el = ref.current!;
    const before = text.toString();
    const after = el.value;
    if (cut && maxLength !== undefined && after.length < maxLength) setCut(false);
    if (before === after) return;
    const { at, remove, insert } = diff(before, after, el.selectionEnd ?? after.length);
    history.type(typingStep(before, at, remove, insert), () => {
      if (remove > 0) text.delete(at, remove);
      if (insert) text.insert(at, insert);
    });
  };

  const onKeyDown = (e: KeyboardEvent<Field>) => {
    if (!movesOn || e.key !== 'Enter' || e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    // One line: no newline; on to the next field, or nothing in an item's last one.
    e.preventDefault();
    nextField(e.currentTarget)?.focus();
  };

  const onPaste = (e: ClipboardEvent<Field>) => {
    if (maxLength === undefined) return;
    const el = e.currentTarget;
    const pasted = e.clipboardData.getData('text/plain');
    const kept = el.value.length - ((el.selectionEnd ?? 0) - (el.selectionStart ?? 0));
    // The browser cuts the paste to maxLength itself; say so instead of cutting without a word.
    if (kept + pasted.length <= maxLength) return;
    const message = t('field.cut', { max: new Intl.NumberFormat(i18n.language).format(maxLength) });
    setCut(true);
    announce({ text: message, politeness: 'polite' });
  };

  const common = {
    'aria-label': label,
    'aria-describedby': cut ? noteId : undefined,
    [FIELD_ATTR]: '',
    // Free text may be right-to-left (Arabic, Hebrew): each field takes its direction from what is typed.
    dir: 'auto',
    placeholder,
    readOnly,
    className,
    maxLength,
    onInput,
    onKeyDown,
    onPaste,
    onFocus,
    onBlur,
    'data-testid': testId,
  };
  return (
    <>
      {multiline ? (
        <textarea ref={ref as React.RefObject<HTMLTextAreaElement>} rows={1} {...common} />
      ) : (
        <input ref={ref as React.RefObject<HTMLInputElement>} type="text" {...common} />
      )}
      {cut && (
        <span className="field-note" id={noteId} data-testid="field-cut">
          {t('field.cut', { max: new Intl.NumberFormat(i18n.language).format(maxLength ?? 0) })}
        </span>
      )}
    </>
  );
}
