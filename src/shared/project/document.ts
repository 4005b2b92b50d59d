import { z } from 'zod';
import { AssetSchema } from '../assets';
import { AutoEditOriginSchema } from '../autoedit/origin';
import { TimelineSchema } from '../timeline/timeline';
import { FrameRateSchema, FrameSizeSchema, SampleRateSchema } from '../video-format';

export { FrameRateSchema, FrameSizeSchema, type FrameRate, type FrameSize } from '../video-format';

/** The version of `project.json` this build writes. Older versions are migrated on open; newer ones are refused. */
export const PROJECT_SCHEMA_VERSION = 3;

export const ProjectNameSchema = z
  .string()
  .trim()
  .min(1, 'A name cannot be empty')
  .max(120, 'A name is at most 120 characters');

export const ProjectSettingsSchema = z.object({
  frameRate: FrameRateSchema,
  frameSize: FrameSizeSchema,
  sampleRate: SampleRateSchema,
});
export type ProjectSettings = z.infer<typeof ProjectSettingsSchema>;

export const SequenceSchema = z.object({
  id: z.string().min(1).max(64),
  name: ProjectNameSchema,
  frameRate: FrameRateSchema,
  frameSize: FrameSizeSchema,
  createdAt: z.iso.datetime(),
  timeline: TimelineSchema,
  /** Set on a sequence an automatic edit made, so it can be re-cut with other settings. */
  autoEdit: AutoEditOriginSchema.optional(),
});
export type Sequence = z.infer<typeof SequenceSchema>;

export const ProjectDocumentSchema = z.object({
  schemaVersion: z.literal(PROJECT_SCHEMA_VERSION),
  id: z.string().min(1).max(64),
  name: ProjectNameSchema,
  createdAt: z.iso.datetime(),
  modifiedAt: z.iso.datetime(),
  settings: ProjectSettingsSchema,
  sequences: z.array(SequenceSchema),
  /** Imported media, oldest first. */
  assets: z.array(AssetSchema),
});
export type ProjectDocument = z.infer<typeof ProjectDocumentSchema>;

export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  frameRate: { num: 30, den: 1 },
  frameSize: { width: 1920, height: 1080 },
  sampleRate: 48000,
};

export function newProjectDocument(input: { id: string; name: string; now: string }): ProjectDocument {
  return {
    schemaVersion: PROJECT_SCHEMA_VERSION,
    id: input.id,
    name: input.name,
    createdAt: input.now,
    modifiedAt: input.now,
    settings: DEFAULT_PROJECT_SETTINGS,
    sequences: [],
    assets: [],
  };
}
