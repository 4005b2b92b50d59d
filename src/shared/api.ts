import { z } from 'zod';
import {
  AssetIdSchema,
  AssetsChangedSchema,
  AssetViewSchema,
  ImportReportSchema,
  TagSchema,
} from './assets';
import { AnalysisChangedSchema, AnalysisRequestSchema, AnalysisResultSchema, AnalysisSummarySchema } from './analysis/analysis';
import { AutoEditReportSchema } from './autoedit/report';
import { AutoEditStartedSchema, DeadAirStartSchema, RecutOutcomeSchema, RecutStartSchema, SceneSplitStartSchema } from './autoedit/requests';
import { FIT_MODES, PresetIdSchema } from './export/presets';
import {
  GenerateLoopSchema,
  GenerateMorphSchema,
  GenerateSampleSchema,
  GenerateVariationsSchema,
  GeneratorListingSchema,
} from './generate/requests';
import { JobSchema } from './jobs';
import { LoudnessNormaliseSchema } from './render/render-plan';
import { RENDER_METHODS, StreamCopyVerdictSchema } from './render/render-request';
import { FrameSchema } from './timeline/timeline';
import { TimelineCommandSchema } from './timeline/commands';
import { MediaInfoSchema } from './media';
import {
  DeviceReportSchema,
  InferenceStatusSchema,
  ModelListingSchema,
  UserModelManifestSchema,
} from './models/local-ai';
import {
  FrameRateSchema,
  FrameSizeSchema,
  ProjectDocumentSchema,
  ProjectNameSchema,
} from './project/document';

/**
 * The one API every shell speaks: Electron IPC, the web shell's WebSocket and the CLI all call these methods, and
 * the engine validates every call against the input schema before anything runs.
 */

const PathSchema = z
  .string()
  .min(1, 'A path cannot be empty')
  .max(4096, 'A path is at most 4096 characters')
  .refine((p) => !p.includes('\0'), 'A path cannot contain NUL characters');

const NoParams = z.object({}).strict().optional();

export const SHELLS = ['electron', 'web', 'cli', 'test'] as const;
export type ShellKind = (typeof SHELLS)[number];

export const AppInfoSchema = z.object({
  name: z.literal('Reelsmith'),
  version: z.string(),
  shell: z.enum(SHELLS),
  platform: z.string(),
  arch: z.string(),
  pathSeparator: z.enum(['/', '\\']),
  projectsDir: z.string(),
  configDir: z.string(),
  capabilities: z.object({ folderDialog: z.boolean() }),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const RecentProjectSchema = z.object({
  path: z.string(),
  name: z.string(),
  openedAt: z.iso.datetime(),
  exists: z.boolean(),
});
export type RecentProject = z.infer<typeof RecentProjectSchema>;

export const HistoryStateSchema = z.object({
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  undoLabel: z.string().nullable(),
  redoLabel: z.string().nullable(),
});

export const SaveStateSchema = z.object({
  dirty: z.boolean(),
  saving: z.boolean(),
  lastSavedAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});
export type SaveState = z.infer<typeof SaveStateSchema>;

/** The project as shells see it: assets travel separately (`assets.list`, `assets.changed`), there can be thousands. */
export const ProjectStateSchema = z.object({
  path: z.string(),
  document: ProjectDocumentSchema.omit({ assets: true }),
  assetCount: z.number().int().nonnegative(),
  history: HistoryStateSchema,
  save: SaveStateSchema,
});
export type ProjectState = z.infer<typeof ProjectStateSchema>;

export const BackupSchema = z.object({
  id: z.string(),
  savedAt: z.iso.datetime(),
  bytes: z.number().int(),
  valid: z.boolean(),
});
export type Backup = z.infer<typeof BackupSchema>;

export const ProjectInfoSchema = z.object({
  path: z.string(),
  id: z.string(),
  name: z.string(),
  schemaVersion: z.number().int(),
  createdAt: z.string(),
  modifiedAt: z.string(),
  sequenceCount: z.number().int(),
  assetCount: z.number().int(),
  settings: ProjectDocumentSchema.shape.settings,
  lockedBy: z.object({ host: z.string(), pid: z.number().int(), since: z.string() }).nullable(),
  backups: z.number().int(),
});
export type ProjectInfo = z.infer<typeof ProjectInfoSchema>;

export const FfmpegInfoSchema = z.object({
  ffmpeg: z.object({ path: z.string(), source: z.enum(['env', 'bundled', 'path']), version: z.string().nullable() }),
  ffprobe: z.object({ path: z.string(), source: z.enum(['env', 'bundled', 'path']), version: z.string().nullable() }),
  workingHardwareEncoders: z.array(z.string()),
  checkedAt: z.string(),
});
export type FfmpegInfo = z.infer<typeof FfmpegInfoSchema>;

export const ExportPresetInfoSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['video', 'audio', 'gif', 'thumbnail']),
  extension: z.string(),
  available: z.boolean(),
});

