import { z } from 'zod';

/**
 * How a plan becomes a file. encode: one ffmpeg pass through a filter graph, any plan. stream-copy: the video is
 * copied losslessly and only the sound is rendered, for plans the engine's stream-copy check accepts.
 */
export const RENDER_METHODS = ['encode', 'stream-copy'] as const;
export type RenderMethod = (typeof RENDER_METHODS)[number];

/** Whether a plan can be rendered by stream copy, and if not, why, in the user's words. */
export const StreamCopyVerdictSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
export type StreamCopyVerdict = z.infer<typeof StreamCopyVerdictSchema>;
