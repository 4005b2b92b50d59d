import { z } from 'zod';

/** Voice activity: what it takes and what it finds. Runs anywhere: no Node, no DOM. */

export const SpeechDetectionParamsSchema = z
  .object({
    /** Speech probability (0..1) at which speech starts. */
    threshold: z.number().min(0).max(1).default(0.5),
    /** Probability below which speech may end (hysteresis); must not exceed `threshold`. */
    releaseThreshold: z.number().min(0).max(1).default(0.35),
    /** Shortest speech segment kept, in seconds; a shorter burst is taken for noise. */
    minSpeechSeconds: z.number().min(0).max(10).default(0.25),
    /** Shortest pause that ends a segment, in seconds; shorter ones stay inside it. */
    minSilenceSeconds: z.number().min(0).max(10).default(0.15),
    /** Time added before and after each segment, so word onsets and endings are kept. */
    paddingSeconds: z.number().min(0).max(2).default(0.1),
  })
  .refine((params) => params.releaseThreshold <= params.threshold, {
    message: 'the release threshold must not be above the threshold',
    path: ['releaseThreshold'],
  });
export type SpeechDetectionParams = z.infer<typeof SpeechDetectionParamsSchema>;
export type SpeechDetectionParamsInput = z.input<typeof SpeechDetectionParamsSchema>;

export const SpeechSegmentSchema = z.object({
  /** Seconds from the start of the media. */
  start: z.number().min(0),
  end: z.number().min(0),
  /** Mean speech probability over the segment's frames (before padding), 0..1. */
  confidence: z.number().min(0).max(1),
});
export type SpeechSegment = z.infer<typeof SpeechSegmentSchema>;

export const SpeechAnalysisSchema = z.object({
  /** Seconds of audio analysed. */
  duration: z.number().min(0),
  /** The audio stream analysed, counted among the file's audio streams from 0. */
  audioStream: z.number().int().min(0),
  modelId: z.string(),
  /** The rate the audio was analysed at. */
  sampleRate: z.number().int().positive(),
  /** Seconds per model frame (256 samples at 8 kHz, 512 at 16 kHz). */
  frameSeconds: z.number().positive(),
  segments: z.array(SpeechSegmentSchema),
  /** Share of the duration inside segments, 0..1. */
  speechRatio: z.number().min(0).max(1),
  params: SpeechDetectionParamsSchema,
});
export type SpeechAnalysis = z.infer<typeof SpeechAnalysisSchema>;
