import { z } from 'zod';
import {
  FrameRateSchema,
  FrameSizeSchema,
  ProjectNameSchema,
  SequenceSchema,
  type ProjectDocument,
  type ProjectSettings,
} from './document';

/**
 * An edit is a concrete, replayable change to a project document. Applying one yields the new document and the edit
 * that undoes it, so the undo stack is a list of edit pairs and never holds whole-document snapshots.
 */
export const EditSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('project.rename'), name: ProjectNameSchema }),
  z.object({
    type: z.literal('project.settings'),
    frameRate: FrameRateSchema.optional(),
    frameSize: FrameSizeSchema.optional(),
    sampleRate: z.union([z.literal(44100), z.literal(48000)]).optional(),
  }),
  z.object({ type: z.literal('sequence.insert'), sequence: SequenceSchema, index: z.number().int().min(0) }),
  z.object({ type: z.literal('sequence.rename'), id: z.string(), name: ProjectNameSchema }),
  z.object({ type: z.literal('sequence.remove'), id: z.string() }),
]);
export type Edit = z.infer<typeof EditSchema>;

export interface AppliedEdit {
  document: ProjectDocument;
  inverse: Edit;
}

export class EditRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EditRejected';
  }
}

export function applyEdit(doc: ProjectDocument, edit: Edit): AppliedEdit {
  switch (edit.type) {
    case 'project.rename':
      return {
        document: { ...doc, name: edit.name },
        inverse: { type: 'project.rename', name: doc.name },
      };
    case 'project.settings': {
      const changes: Partial<ProjectSettings> = {};
      const previous: Partial<ProjectSettings> = {};
      if (edit.frameRate) {
        changes.frameRate = edit.frameRate;
        previous.frameRate = doc.settings.frameRate;
      }
      if (edit.frameSize) {
        changes.frameSize = edit.frameSize;
        previous.frameSize = doc.settings.frameSize;
      }
      if (edit.sampleRate) {
        changes.sampleRate = edit.sampleRate;
        previous.sampleRate = doc.settings.sampleRate;
      }
      return {
        document: { ...doc, settings: { ...doc.settings, ...changes } },
        inverse: { type: 'project.settings', ...previous },
      };
    }
    case 'sequence.insert': {
      if (doc.sequences.some((s) => s.id === edit.sequence.id)) {
        throw new EditRejected(`A sequence with id ${edit.sequence.id} already exists`);
      }
      const index = Math.min(edit.index, doc.sequences.length);
      const sequences = [...doc.sequences];
      sequences.splice(index, 0, edit.sequence);
      return {
        document: { ...doc, sequences },
        inverse: { type: 'sequence.remove', id: edit.sequence.id },
      };
    }
    case 'sequence.rename': {
      const index = findSequence(doc, edit.id);
      const current = doc.sequences[index]!;
      const sequences = [...doc.sequences];
      sequences[index] = { ...current, name: edit.name };
      return {
        document: { ...doc, sequences },
        inverse: { type: 'sequence.rename', id: edit.id, name: current.name },
      };
    }
    case 'sequence.remove': {
      const index = findSequence(doc, edit.id);
      const removed = doc.sequences[index]!;
      return {
        document: { ...doc, sequences: doc.sequences.filter((s) => s.id !== edit.id) },
        inverse: { type: 'sequence.insert', sequence: removed, index },
      };
    }
  }
}

/** A short description for menus and the status bar ("Undo Rename sequence"). */
export function describeEdit(edit: Edit, before: ProjectDocument): string {
  switch (edit.type) {
    case 'project.rename':
      return 'Rename project';
    case 'project.settings':
      return 'Change project settings';
    case 'sequence.insert':
      return `Add sequence “${edit.sequence.name}”`;
    case 'sequence.rename':
      return 'Rename sequence';
    case 'sequence.remove': {
      const name = before.sequences.find((s) => s.id === edit.id)?.name;
      return name === undefined ? 'Delete sequence' : `Delete sequence “${name}”`;
    }
  }
}

/** The first free "Sequence N" name, so new sequences never collide by name. */
export function nextSequenceName(doc: ProjectDocument): string {
  const taken = new Set(doc.sequences.map((s) => s.name));
  let n = doc.sequences.length + 1;
  while (taken.has(`Sequence ${n}`)) n += 1;
  return `Sequence ${n}`;
}

function findSequence(doc: ProjectDocument, id: string): number {
  const index = doc.sequences.findIndex((s) => s.id === id);
  if (index < 0) throw new EditRejected(`There is no sequence with id ${id}`);
  return index;
}
