import { z } from 'zod';
import { AssetIdSchema, AssetSchema, type Asset } from '../assets';
import {
  TimelineCommandRejected,
  TimelineCommandSchema,
  applyTimelineCommand,
  describeTimelineCommand,
  type AppliedTimelineCommand,
  type TimelineCommand,
} from '../timeline/commands';
import { AutoEditOriginSchema } from '../autoedit/origin';
import { validateTimeline } from '../timeline/invariants';
import { sourcesFromAssets } from '../timeline/sources';
import { TimelineSchema } from '../timeline/timeline';
import { SampleRateSchema } from '../video-format';
import {
  FrameRateSchema,
  FrameSizeSchema,
  ProjectNameSchema,
  SequenceSchema,
  type ProjectDocument,
  type ProjectSettings,
  type Sequence,
} from './document';

/** The asset fields an edit may change; the id, fingerprint and date added never change. */
export const AssetPatchSchema = AssetSchema.pick({
  name: true,
  path: true,
  stored: true,
  sizeBytes: true,
  media: true,
  kind: true,
  tags: true,
  favourite: true,
  lineage: true,
})
  .partial()
  .extend({ id: AssetIdSchema });
export type AssetPatch = z.infer<typeof AssetPatchSchema>;

const BaseEditSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('project.rename'), name: ProjectNameSchema }),
  z.object({
    type: z.literal('project.settings'),
    frameRate: FrameRateSchema.optional(),
    frameSize: FrameSizeSchema.optional(),
    sampleRate: SampleRateSchema.optional(),
  }),
  z.object({ type: z.literal('sequence.insert'), sequence: SequenceSchema, index: z.number().int().min(0) }),
  z.object({ type: z.literal('sequence.rename'), id: z.string(), name: ProjectNameSchema }),
  z.object({ type: z.literal('sequence.remove'), id: z.string() }),
  /** An automatic edit re-cut with other settings: the new timeline and how it was made, as one step. */
  z.object({
    type: z.literal('sequence.recut'),
    sequenceId: z.string(),
    timeline: TimelineSchema,
    autoEdit: AutoEditOriginSchema,
  }),
  /** A change to a sequence's timeline; its inverse is the command's inverse. */
  z.object({ type: z.literal('sequence.command'), sequenceId: z.string(), command: TimelineCommandSchema }),
  /** Entries in ascending index order; each index is where the asset lands once the earlier ones are in. */
  z.object({
    type: z.literal('assets.insert'),
    entries: z.array(z.object({ index: z.number().int().min(0), asset: AssetSchema })),
  }),
  z.object({ type: z.literal('assets.remove'), ids: z.array(AssetIdSchema) }),
  z.object({ type: z.literal('assets.patch'), patches: z.array(AssetPatchSchema) }),
]);

/**
 * An edit is a concrete, replayable change to a project document. Applying one yields the new document and the edit
 * that undoes it, so the undo stack is a list of edit pairs and never holds whole-document snapshots. A batch applies
 * its edits in order (an import that lands in several steps undoes as one).
 */
export const EditSchema = z.union([
  BaseEditSchema,
  z.object({ type: z.literal('batch'), edits: z.array(BaseEditSchema) }),
]);
export type Edit = z.infer<typeof EditSchema>;
type BaseEdit = z.infer<typeof BaseEditSchema>;

export interface AppliedEdit {
  document: ProjectDocument;
  inverse: Edit;
}

/** An edit that cannot apply: it names something that is not there, or it would break the document's rules. */
export class EditRejected extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'invalid' = 'missing',
  ) {
    super(message);
    this.name = 'EditRejected';
  }
}

export function applyEdit(doc: ProjectDocument, edit: Edit): AppliedEdit {
  if (edit.type !== 'batch') return applyBaseEdit(doc, edit);
  let document = doc;
  const inverses: BaseEdit[] = [];
  for (const step of edit.edits) {
    const applied = applyBaseEdit(document, step);
    document = applied.document;
    inverses.unshift(applied.inverse);
  }
  return { document, inverse: { type: 'batch', edits: inverses } };
}

/** One edit after another, as a single edit (batches are flattened). */
export function combineEdits(first: Edit, second: Edit): Edit {
  const steps = (e: Edit): BaseEdit[] => (e.type === 'batch' ? e.edits : [e]);
  return { type: 'batch', edits: [...steps(first), ...steps(second)] };
}