/** Where and how a render is written: a file the user chose, a preset, and encode or lossless stream copy. */
const renderOutputShape = {
  output: PathSchema,
  preset: PresetIdSchema,
  fit: z.enum(FIT_MODES).default('letterbox'),
  softwareOnly: z.boolean().default(false),
  method: z.enum(RENDER_METHODS).default('encode'),
  normalise: LoudnessNormaliseSchema.optional(),
};

/** Part of a sequence, e.g. between its In and Out points: from frame `from` up to, not including, frame `to`. */
export const SequenceRangeSchema = z
  .object({ from: FrameSchema, to: FrameSchema })
  .strict()
  .refine((range) => range.to > range.from, { message: 'A range ends after it starts' });
export type SequenceRange = z.infer<typeof SequenceRangeSchema>;

/** A file name the user typed for an export: no folders, no reserved characters; the preset adds the extension. */
export const ExportNameSchema = z
  .string()
  .trim()
  .min(1, 'Name the exported file')
  .max(120, 'A file name is at most 120 characters')
  .refine((name) => !/[\\/:*?"<>|\u0000-\u001f]/.test(name), 'A file name cannot contain / \\ : * ? " < > |')
  .refine((name) => !name.startsWith('.'), 'A file name cannot start with a dot');

export const ExportCheckSchema = z.object({
  /** Frames the export will last. */
  frames: z.number().int().min(1),
  /** Whether the cuts allow a lossless stream copy with this preset, and if not, why. */
  streamCopy: StreamCopyVerdictSchema,
});
export type ExportCheck = z.infer<typeof ExportCheckSchema>;

/**
 * `local` methods take file-system paths to read, so only the CLI (in-process) may call them; the renderer
 * reaches media by asset id.
 */
export type MethodAccess = 'any' | 'local';

function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  summary: string,
  access: MethodAccess = 'any',
) {
  return { input, output, summary, access };
}

export const apiMethods = {
  'app.info': method(NoParams, AppInfoSchema, 'Version, platform and where projects live'),
  'dialog.pickFolder': method(
    z.object({ title: z.string().max(200).optional() }).strict().default({}),
    z.object({ path: z.string().nullable() }),
    'Ask the user for a folder with the native dialog (Electron only)',
  ),
  'recent.list': method(NoParams, z.array(RecentProjectSchema), 'Recently opened projects, newest first'),
  'recent.remove': method(
    z.object({ path: PathSchema }).strict(),
    z.array(RecentProjectSchema),
    'Forget a project in the recent list (the folder is untouched)',
  ),
  'project.create': method(
    z.object({ path: PathSchema, name: ProjectNameSchema.optional() }).strict(),
    ProjectStateSchema,
    'Create a project folder (".reelsmith" is appended when missing) and open it',
  ),
  'project.open': method(
    z.object({ path: PathSchema }).strict(),
    ProjectStateSchema,
    'Open a project folder or its project.json',
  ),
  'project.info': method(
    z.object({ path: PathSchema }).strict(),
    ProjectInfoSchema,
    'Read a project without opening or locking it',
  ),
  'project.current': method(NoParams, ProjectStateSchema.nullable(), 'The open project, if any'),
  'project.save': method(NoParams, ProjectStateSchema, 'Write the open project to disk now'),
  'project.close': method(NoParams, z.null(), 'Save and close the open project'),
  'project.undo': method(NoParams, ProjectStateSchema, 'Undo the last edit'),
  'project.redo': method(NoParams, ProjectStateSchema, 'Redo the last undone edit'),
  'project.rename': method(z.object({ name: ProjectNameSchema }).strict(), ProjectStateSchema, 'Rename the project'),
  'project.updateSettings': method(
    z
      .object({
        frameRate: FrameRateSchema.optional(),
        frameSize: FrameSizeSchema.optional(),
        sampleRate: z.union([z.literal(44100), z.literal(48000)]).optional(),
      })
      .strict(),
    ProjectStateSchema,
    'Change the project defaults for new sequences',
  ),
  'project.listBackups': method(
    z.object({ path: PathSchema }).strict(),
    z.array(BackupSchema),
    'Backups of a project, newest first',
  ),
  'project.restoreBackup': method(
    z.object({ path: PathSchema, backupId: z.string().regex(/^[\w.-]+$/).max(200) }).strict(),
    ProjectStateSchema,
    'Replace project.json with a backup (the current file is kept aside) and open the project',
  ),
  'sequence.create': method(
    z.object({ name: ProjectNameSchema.optional(), shapeFrom: z.string().min(1).max(64).optional() }).strict().default({}),
    ProjectStateSchema,
    'Add an empty sequence with the project defaults, or with the frame rate and size of the video asset shapeFrom',
  ),
  'sequence.rename': method(
    z.object({ id: z.string().min(1).max(64), name: ProjectNameSchema }).strict(),
    ProjectStateSchema,
    'Rename a sequence',
  ),
  'sequence.delete': method(
    z.object({ id: z.string().min(1).max(64) }).strict(),
    ProjectStateSchema,
    'Delete a sequence',
  ),
  'sequence.edit': method(
    z
      .object({
        sequenceId: z.string().min(1).max(64),
        command: TimelineCommandSchema,
        /** Edits with the same key in a row undo as one step (a volume slider being dragged). */
        coalesce: z.string().max(64).optional(),
      })
      .strict(),
    ProjectStateSchema,
    'Change a sequence’s timeline with one undoable command (add, move, trim, split, delete, transitions, markers, tracks)',
  ),
  'sequence.render': method(
    z.object({ id: z.string().min(1).max(64), ...renderOutputShape, range: SequenceRangeSchema.optional() }).strict(),
    JobSchema,
    'Export a sequence to a file chosen by the user, in one ffmpeg pass (or a lossless stream copy); it lands in the gallery',
  ),
  'sequence.exportCheck': method(
    z.object({ id: z.string().min(1).max(64), preset: PresetIdSchema, range: SequenceRangeSchema.optional() }).strict(),
    ExportCheckSchema,
    'How long an export of a sequence (or of a range of it) will be, and whether a lossless stream copy is possible',
  ),
  'sequence.export': method(
    z
      .object({
        id: z.string().min(1).max(64),
        name: ExportNameSchema,
        preset: PresetIdSchema,
        fit: z.enum(FIT_MODES).default('letterbox'),
        softwareOnly: z.boolean().default(false),
        method: z.enum(RENDER_METHODS).default('encode'),
        normalise: LoudnessNormaliseSchema.optional(),
        range: SequenceRangeSchema.optional(),
        /** renders: the project's renders folder (a number is added when the name is taken); choose: a save dialog. */
        destination: z.enum(['renders', 'choose']).default('renders'),
      })
      .strict(),
    z.object({ job: JobSchema, fileName: z.string() }).nullable(),
    'Export a sequence (or a range of it) into the project’s renders folder or where the user chooses; it lands in the gallery under `fileName`. Null when the dialog was cancelled',
  ),
  'render.file': method(
    z.object({ timeline: PathSchema, ...renderOutputShape }).strict(),
    JobSchema,
    'Render a timeline file (docs/timeline-format.md) to a file, as a job (no project needed)',
    'local',
  ),
  'render.loudness': method(
    z.object({ jobId: z.string().max(64) }).strict(),
    AutoEditReportSchema.shape.loudness,
    'The loudness before and after of a render that normalised it, once it succeeded (as an auto-edit report shows it); null otherwise',
    'local',
  ),
  'jobs.list': method(NoParams, z.array(JobSchema), 'Jobs of this session and the open project’s history, newest first'),
  'jobs.cancel': method(z.object({ id: z.string().max(64) }).strict(), JobSchema, 'Cancel a queued or running job'),
  'jobs.retry': method(z.object({ id: z.string().max(64) }).strict(), JobSchema, 'Run a failed or cancelled job again'),
  'jobs.clearFinished': method(NoParams, z.array(JobSchema), 'Forget finished jobs'),
  'ffmpeg.info': method(
    z.object({ refresh: z.boolean().optional() }).strict().default({}),
    FfmpegInfoSchema,
    'Which ffmpeg and ffprobe are used, their versions and the hardware encoders that work',
  ),
  'export.presets': method(NoParams, z.array(ExportPresetInfoSchema), 'Export presets and whether this ffmpeg can make them'),
  'export.file': method(
    z
      .object({
        input: PathSchema,
        output: PathSchema,
        preset: PresetIdSchema,
        fit: z.enum(FIT_MODES).default('letterbox'),
        softwareOnly: z.boolean().default(false),
      })
      .strict(),
    JobSchema,
    'Export a media file with a preset, as a job',
    'local',
  ),
  'assets.list': method(NoParams, z.array(AssetViewSchema), 'Every asset of the open project, oldest first'),
  'assets.import': method(
    z.object({ paths: z.array(PathSchema).min(1).max(10_000) }).strict(),
    ImportReportSchema,
    'Import files and folders (folders recurse) into the open project, by reference',
    'local',
  ),
  'assets.importFromDialog': method(
    NoParams,
    ImportReportSchema,
    'Ask for files with the native dialog and import them (Electron only)',
  ),
  'assets.importUploads': method(
    z.object({ uploads: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).min(1).max(10_000) }).strict(),
    ImportReportSchema,
    'Import files uploaded to the web shell (POST /media/upload); duplicates and rejects are deleted again',
  ),
  'assets.update': method(
    z
      .object({
        ids: z.array(AssetIdSchema).min(1).max(10_000),
        addTags: z.array(TagSchema).max(50).optional(),
        removeTags: z.array(TagSchema).max(50).optional(),
        favourite: z.boolean().optional(),
      })
      .strict(),
    z.null(),
    'Tag, untag or favourite assets (one undoable edit)',
  ),
  'assets.remove': method(
    z.object({ ids: z.array(AssetIdSchema).min(1).max(10_000) }).strict(),
    z.null(),
    'Remove assets from the project (files on disk are untouched; undoable)',
  ),
  'assets.relink': method(
    z.object({ folder: PathSchema }).strict(),
    z.object({ relinked: z.number().int(), missing: z.number().int() }),
    'Find missing assets in a folder (recursively) by fingerprint and point them there',
  ),
  'assets.refresh': method(
    z.object({ ids: z.array(AssetIdSchema).min(1).max(10_000) }).strict(),
    z.null(),
    'Check assets’ files again (probing them again: what now reads differently is updated and its thumbnails, filmstrips, waveforms and proxies made anew) and remake failed ones',
  ),
  'media.probe': method(
    z.object({ path: PathSchema }).strict(),
    MediaInfoSchema,
    'Read a media file’s container, duration and streams with ffprobe (works without a project)',
    'local',
  ),
  'models.list': method(
    z.object({ refresh: z.boolean().optional() }).strict().default({}),
    z.array(ModelListingSchema),
    'Every AI model (bundled and the user’s own) with its licence and whether it can be used',
  ),
  'models.importUser': method(
    z.object({ file: PathSchema, manifest: UserModelManifestSchema }).strict(),
    ModelListingSchema,
    'Copy a user’s .onnx model into their data folder after checking it against its manifest',
    'local',
  ),
  'inference.status': method(NoParams, InferenceStatusSchema, 'Whether local AI works here and the execution provider in use'),
  'inference.setForceCpu': method(
    z.object({ forceCpu: z.boolean() }).strict(),
    InferenceStatusSchema,
    'Run AI models on the CPU only (or let a GPU provider be chosen again)',
  ),
  'inference.device': method(
    NoParams,
    DeviceReportSchema,
    'Execution providers tried and a timed warm-up run of every bundled model (or a test graph)',
  ),
  'analysis.run': method(
    z.object({ assetId: AssetIdSchema, request: AnalysisRequestSchema }).strict(),
    JobSchema,
    'Analyse an asset (voice activity, loudness or scenes) as a job; the result is cached by its content and the request',
  ),
  'analysis.get': method(
    z.object({ assetId: AssetIdSchema, request: AnalysisRequestSchema }).strict(),
    AnalysisResultSchema.nullable(),
    'The cached result of an analysis of an asset, or null when it has not been made',
  ),
  'autoedit.deadAir': method(
    DeadAirStartSchema,
    AutoEditStartedSchema,
    'Make a new sequence from an asset with its pauses cut (voice detection or a loudness threshold), as a job; every cut is a ghost that restores',
  ),
  'autoedit.recut': method(
    RecutStartSchema,
    RecutOutcomeSchema,
    'Cut a dead-air sequence again with other settings, keeping the user’s changes outside what the new settings change; lists the conflicts instead of overwriting them',
  ),
  'autoedit.scenes': method(
    SceneSplitStartSchema,
    AutoEditStartedSchema,
    'Make a new sequence from a video with one clip per detected scene, as a job',
  ),
  'generate.upscale': method(
    z.object({ assetId: AssetIdSchema, scale: z.union([z.literal(2), z.literal(4)]), quality: z.enum(['slim', 'medium']).default('slim') }).strict(),
    JobSchema,
    'Upscale an image or a video 2 or 4 times with a local model, as a job; the result lands in the gallery with its lineage',
  ),
  'generate.models': method(
    NoParams,
    z.array(GeneratorListingSchema),
    'The generators and encoders that can be used (bundled and the user’s own), with their classes for the sample controls',
  ),
  'generate.sample': method(
    GenerateSampleSchema,
    JobSchema,
    'Draw images from a generator (seed, seed + 1, …) as one sticker sheet or separate images, as a job; results land in the gallery with their lineage',
  ),
  'generate.loop': method(
    GenerateLoopSchema,
    JobSchema,
    'A seamless latent-walk loop through a generator’s seeds as MP4, WebM (with alpha) or GIF, as a job',
  ),
  'generate.variations': method(
    GenerateVariationsSchema,
    JobSchema,
    'Variations of a picture drawn by a VAE around it, as separate images or a sticker sheet, as a job',
  ),
  'generate.morph': method(
    GenerateMorphSchema,
    JobSchema,
    'A clip morphing one picture into another through a VAE’s latent space, as a job',
  ),
  'generate.regenerate': method(
    z.object({ assetId: AssetIdSchema }).strict(),
    JobSchema,
    'Make a generated asset again from its lineage (same model, seed and parameters); the copy lands in the gallery',
  ),
  'analysis.summary': method(
    z.object({ assetId: AssetIdSchema }).strict(),
    AnalysisSummarySchema,
    'Speech share, loudness and scene count of an asset, from the analyses made with default settings',
  ),
} as const;

