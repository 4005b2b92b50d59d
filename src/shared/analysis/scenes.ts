import { z } from 'zod';

/** Scene detection: what it takes and what it finds. Runs anywhere: no Node, no DOM. */

export const SceneCutTypeSchema = z.enum(['cut', 'fade', 'dissolve']);
export type SceneCutType = z.infer<typeof SceneCutTypeSchema>;

export const SceneDetectionParamsSchema = z.object({
  /** Width of the frames analysed, in pixels; the height keeps the picture's shape. */
  analysisWidth: z.number().int().min(32).max(640).default(160),
  /** Frames a second analysed; null analyses at the source's own rate. */
  analysisFps: z.number().positive().max(120).nullable().default(null),
  /** Content score (0..255, weighted HSV and edge change between frames) a cut must reach. */
  cutThreshold: z.number().min(0).max(255).default(20),
  /** How far a cut's score must stand above the average of its neighbours (the adaptive detector). */
  adaptiveRatio: z.number().min(1).default(3),
  /** Frames on each side whose scores make that average. */
  adaptiveWindow: z.number().int().min(1).max(30).default(4),
  /** Weights of hue, saturation, luma and edge change in the content score. */
  weights: z
    .object({
      hue: z.number().min(0).default(1),
      saturation: z.number().min(0).default(1),
      luma: z.number().min(0).default(1),
      edges: z.number().min(0).default(0.5),
    })
    .prefault({}),
  /** Longest flash (frames of a different picture inside one shot) that is not a cut. */
  maxFlashFrames: z.number().int().min(0).max(3).default(2),
  /** Mean luma (0..255) at or below which a frame counts as black, at or above 255 minus it as white, for fades. */
  fadeLumaLevel: z.number().min(0).max(64).default(24),
  /** Shortest dissolve, in seconds. */
  minDissolveSeconds: z.number().positive().default(0.3),
  /** Shortest scene, in seconds: a transition closer than this to the previous one is dropped. */
  minSceneSeconds: z.number().min(0).default(0.4),
  /** Include the per-frame scores in the result (for tuning; about 30 bytes per frame). */
  includeFrameScores: z.boolean().default(false),
});
export type SceneDetectionParams = z.infer<typeof SceneDetectionParamsSchema>;
export type SceneDetectionParamsInput = z.input<typeof SceneDetectionParamsSchema>;

export const SceneCutSchema = z.object({
  /** Seconds from the start of the media to the first frame of the new scene (a fade or dissolve: its middle). */
  time: z.number(),
  /** That frame's index at the analysis rate. */
  frame: z.number().int(),
  type: SceneCutTypeSchema,
  /** How sure: the content score of a cut, the strength of a fade or dissolve, 0..255. */
  score: z.number(),
  /** Frames the transition spans at the analysis rate, [start, end); a cut spans one frame. */
  startFrame: z.number().int(),
  endFrame: z.number().int(),
});
export type SceneCut = z.infer<typeof SceneCutSchema>;

export const SceneSchema = z.object({
  index: z.number().int(),
  start: z.number(),
  end: z.number(),
  startFrame: z.number().int(),
  endFrame: z.number().int(),
});
export type Scene = z.infer<typeof SceneSchema>;

/** Scores of every analysed frame, each array indexed by frame. */
export const SceneFrameScoresSchema = z.object({
  /** Weighted change from the previous frame, 0..255. */
  content: z.array(z.number()),
  /** That change over the average of the neighbours' (the adaptive detector's ratio). */
  adaptive: z.array(z.number()),
  /** Mean luma, 0..255. */
  luma: z.array(z.number()),
  /** How far the frame is from the even mix of the frames a few before and after it, over how far those two differ. */
  blend: z.array(z.number()),
});
export type SceneFrameScores = z.infer<typeof SceneFrameScoresSchema>;

export const SceneAnalysisSchema = z.object({
  frameRate: z.number(),
  frameCount: z.number().int(),
  duration: z.number(),
  cuts: z.array(SceneCutSchema),
  scenes: z.array(SceneSchema),
  frameScores: SceneFrameScoresSchema.optional(),
  params: SceneDetectionParamsSchema,
});
export type SceneAnalysis = z.infer<typeof SceneAnalysisSchema>;
