import { applyEdit, describeEdit, type Edit } from './edits';
import type { ProjectDocument } from './document';

interface HistoryEntry {
  label: string;
  forward: Edit;
  backward: Edit;
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

  apply(edit: Edit): ProjectDocument {
    const label = describeEdit(edit, this.doc);
    const { document, inverse } = applyEdit(this.doc, edit);
    this.doc = document;
    this.undoStack.push({ label, forward: edit, backward: inverse });
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