function applyBaseEdit(doc: ProjectDocument, edit: BaseEdit): { document: ProjectDocument; inverse: BaseEdit } {
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
    case 'sequence.recut': {
      const index = findSequence(doc, edit.sequenceId);
      const sequence = doc.sequences[index]!;
      if (!sequence.autoEdit) throw new EditRejected('This sequence was not made by an automatic edit, so it cannot be re-cut');
      const [problem] = validateTimeline(edit.timeline, sourcesFromAssets(doc.assets, sequence.frameRate));
      if (problem) throw new EditRejected(problem.message, 'invalid');
      const sequences = [...doc.sequences];
      sequences[index] = { ...sequence, timeline: edit.timeline, autoEdit: edit.autoEdit };
      return {
        document: { ...doc, sequences },
        inverse: { type: 'sequence.recut', sequenceId: edit.sequenceId, timeline: sequence.timeline, autoEdit: sequence.autoEdit },
      };
    }
    case 'sequence.command': {
      const index = findSequence(doc, edit.sequenceId);
      const sequence = doc.sequences[index]!;
      const applied = applySequenceCommand(doc, sequence, edit.command);
      const sequences = [...doc.sequences];
      sequences[index] = { ...sequence, timeline: applied.timeline };
      return {
        document: { ...doc, sequences },
        inverse: { type: 'sequence.command', sequenceId: edit.sequenceId, command: applied.inverse },
      };
    }
    case 'assets.insert': {
      const assets = [...doc.assets];
      const ids = new Set(assets.map((a) => a.id));
      for (const { index, asset } of edit.entries) {
        if (ids.has(asset.id)) throw new EditRejected(`An asset with id ${asset.id} already exists`);
        ids.add(asset.id);
        assets.splice(Math.min(index, assets.length), 0, asset);
      }
      return {
        document: { ...doc, assets },
        inverse: { type: 'assets.remove', ids: edit.entries.map((e) => e.asset.id) },
      };
    }
    case 'assets.remove': {
      const ids = new Set(edit.ids);
      const entries: { index: number; asset: Asset }[] = [];
      doc.assets.forEach((asset, index) => {
        if (ids.has(asset.id)) entries.push({ index, asset });
      });
      if (entries.length !== ids.size) throw new EditRejected('Some of these assets are not in the project');
      return {
        document: { ...doc, assets: doc.assets.filter((a) => !ids.has(a.id)) },
        inverse: { type: 'assets.insert', entries },
      };
    }
    case 'assets.patch': {
      const byId = new Map(edit.patches.map((p) => [p.id, p]));
      const previous: AssetPatch[] = [];
      const assets = doc.assets.map((asset) => {
        const patch = byId.get(asset.id);
        if (!patch) return asset;
        const before: AssetPatch = { id: asset.id };
        for (const key of Object.keys(patch) as (keyof AssetPatch)[]) {
          if (key !== 'id') Object.assign(before, { [key]: asset[key] });
        }
        previous.push(before);
        return { ...asset, ...patch };
      });
      if (previous.length !== byId.size) throw new EditRejected('Some of these assets are not in the project');
      return { document: { ...doc, assets }, inverse: { type: 'assets.patch', patches: previous } };
    }
  }
}

/** A short description for menus and the status bar ("Undo Rename sequence"). */
export function describeEdit(edit: Edit, before: ProjectDocument): string {
  if (edit.type !== 'batch') return describeBaseEdit(edit, before);
  const first = edit.edits[0];
  if (!first) return 'Change nothing';
  if (edit.edits.every((e) => e.type === 'assets.insert')) {
    return describeImport(edit.edits.reduce((n, e) => n + e.entries.length, 0));
  }
  return describeBaseEdit(first, before);
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const describeImport = (n: number) => `Import ${plural(n, 'file')}`;

function describeBaseEdit(edit: BaseEdit, before: ProjectDocument): string {
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
    case 'sequence.recut': {
      const name = before.sequences.find((s) => s.id === edit.sequenceId)?.name;
      return name === undefined ? 'Re-cut sequence' : `Re-cut “${name}”`;
    }
    case 'sequence.command':
      return describeTimelineCommand(edit.command);
    case 'assets.insert':
      return describeImport(edit.entries.length);
    case 'assets.remove':
      return `Remove ${plural(edit.ids.length, 'asset')}`;
    case 'assets.patch': {
      const first = edit.patches[0];
      if (first?.tags !== undefined) return `Change tags of ${plural(edit.patches.length, 'asset')}`;
      if (first?.favourite !== undefined) return first.favourite ? 'Mark as favourite' : 'Unmark favourite';
      if (first?.path !== undefined) return `Relink ${plural(edit.patches.length, 'asset')}`;
      return `Update ${plural(edit.patches.length, 'asset')}`;
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

/** A timeline command on a sequence, its clips checked against the project's media at the sequence's frame rate. */
function applySequenceCommand(doc: ProjectDocument, sequence: Sequence, command: TimelineCommand): AppliedTimelineCommand {
  try {
    return applyTimelineCommand(sequence.timeline, command, sourcesFromAssets(doc.assets, sequence.frameRate));
  } catch (error) {
    if (error instanceof TimelineCommandRejected) throw new EditRejected(error.message, 'invalid');
    throw error;
  }
}

function findSequence(doc: ProjectDocument, id: string): number {
  const index = doc.sequences.findIndex((s) => s.id === id);
  if (index < 0) throw new EditRejected(`There is no sequence with id ${id}`);
  return index;
}
