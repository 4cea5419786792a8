/**
 * The editor's undo and redo (issue #23): one DraftUndo per open group document, Ctrl/Cmd+Z,
 * Ctrl/Cmd+Shift+Z and Ctrl+Y anywhere in the draft (in its fields too, whose native undo would
 * fight Yjs's; not in other text boxes inside it, such as a comment, which keep their own), and
 * the toast after a deletion. An item brought back takes focus again; what happened is said
 * politely through the page's announcer.
 */
import { useCallback, useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type * as Y from 'yjs';
import { DraftUndo, type Deletion, type Refusal, type UndoOutcome } from '../../../shared/DraftUndo';
import { LIMITS } from '../../../shared/limits';
import { useAnnounce } from '../a11y/Announcer';
import { FIELD_ATTR } from './YTextField';
import { UndoToast } from './UndoToast';

export type HistoryAction = 'undo' | 'redo';

type Keys = Pick<globalThis.KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/**
 * The history key a key press is: Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z and Ctrl+Y redo. The letter
 * typed counts (Z sits elsewhere on a German keyboard), or the key's place on a non-Latin layout.
 */
export function historyAction(e: Keys): HistoryAction | null {
  if (e.altKey || !(e.ctrlKey || e.metaKey)) return null;
  const letter = /^[a-z]$/i.test(e.key) ? e.key.toLowerCase() : e.code === 'KeyZ' ? 'z' : e.code === 'KeyY' ? 'y' : '';
  if (letter === 'z') return e.shiftKey ? 'redo' : 'undo';
  return letter === 'y' && e.ctrlKey && !e.shiftKey ? 'redo' : null;
}

/** Whether the draft's history handles undo here: anywhere but a text box that is not one of its fields. */
function ownsHistory(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.hasAttribute(FIELD_ATTR)) return true;
  return !(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable);
}

const histories = new WeakMap<Y.Doc, DraftUndo>();
/** The document's history: one per open document, kept as long as it (Yjs ends it with the document). */
function historyOf(doc: Y.Doc): DraftUndo {
  let history = histories.get(doc);
  if (!history) {
    history = new DraftUndo(doc);
    histories.set(doc, history);
  }
  return history;
}

function refusalText(t: TFunction<'editor'>, refusal: Refusal): string {
  switch (refusal.reason) {
    case 'full':
      return refusal.kind === 'objective'
        ? t('undo.fullObjective', { max: LIMITS.maxObjectivesPerDoc })
        : t('undo.fullKeyResult', { max: LIMITS.maxKeyResultsPerObjective });
    case 'gone':
      return t('undo.gone');
    case 'othersWrote':
      return t('undo.othersWrote');
    default: {
      const never: never = refusal;
      return never;
    }
  }
}

interface Toast {
  seq: number;
  text: string;
  /** The deletion its Undo button undoes (none for a refused undo's notice). */
  deletion: Deletion | null;
}

/** `onRestored` is given the id of an item an undo brought back, to focus it. */
export function useDraftUndo(doc: Y.Doc, readOnly: boolean, onRestored: (id: string) => void) {
  const { t } = useTranslation('editor');
  const announce = useAnnounce();
  const history = useMemo(() => historyOf(doc), [doc]);
  const [toast, setToast] = useState<Toast | null>(null);
  // The draft's element (a callback ref), where a field's own undo is caught.
  const [section, sectionRef] = useState<HTMLElement | null>(null);
  const mac = /Mac|iPhone|iPad/.test(navigator.userAgent);
  const keys = useMemo(() => (mac ? { label: '⌘Z', aria: 'Meta+Z' } : { label: `${t('undo.ctrl')}+Z`, aria: 'Control+Z' }), [mac, t]);

  const show = useCallback(
    (text: string, deletion: Deletion | null, spoken = text) => {
      setToast((shown) => ({ seq: (shown?.seq ?? 0) + 1, text, deletion }));
      announce({ text: spoken, politeness: 'polite' });
    },
    [announce],
  );

  const settle = useCallback(
    (outcome: UndoOutcome) => {
      if (!outcome.done && outcome.refusal) return show(refusalText(t, outcome.refusal), null);
      // A toast whose deletion is undone by now, or a notice about an earlier refusal, has had its say.
      setToast((shown) => (shown?.deletion && history.pending(shown.deletion) ? shown : null));
      if (outcome.done && outcome.restored) {
        onRestored(outcome.restored.id);
        announce({ text: t(outcome.restored.kind === 'objective' ? 'undo.objectiveRestored' : 'undo.keyResultRestored'), politeness: 'polite' });
      }
    },
    [announce, history, onRestored, show, t],
  );

  const run = useCallback((action: HistoryAction) => settle(action === 'undo' ? history.undo() : history.redo()), [history, settle]);

  /** Deletes an objective or key result, and offers to undo it. */
  const remove = useCallback(
    (id: string) => {
      const deletion = history.remove(id);
      if (!deletion) return;
      const text = t(deletion.kind === 'objective' ? 'undo.objectiveDeleted' : 'undo.keyResultDeleted');
      show(text, deletion, t('undo.spoken', { message: text, keys: keys.label }));
    },
    [history, keys, show, t],
  );

  const onKeyDown = (e: KeyboardEvent) => {
    const action = historyAction(e);
    if (!action || readOnly || e.nativeEvent.isComposing || !ownsHistory(e.target)) return;
    e.preventDefault();
    run(action);
  };

  // A field's own Undo (its context menu, a phone's gesture) goes to the draft's history too.
  useEffect(() => {
    if (!section || readOnly) return;
    const onBeforeInput = (e: InputEvent) => {
      const action = e.inputType === 'historyUndo' ? 'undo' : e.inputType === 'historyRedo' ? 'redo' : null;
      if (!action || !ownsHistory(e.target)) return;
      e.preventDefault();
      run(action);
    };
    section.addEventListener('beforeinput', onBeforeInput);
    return () => section.removeEventListener('beforeinput', onBeforeInput);
  }, [section, readOnly, run]);

  const close = useCallback(() => setToast(null), []);
  const deletion = toast?.deletion;
  const element =
    toast && !readOnly ? (
      <UndoToast key={toast.seq} text={toast.text} onUndo={deletion ? () => settle(history.restore(deletion)) : undefined} onClose={close} keys={keys} />
    ) : null;

  return { history, remove, onKeyDown, sectionRef, toast: element };
}
