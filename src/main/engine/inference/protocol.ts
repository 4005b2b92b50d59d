import { z } from 'zod';
import { EXECUTION_PROVIDERS as PROVIDERS, ProviderAttemptSchema } from '../../../shared/models/local-ai';

/**
 * The messages between the engine and the inference host process. Both sides validate what they receive: a message
 * that does not parse is answered with an error (or, from the host, dropped as a protocol fault), never acted on.
 * Tensors travel as typed arrays by structured clone, so their buffers are never turned into JSON.
 */

const DimsSchema = z.array(z.number().int().min(0).max(2 ** 31)).max(8).readonly();

const typedTensor = <T extends string, A extends z.ZodType>(type: T, data: A) =>
  z.object({ type: z.literal(type), data, dims: DimsSchema }).strict();

export const TensorDataSchema = z
  .discriminatedUnion('type', [
    // Typed as over any buffer, as TensorData is: what arrives by structured clone is always a plain ArrayBuffer.
    typedTensor('float32', z.instanceof(Float32Array) as z.ZodType<Float32Array>),
    typedTensor('int64', z.instanceof(BigInt64Array) as z.ZodType<BigInt64Array>),
    typedTensor('int32', z.instanceof(Int32Array) as z.ZodType<Int32Array>),
    typedTensor('uint8', z.instanceof(Uint8Array) as z.ZodType<Uint8Array>),
  ])
  .refine((tensor) => tensor.data.length === tensor.dims.reduce((n, d) => n * d, 1), {
    message: 'a tensor’s element count must match its dimensions',
  });

export const TensorMapSchema = z.record(z.string().min(1).max(200), TensorDataSchema);

/** A framed-file feed (tensor.ts): the host reads the frames from the file itself. At most 2^28 elements, as a tensor. */
const FramedFileFeedSchema = z
  .object({
    type: z.literal('float32-frames-file'),
    file: z.string().min(1).max(4096),
    rowStarts: z.array(z.number().int().min(-(2 ** 40)).max(2 ** 40)).min(1).max(4096).readonly(),
    steps: z.number().int().min(1).max(4096),
    hop: z.number().int().min(1).max(2 ** 20),
    window: z.number().int().min(1).max(2 ** 20),
  })
  .strict()
  .refine((feed) => feed.rowStarts.length * feed.steps * feed.window <= 2 ** 28, { message: 'a framed-file feed may hold at most 2^28 samples' });

export const FeedMapSchema = z.record(z.string().min(1).max(200), z.union([TensorDataSchema, FramedFileFeedSchema]));

const RequestIdSchema = z.number().int().nonnegative();
const ModelIdSchema = z.string().min(1).max(64);

/** The model a request is for, so a host that restarted can open it again without being told twice. */
export const ModelRefSchema = z.object({ id: ModelIdSchema, file: z.string().min(1).max(4096) }).strict();

export const SessionSettingsSchema = z
  .object({ forceCpu: z.boolean(), intraOpThreads: z.number().int().min(1).max(256) })
  .strict();
export type SessionSettings = z.infer<typeof SessionSettingsSchema>;

export const HostRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('load'), id: RequestIdSchema, model: ModelRefSchema, settings: SessionSettingsSchema }).strict(),
  z
    .object({
      kind: z.literal('run'),
      id: RequestIdSchema,
      model: ModelRefSchema,
      settings: SessionSettingsSchema,
      feeds: FeedMapSchema,
    })
    .strict(),
  /** Drops a queued request, or discards the result of a running one (onnxruntime cannot stop a run). */
  z.object({ kind: z.literal('cancel'), id: RequestIdSchema, target: RequestIdSchema }).strict(),
  /** Closes one model's session, or every session when modelId is null. */
  z.object({ kind: z.literal('dispose'), id: RequestIdSchema, modelId: ModelIdSchema.nullable() }).strict(),
  z.object({ kind: z.literal('describe'), id: RequestIdSchema }).strict(),
]);
export type HostRequest = z.infer<typeof HostRequestSchema>;

/** An input or output as the session itself reports it (dtype may be one the manifest has no name for). */
export const SessionValueSchema = z.object({
  name: z.string(),
  dtype: z.string().nullable(),
  shape: z.array(z.union([z.number(), z.string()])).nullable(),
});
export type SessionValue = z.infer<typeof SessionValueSchema>;

export const SessionReportSchema = z.object({
  modelId: ModelIdSchema,
  provider: z.enum(PROVIDERS),
  attempts: z.array(ProviderAttemptSchema),
  inputs: z.array(SessionValueSchema),
  outputs: z.array(SessionValueSchema),
});
export type SessionReport = z.infer<typeof SessionReportSchema>;

export const RuntimeReportSchema = z.object({
  /** False when onnxruntime could not be loaded on this machine; `message` says why. */
  available: z.boolean(),
  message: z.string().nullable(),
  pid: z.number().int(),
  ortVersion: z.string().nullable(),
  /** Providers the binding was built with. */
  backends: z.array(z.object({ name: z.string(), bundled: z.boolean() })),
  sessions: z.array(SessionReportSchema),
});
export type RuntimeReport = z.infer<typeof RuntimeReportSchema>;

export const HOST_ERROR_CODES = ['cancelled', 'unavailable', 'load-failed', 'run-failed', 'busy', 'invalid-request'] as const;
export type HostErrorCode = (typeof HOST_ERROR_CODES)[number];

export const HostReplySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('loaded'), id: RequestIdSchema, session: SessionReportSchema }).strict(),
  z
    .object({
      kind: z.literal('ran'),
      id: RequestIdSchema,
      outputs: TensorMapSchema,
      provider: z.enum(PROVIDERS),
      /** Time inside session.run, without queueing or transfer. */
      runMs: z.number().nonnegative(),
    })
    .strict(),
  z.object({ kind: z.literal('disposed'), id: RequestIdSchema }).strict(),
  z.object({ kind: z.literal('described'), id: RequestIdSchema, runtime: RuntimeReportSchema }).strict(),
  z.object({ kind: z.literal('failed'), id: RequestIdSchema, code: z.enum(HOST_ERROR_CODES), message: z.string() }).strict(),
]);
export type HostReply = z.infer<typeof HostReplySchema>;

/** The id of a message that failed validation, when it has one, so the sender's request can still be answered. */
export function requestIdOf(message: unknown): number | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const parsed = RequestIdSchema.safeParse(message.id);
  return parsed.success ? parsed.data : null;
}
