import { z } from 'zod';
import { FIT_MODES } from '../export/presets';
import { FrameRateSchema, FrameSizeSchema, SampleRateSchema, type FrameRate } from '../video-format';

/**
 * A render plan: what the engine renders, as flat data. The timeline model turns a sequence into one; the engine
 * never needs to know how the model stores clips.
 *
 * Every time is a whole number of frames at the plan's frame rate, so the engine does integer arithmetic only:
 * - `timelineStart` and `duration` place a segment in the output;
 * - `sourceStart` is where the segment starts in its source, also counted in the plan's frame rate from the start
 *   of the source (source time = sourceStart × frameRate.den / frameRate.num seconds). When the source has the
 *   plan's rate this is the source's own frame number; when it has another rate, the engine first resamples the
 *   source to the plan's rate (each output frame shows the source frame nearest its time), and `sourceStart`
 *   counts those resampled frames. The model converts a source-rate in-point once, with rounding.
 * Gaps are implicit: black below the bottom layer, transparent in layers above it, silence in audio.
 */

const FrameIndex = z.number().int().min(0);
const FrameCount = z.number().int().min(1);
/** Linear gain: 1 keeps the level, 0.5 is about −6 dB, 2 about +6 dB. */
const Gain = z.number().min(0).max(16);
/** A position or size as a fraction of the frame, so a plan keeps its look when the export size changes. */
const Fraction = z.number().min(0).max(1);
const SourcePath = z.string().min(1).max(4096);

export const CrossfadeSchema = z
  .object({
    kind: z.literal('crossfade'),
    /** The segment starts this many frames before the previous one on its layer or track ends; the overlap is mixed. */
    frames: FrameCount,
  })
  .strict();
export type Crossfade = z.infer<typeof CrossfadeSchema>;

const segmentShape = {
  source: SourcePath,
  sourceStart: FrameIndex,
  timelineStart: FrameIndex,
  duration: FrameCount,
  transitionIn: CrossfadeSchema.optional(),
};

export const VideoSegmentSchema = z.object(segmentShape).strict();
export type VideoSegment = z.infer<typeof VideoSegmentSchema>;

export const AudioSegmentSchema = z.object({ ...segmentShape, volume: Gain.default(1) }).strict();
export type AudioSegment = z.infer<typeof AudioSegmentSchema>;

export const VideoLayerSchema = z.object({ segments: z.array(VideoSegmentSchema) }).strict();
export type VideoLayer = z.infer<typeof VideoLayerSchema>;

export const AudioTrackSchema = z
  .object({ segments: z.array(AudioSegmentSchema), volume: Gain.default(1), muted: z.boolean().default(false) })
  .strict();
export type AudioTrack = z.infer<typeof AudioTrackSchema>;

const overlayShape = {
  start: FrameIndex,
  duration: FrameCount,
  /** Where the item's centre is: 0 is the left (top) edge of the frame, 1 the right (bottom) edge. */
  x: Fraction,
  y: Fraction,
};

export const ImageOverlaySchema = z
  .object({
    kind: z.literal('image'),
    source: SourcePath,
    /** Width as a fraction of the frame width; the height keeps the image's proportions. */
    width: z.number().gt(0).max(1),
    ...overlayShape,
  })
  .strict();

export const TitleOverlaySchema = z
  .object({
    kind: z.literal('title'),
    text: z.string().min(1).max(500),
    /** Font size as a fraction of the frame height. */
    size: z.number().gt(0).max(1),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'A colour is #RRGGBB'),
    ...overlayShape,
  })
  .strict();

export const OverlaySchema = z.discriminatedUnion('kind', [ImageOverlaySchema, TitleOverlaySchema]);
export type Overlay = z.infer<typeof OverlaySchema>;

export const RenderPlanSchema = z
  .object({
    frameRate: FrameRateSchema,
    frameSize: FrameSizeSchema,
    sampleRate: SampleRateSchema.default(48_000),
    /** Length of the output in frames; nothing after it is rendered. */
    duration: FrameCount,
    /** How a source of another shape fills the frame: whole picture with bars, or filling it with edges cut. */
    fit: z.enum(FIT_MODES).default('letterbox'),
    /** Bottom to top. */
    video: z.array(VideoLayerSchema),
    audio: z.array(AudioTrackSchema),
    /** Drawn over the video in order, the last on top. */
    overlays: z.array(OverlaySchema).default([]),
  })
  .strict()
  .superRefine((plan, ctx) => {
    for (const problem of timingProblems(plan)) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
  });
