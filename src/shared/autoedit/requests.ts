import { z } from 'zod';
import { AssetIdSchema } from '../assets';
import { DEAD_AIR_MODES, DEAD_AIR_PRESETS } from './dead-air';

/** What the app and the CLI ask an automatic edit for. Runs anywhere: no Node, no DOM. */

export const DeadAirRequestSchema = z
  .object({
    preset: z.enum(DEAD_AIR_PRESETS).default('normal'),
    /** vad: voice detection; threshold: loudness against `threshold`, as auto-editor cuts. */
    mode: z.enum(DEAD_AIR_MODES).default('vad'),
    /** Raw parameters that take the preset's place. */
    minPauseSeconds: z.number().min(0).max(60).optional(),
    targetGapSeconds: z.number().min(0).max(60).optional(),
    marginSeconds: z.number().min(0).max(5).optional(),
    /** Whose speech counts: the audio stream (a separate mic track) among the file's audio streams, from 0. */
    audioStream: z.number().int().min(0).max(63).default(0),
    /** The threshold mode's level, as `analyze silence --threshold` takes it: 4%, 0.04 or -28dB. */
    threshold: z.string().max(20).default('4%'),
  })
  .strict();
export type DeadAirRequest = z.infer<typeof DeadAirRequestSchema>;

export const AutoEditStartedSchema = z.object({
  jobId: z.string(),
  /** The sequence the job makes when it succeeds. */
  sequenceId: z.string(),
});
export type AutoEditStarted = z.infer<typeof AutoEditStartedSchema>;

export const DeadAirStartSchema = z.object({ assetId: AssetIdSchema, request: DeadAirRequestSchema.prefault({}) }).strict();
export const SceneSplitStartSchema = z.object({ assetId: AssetIdSchema }).strict();

export const RecutStartSchema = z
  .object({
    sequenceId: z.string().min(1).max(64),
    request: DeadAirRequestSchema.prefault({}),
    /** Start over from the new cut, dropping the user's changes where they conflict (after the user said so). */
    replaceEdits: z.boolean().default(false),
  })
  .strict();

export const RecutOutcomeSchema = z.discriminatedUnion('applied', [
  z.object({ applied: z.literal(true), keptEdits: z.number().int().min(0), summary: z.string() }),
  z.object({ applied: z.literal(false), conflicts: z.array(z.string()) }),
]);
export type RecutOutcome = z.infer<typeof RecutOutcomeSchema>;
