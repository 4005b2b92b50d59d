import { z } from 'zod';
import { AudioFrameClassifierSchema, ImageGeneratorSchema, ImageToImageSchema, type ModelTask } from './manifest';

/**
 * What the shells see of local AI: the models and whether each can be used, the execution provider in use and how
 * it was chosen. Runs anywhere: no Node, no DOM.
 */

export const EXECUTION_PROVIDERS = ['cuda', 'dml', 'coreml', 'webgpu', 'cpu'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

export const PROVIDER_LABELS: Record<ExecutionProvider, string> = {
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'CoreML',
  webgpu: 'WebGPU',
  cpu: 'CPU',
};

/** One provider tried (or passed over) while opening a model. */
export const ProviderAttemptSchema = z.object({
  provider: z.enum(EXECUTION_PROVIDERS),
  outcome: z.enum(['ok', 'failed', 'skipped']),
  /** Why it failed or was skipped; null when it worked. */
  reason: z.string().nullable(),
  ms: z.number().nonnegative(),
});
export type ProviderAttempt = z.infer<typeof ProviderAttemptSchema>;

export const MODEL_STATUSES = ['ok', 'missing', 'corrupt', 'invalid'] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** A model as Settings and `reelsmith models list` show it. */
export const ModelListingSchema = z.object({
  /** The manifest's id; for a manifest that cannot be read, where it is (`models.json`, a user folder's name). */
  id: z.string(),
  name: z.string(),
  origin: z.enum(['bundled', 'user']),
  task: z.enum(['audio-frame-classifier', 'image-to-image', 'image-generator', 'image-encoder'] satisfies ModelTask[]).nullable(),
  license: z.string().nullable(),
  source: z.string().nullable(),
  bytes: z.number().int().nullable(),
  status: z.enum(MODEL_STATUSES),
  /** One sentence: ready, or what is wrong and what to do. */
  message: z.string(),
});
export type ModelListing = z.infer<typeof ModelListingSchema>;

export const InferenceStatusSchema = z.object({
  /** Null until the AI engine was first asked. */
  available: z.boolean().nullable(),
  /** Why local AI is unavailable, when it is. */
  message: z.string().nullable(),
  forceCpu: z.boolean(),
  /** The provider the last opened model uses; null before any model was opened. */
  inUse: z.enum(EXECUTION_PROVIDERS).nullable(),
  /** How `inUse` was chosen. */
  attempts: z.array(ProviderAttemptSchema),
  intraOpThreads: z.number().int(),
  ortVersion: z.string().nullable(),
});
export type InferenceStatus = z.infer<typeof InferenceStatusSchema>;

/** One model opened and run twice by `reelsmith models device`. */
export const WarmUpSchema = z.object({
  modelId: z.string(),
  provider: z.enum(EXECUTION_PROVIDERS).nullable(),
  attempts: z.array(ProviderAttemptSchema),
  /** Opening the session, provider attempts included. */
  loadMs: z.number().nullable(),
  /** The first run pays for lazy allocations; the second is what a job's runs cost. */
  firstRunMs: z.number().nullable(),
  warmRunMs: z.number().nullable(),
  error: z.string().nullable(),
});
export type WarmUp = z.infer<typeof WarmUpSchema>;

export const DeviceReportSchema = z.object({
  status: InferenceStatusSchema,
  backends: z.array(z.object({ name: z.string(), bundled: z.boolean() })),
  /** True when no bundled model was usable and the built-in test graph was run instead. */
  testGraph: z.boolean(),
  warmUps: z.array(WarmUpSchema),
});
export type DeviceReport = z.infer<typeof DeviceReportSchema>;

/** What a user writes about their own model; the file name, size and checksum are filled in on import. */
const computed = { file: true, bytes: true, sha256: true } as const;
export const UserModelManifestSchema = z.discriminatedUnion('task', [
  AudioFrameClassifierSchema.omit(computed),
  ImageToImageSchema.omit(computed),
  ImageGeneratorSchema.omit(computed),
]);
export type UserModelManifest = z.infer<typeof UserModelManifestSchema>;
