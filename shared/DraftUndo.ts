/**
 * One person's undo history of a group document (issue #23): a Y.UndoManager over the whole draft
 * (objectives, key results, every field) that tracks only the transactions made with this editor's
 * own origin, so what others type, applied by the provider under its own origin, is never undone.
 * Adding, moving and deleting an item are steps of their own; typing is cut into word-sized steps.
 * A deletion can also be undone on its own later (the editor's toast). A step that would pass a
 * limit or take away someone else's writing is refused instead of run (see undoSteps.ts).
 */
import * as Y from 'yjs';
import { findItem, objectivesOf, removeItem } from './okrDoc';
import { planStep, type ItemKind, type Refusal, type Step } from './undoSteps';

export type { ItemKind, Refusal } from './undoSteps';

/** Typing within this long of the last change joins its step (a pause ends a step). */
export const CAPTURE_TIMEOUT_MS = 800;

/** A deletion made with DraftUndo.remove, to undo on its own later. */
export interface Deletion {
  kind: ItemKind;
  step: Step;
}

export type UndoOutcome =
  | { done: true; /** The first whole item brought back, if any. */ restored: { id: string; kind: ItemKind } | null }
  /** Nothing to undo (refusal null), or a step refused. */
  | { done: false; refusal: Refusal | null };

/**
 * How a typed edit joins the undo history: 'same' step, a 'new' one (a space after a word), or one
 * 'alone' (a paste, a cut, a replaced selection).
 */
export type TypingStep = 'same' | 'new' | 'alone';

/** How an edit of a text field (remove `remove` characters at `at`, insert `insert`) joins the history. */
export function typingStep(before: string, at: number, remove: number, insert: string): TypingStep {
  if (insert.length > 1 || remove > 1) return 'alone';
  return /^\s/.test(insert) && at > 0 && !/\s/.test(before[at - 1]!) ? 'new' : 'same';
}

export class DraftUndo {
  /** The origin of every edit this person makes in the editor: the only one the manager tracks. */
  readonly origin: object = { editor: 'local' };
  readonly manager: Y.UndoManager;

  constructor(private readonly doc: Y.Doc) {
    this.manager = new Y.UndoManager(objectivesOf(doc), { trackedOrigins: new Set([this.origin]), captureTimeout: CAPTURE_TIMEOUT_MS });
  }

  /** Runs a local edit under this editor's origin; returns what `change` returns. */
  edit<T>(change: () => T): T {
    return this.doc.transact(change, this.origin);
  }

  /** A local edit as an undo step of its own (adding, moving or deleting an item, a choice in a list). */
  step<T>(change: () => T): T {
    this.manager.stopCapturing();
    try {
      return this.edit(change);
    } finally {
      this.manager.stopCapturing();
    }
  }

  /** A typed edit, joining the history as typingStep said. */
  type(how: TypingStep, change: () => void): void {
    if (how === 'alone') return this.step(change);
    if (how === 'new') this.manager.stopCapturing();
    this.edit(change);
  }

  /** Ends the current step (focus moved to another field): the next edit starts a new one. */
  newStep(): void {
    this.manager.stopCapturing();
  }

  /** Deletes an objective (with its key results) or a key result, as a step of its own. */
  remove(id: string): Deletion | null {
    const found = findItem(this.doc, id);
    if (!found) return null;
    const kind: ItemKind = found.parent === objectivesOf(this.doc) ? 'objective' : 'keyResult';
    const before = this.manager.undoStack.length;
    this.step(() => removeItem(this.doc, id));
    const step = this.manager.undoStack.at(-1);
    return step && this.manager.undoStack.length > before ? { kind, step } : null;
  }

  /** Undoes this person's last step, unless it must be refused. */
  undo(): UndoOutcome {
    return this.pop(this.manager.undoStack, () => this.manager.undo());
  }

  /** Redoes the last step undone, unless it must be refused. */
  redo(): UndoOutcome {
    return this.pop(this.manager.redoStack, () => this.manager.redo());
  }

  /** Whether `deletion` can still be undone (it was not undone already, nor dropped). */
  pending(deletion: Deletion): boolean {
    return this.manager.undoStack.includes(deletion.step);
  }

  /**
   * Undoes one deletion, even with later steps of this person's above it (they stay, and stay
   * undoable): the deletion alone is put on the stack for the undo.
   */
  restore(deletion: Deletion): UndoOutcome {
    const stack = this.manager.undoStack;
    if (!stack.includes(deletion.step)) return { done: false, refusal: null };
    this.manager.undoStack = [deletion.step];
    try {
      return this.undo();
    } finally {
      // Refused but waiting for room: back where it was; undone or dropped: gone from the stack.
      this.manager.undoStack = this.manager.undoStack.length > 0 ? stack : stack.filter((s) => s !== deletion.step);
    }
  }

  /** Checks the step on top of `stack`, then runs it, or refuses it. */
  private pop(stack: Step[], run: () => Step | null): UndoOutcome {
    const top = stack.at(-1);
    if (!top) return { done: false, refusal: null };
    const plan = planStep(this.doc, top);
    if (plan.refusal) {
      // A step that can never run leaves the stack (the next Ctrl+Z goes on); one waiting for room stays.
      if (plan.refusal.reason !== 'full') stack.pop();
      return { done: false, refusal: plan.refusal };
    }
    this.manager.stopCapturing();
    const ran = run();
    // The next edit starts a step of its own, never joins a redone one.
    this.manager.stopCapturing();
    return ran ? { done: true, restored: plan.restores[0] ?? null } : { done: false, refusal: null };
  }
}
