import { z } from 'zod';
import { AssetIdSchema } from '../assets';
import { LoudnessAnalysisSchema } from './loudness';
import { SceneAnalysisSchema, SceneDetectionParamsSchema } from './scenes';
import { SpeechAnalysisSchema, SpeechDetectionParamsSchema } from './speech';

/**
 * What the engine analyses per asset (voice activity, loudness, scenes), how a request for one is asked, and the
 * result as it is cached (by the asset's fingerprint and the request) and handed to the gallery and the timeline.
 * Runs anywhere: no Node, no DOM.
 */

export const ANALYSIS_KINDS = ['speech', 'loudness', 'scenes'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

const AudioStreamSchema = z.number().int().min(0).max(63).default(0);

export const AnalysisRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('speech'), params: SpeechDetectionParamsSchema.prefault({}), audioStream: AudioStreamSchema }).strict(),
  z.object({ kind: z.literal('loudness'), audioStream: AudioStreamSchema }).strict(),
  // Per-frame scores are for tuning from the CLI; cached results and the app never need them.
  z.object({ kind: z.literal('scenes'), params: SceneDetectionParamsSchema.prefault({}).transform((p) => ({ ...p, includeFrameScores: false })) }).strict(),
]);
export type AnalysisRequest = z.infer<typeof AnalysisRequestSchema>;
export type AnalysisRequestInput = z.input<typeof AnalysisRequestSchema>;

export const AnalysisResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('speech'), speech: SpeechAnalysisSchema }),
  z.object({ kind: z.literal('loudness'), loudness: LoudnessAnalysisSchema }),
  z.object({ kind: z.literal('scenes'), scenes: SceneAnalysisSchema }),
]);
export type AnalysisResult = z.infer<typeof AnalysisResultSchema>;

/** The figures the gallery's detail panel shows, from the results made with default parameters; null: not analysed. */
export const AnalysisSummarySchema = z.object({
  assetId: AssetIdSchema,
  speech: z.object({ ratio: z.number(), segments: z.number().int() }).nullable(),
  loudness: z.object({ integratedLufs: z.number().nullable(), truePeakDbtp: z.number().nullable(), loudnessRangeLu: z.number() }).nullable(),
  scenes: z.object({ count: z.number().int(), cuts: z.number().int() }).nullable(),
});
export type AnalysisSummary = z.infer<typeof AnalysisSummarySchema>;

export const AnalysisChangedSchema = z.object({ assetId: AssetIdSchema, kind: z.enum(ANALYSIS_KINDS) });