export type RenderPlan = z.infer<typeof RenderPlanSchema>;
export type RenderPlanInput = z.input<typeof RenderPlanSchema>;

/** Integrated loudness targets offered on export, in LUFS: YouTube and Spotify, Apple, EBU R128 broadcast. */
export const LOUDNESS_TARGETS = [-14, -16, -23] as const;
export type LoudnessTarget = (typeof LOUDNESS_TARGETS)[number];

/**
 * Loudness normalisation of a render's sound (EBU R128, two passes, true peak at most −1 dBTP). A render option, not
 * part of the plan: the same plan renders with or without it.
 */
export const LoudnessNormaliseSchema = z
  .object({ target: z.literal(LOUDNESS_TARGETS).default(-14) })
  .strict();
export type LoudnessNormalise = z.infer<typeof LoudnessNormaliseSchema>;

interface PlanProblem {
  message: string;
  path: (string | number)[];
}

/** ffmpeg's xfade mixes at most this long. */
const MAX_CROSSFADE_SECONDS = 60;

interface TimedSegment {
  timelineStart: number;
  duration: number;
  transitionIn?: Crossfade | undefined;
}

export function segmentEnd(segment: { timelineStart: number; duration: number }): number {
  return segment.timelineStart + segment.duration;
}

/** Seconds from the start at `frames` frames of `rate`. */
export function framesToSeconds(frames: number, rate: FrameRate): number {
  return (frames * rate.den) / rate.num;
}

/**
 * Segments on a layer or track are in timeline order and do not overlap, except that a segment with a crossfade
 * starts exactly `frames` before the previous one ends; nothing ends after the plan.
 */
function timingProblems(plan: {
  frameRate: FrameRate;
  duration: number;
  video: { segments: TimedSegment[] }[];
  audio: { segments: TimedSegment[] }[];
  overlays: { start: number; duration: number }[];
}): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const checkTrack = (segments: TimedSegment[], path: (string | number)[]) => {
    segments.forEach((segment, index) => {
      const at = [...path, 'segments', index];
      if (segmentEnd(segment) > plan.duration) {
        problems.push({ message: `ends at frame ${segmentEnd(segment)}, after the plan's ${plan.duration} frames`, path: at });
      }
      const previous = segments[index - 1];
      const fade = segment.transitionIn;
      if (!previous) {
        if (fade) problems.push({ message: 'the first segment has nothing to cross-fade from', path: [...at, 'transitionIn'] });
        return;
      }
      if (!fade) {
        if (segment.timelineStart < segmentEnd(previous)) {
          problems.push({ message: `starts at frame ${segment.timelineStart}, before the previous segment ends (${segmentEnd(previous)})`, path: at });
        }
        return;
      }
      if (segment.timelineStart !== segmentEnd(previous) - fade.frames) {
        problems.push({ message: `a ${fade.frames}-frame crossfade must start at frame ${segmentEnd(previous) - fade.frames}`, path: at });
      }
      // The previous segment's own fade-in and this fade-out may meet but not overlap.
      const previousFadeIn = previous.transitionIn?.frames ?? 0;
      if (fade.frames + previousFadeIn > previous.duration || fade.frames > segment.duration) {
        problems.push({ message: `a ${fade.frames}-frame crossfade is longer than a segment it joins`, path: [...at, 'transitionIn'] });
      } else if (framesToSeconds(fade.frames, plan.frameRate) > MAX_CROSSFADE_SECONDS) {
        problems.push({ message: `a crossfade lasts at most ${MAX_CROSSFADE_SECONDS} seconds`, path: [...at, 'transitionIn'] });
      }
    });
  };
  plan.video.forEach((layer, index) => checkTrack(layer.segments, ['video', index]));
  plan.audio.forEach((track, index) => checkTrack(track.segments, ['audio', index]));
  plan.overlays.forEach((overlay, index) => {
    if (overlay.start + overlay.duration > plan.duration) {
      problems.push({ message: `ends at frame ${overlay.start + overlay.duration}, after the plan's ${plan.duration} frames`, path: ['overlays', index] });
    }
  });
  return problems;
}
