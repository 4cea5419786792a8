/**
 * An input or textarea bound to a Y.Text: local typing becomes minimal inserts/deletes, so
 * concurrent typing merges per character; remote changes keep the local caret where it was.
 */
import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Props {
  text: Y.Text;
  label: string;
  placeholder?: string;
  multiline?: boolean;
  readOnly?: boolean;
  className?: string;
  maxLength?: number;
  onFocus?: () => void;
  onBlur?: () => void;
  testId?: string;
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

export function YTextField({ text, label, placeholder, multiline, readOnly, className, maxLength, onFocus, onBlur, testId }: Props) {
  const ref = useRef<Field>(null);

  useEffect(() => {
    const el = ref.current!;
    el.value = text.toString();
    const observer = (event: Y.YTextEvent, tx: Y.Transaction) => {
      if (tx.origin === el) return;
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
    if (before === after) return;
    const { at, remove, insert } = diff(before, after, el.selectionEnd ?? after.length);
    text.doc!.transact(() => {
      if (remove > 0) text.delete(at, remove);
      if (insert) text.insert(at, insert);
    }, el);
  };

  const common = {
    'aria-label': label,
    // Free text may be right-to-left (Arabic, Hebrew): each field takes its direction from what is typed.
    dir: 'auto',
    placeholder,
    readOnly,
    className,
    maxLength,
    onInput,
    onFocus,
    onBlur,
    'data-testid': testId,
  };
  return multiline ? (
    <textarea ref={ref as React.RefObject<HTMLTextAreaElement>} rows={1} {...common} />
  ) : (
    <input ref={ref as React.RefObject<HTMLInputElement>} type="text" {...common} />
  );
}
