import { applyEdit, combineEdits, describeEdit, type Edit } from './edits';
import type { ProjectDocument } from './document';

interface HistoryEntry {
  label: string;
  forward: Edit;
  backward: Edit;
  /** Edits applied with the same key right after this one join it, so they undo together. */
  coalesce?: string;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

/**
 * The undo/redo stack of one open project. It owns the current document: every change goes through `apply`, so the
 * stack and the document can never disagree. Pure data, no I/O.
 */
export class EditHistory {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private doc: ProjectDocument;

  constructor(
    initial: ProjectDocument,
    private readonly limit = 500,
  ) {
    this.doc = initial;
  }

  get document(): ProjectDocument {
    return this.doc;
  }

  /**
   * Applies an edit as a new undo step, or, when `coalesce` matches the key of the newest step and nothing was undone
   * since, as part of that step (an import that lands in batches undoes as one).
   */
  apply(edit: Edit, options: { coalesce?: string } = {}): ProjectDocument {
    const { document, inverse } = applyEdit(this.doc, edit);
    const top = this.undoStack.at(-1);
    if (options.coalesce !== undefined && top?.coalesce === options.coalesce && this.redoStack.length === 0) {
      top.forward = combineEdits(top.forward, edit);
      top.backward = combineEdits(inverse, top.backward);
      top.label = describeEdit(top.forward, this.doc);
      this.doc = document;
      return document;
    }
    const label = describeEdit(edit, this.doc);
    this.undoStack.push({ label, forward: edit, backward: inverse, coalesce: options.coalesce });
    this.doc = document;
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
    return document;
  }

  /** Returns false, changing nothing, when there is nothing to undo. */
  undo(): boolean {
    const entry = this.undoStack.pop();
    if (!entry) return false;
    this.doc = applyEdit(this.doc, entry.backward).document;
    this.redoStack.push(entry);
    return true;
  }

  redo(): boolean {
    const entry = this.redoStack.pop();
    if (!entry) return false;
    this.doc = applyEdit(this.doc, entry.forward).document;
    this.undoStack.push(entry);
    return true;
  }

  state(): HistoryState {
    const undo = this.undoStack.at(-1);
    const redo = this.redoStack.at(-1);
    return {
      canUndo: undo !== undefined,
      canRedo: redo !== undefined,
      undoLabel: undo?.label ?? null,
      redoLabel: redo?.label ?? null,
    };
  }
}