export type ApiMethods = typeof apiMethods;
export type ApiMethodName = keyof ApiMethods;
export type ApiInput<M extends ApiMethodName> = z.input<ApiMethods[M]['input']>;
export type ApiParsedInput<M extends ApiMethodName> = z.output<ApiMethods[M]['input']>;
export type ApiOutput<M extends ApiMethodName> = z.output<ApiMethods[M]['output']>;

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.hasOwn(apiMethods, name);
}

/** Events pushed from the engine to every connected client. */
export const apiEvents = {
  'project.changed': z.object({ state: ProjectStateSchema.nullable() }),
  /** Only the open project's save state changed (saving, saved, failed): a few bytes instead of the whole document. */
  'project.saved': z.object({ path: z.string(), save: SaveStateSchema, modifiedAt: z.iso.datetime() }),
  'recent.changed': z.object({ recent: z.array(RecentProjectSchema) }),
  'job.changed': z.object({ job: JobSchema }),
  'assets.changed': AssetsChangedSchema,
  'inference.changed': z.object({ status: InferenceStatusSchema }),
  'analysis.changed': AnalysisChangedSchema,
} as const;

export type ApiEvents = typeof apiEvents;
export type ApiEventName = keyof ApiEvents;
export type ApiEventPayload<E extends ApiEventName> = z.output<ApiEvents[E]>;
export type ApiEvent = { [E in ApiEventName]: { event: E; payload: ApiEventPayload<E> } }[ApiEventName];

/** The largest call the engine accepts, measured as JSON. Larger calls get PAYLOAD_TOO_LARGE. */
export const MAX_CALL_BYTES = 1024 * 1024;
