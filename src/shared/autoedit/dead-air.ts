import { z } from 'zod';
import type { SpeechSegment } from '../analysis/speech';

/**
 * Dead-air removal as a plan over source time: which stretches of a recording to keep (speech, and pauses short
 * enough to sound natural) and which to cut. Pure: seconds in, seconds out; `autoedit-timeline.ts` turns a plan into
 * clips. Runs anywhere: no Node, no DOM.
 *
 * How a plan is made: every speech segment is widened by the margin on each side (never past the media) and segments
 * that then meet become one. The silence between two of them is a pause. A pause at or below the minimum pause is kept
 * whole; a longer one is shortened to the target gap, half of it kept after the speech before and half before the
 * speech after, so each side keeps its word ending or onset and the cut sits in the middle of the silence. Silence
 * before the first and after the last speech keeps only the margin. No cut is ever shorter than
 * `minPause − targetGap`: a cut that small is not worth a splice.
 */

export const DEAD_AIR_MODES = ['vad', 'threshold'] as const;
export type DeadAirMode = (typeof DEAD_AIR_MODES)[number];
export const DEAD_AIR_PRESETS = ['gentle', 'normal', 'tight'] as const;
export type DeadAirPreset = (typeof DEAD_AIR_PRESETS)[number];

export const DeadAirParamsSchema = z
  .object({
    /** Seconds of silence (beyond the margins) up to which a pause is kept whole. */
    minPauseSeconds: z.number().min(0).max(60),
    /** Seconds of silence a longer pause is shortened to, beyond the margins; at most the minimum pause. */
    targetGapSeconds: z.number().min(0).max(60),
    /** Seconds kept before and after every speech segment, so onsets and endings are never cut. */
    marginSeconds: z.number().min(0).max(5),
    /** How speech was found: voice detection, or a loudness threshold (its silent ranges' complement). Recorded only. */
    mode: z.enum(DEAD_AIR_MODES),
  })
  .refine((params) => params.targetGapSeconds <= params.minPauseSeconds, {
    message: 'the target gap must not be longer than the minimum pause',
    path: ['targetGapSeconds'],
  });
export type DeadAirParams = z.infer<typeof DeadAirParamsSchema>;

/**
 * The presets. Voice detection (issue 7) already pads each segment by 0.1 s, and on noisy recordings its edges sit
 * wider still, so "normal" adds no margin of its own: the detector's padding is what keeps word onsets and endings,
 * and a cut pause keeps 0.05 s more on each side (half the target gap). Pauses up to 0.35 s between padded segments
 * (about 0.55 s between words) stay whole, as a speaker's rhythm. Measured on issue 7's 30-minute talk with loud
 * noise and music (bench/autoedit.bench.ts): all of the speech kept, 0.92 of the pause time beyond 0.25 s of speech
 * removed (0.86 with a 0.1 s margin and 0.5 s minimum pause, which kept the detector's wide edges twice over).
 * "gentle" keeps pauses up to a second and adds 0.1 s margins, for interviews; "tight" keeps pauses only up to
 * 0.25 s and leaves about 0.25 s between words after a cut, for fast-paced clips.
 */
export const DEAD_AIR_PRESET_PARAMS: Record<DeadAirPreset, Omit<DeadAirParams, 'mode'>> = {
  gentle: { minPauseSeconds: 1, targetGapSeconds: 0.3, marginSeconds: 0.1 },
  normal: { minPauseSeconds: 0.35, targetGapSeconds: 0.1, marginSeconds: 0 },
  tight: { minPauseSeconds: 0.25, targetGapSeconds: 0.05, marginSeconds: 0 },
};

/** A preset's parameters, with any raw parameter the user set taking its place. */
export function deadAirParams(preset: DeadAirPreset, mode: DeadAirMode, overrides: Partial<Omit<DeadAirParams, 'mode'>> = {}): DeadAirParams {
  return DeadAirParamsSchema.parse({ ...DEAD_AIR_PRESET_PARAMS[preset], ...overrides, mode });
}

/** A stretch of source time in seconds, [start, end). */
export interface SourceRange {
  start: number;
  end: number;
}

export type KeptReason = 'speech' | 'pause';

/** A kept stretch: speech (with its margins and any shortened pause's halves), or a pause kept whole. */
export interface KeptRange extends SourceRange {
  reason: KeptReason;
}

export interface DeadAirPlan {
  /** Seconds of media the plan covers. */
  duration: number;
  /** In source order. Consecutive ones may touch (speech, a kept pause, speech); together with `removed` they tile [0, duration]. */
  kept: KeptRange[];
  /** In source order, never touching each other. */
  removed: SourceRange[];
  params: DeadAirParams;
}

/** The plan for media `duration` seconds long with speech where `speech` says (in any order, overlapping or not). */
export function planDeadAir(speech: readonly Pick<SpeechSegment, 'start' | 'end'>[], duration: number, params: DeadAirParams): DeadAirPlan {
  const { minPauseSeconds: minPause, targetGapSeconds: targetGap, marginSeconds: margin } = params;
  const padded = mergeRanges(
    speech.map((s) => ({ start: Math.max(0, s.start - margin), end: Math.min(duration, s.end + margin) })),
  );
  const kept: KeptRange[] = [];
  const removed: SourceRange[] = [];
  const keep = (start: number, end: number, reason: KeptReason) => {
    const last = kept.at(-1);
    // Speech after a shortened pause's first half continues the same kept stretch.
    if (last && last.reason === reason && reason === 'speech' && last.end === start) last.end = end;
    else kept.push({ start, end, reason });
  };
  const shortestCut = minPause - targetGap;
  if (padded.length === 0) {
    if (duration > shortestCut) removed.push({ start: 0, end: duration });
    else if (duration > 0) keep(0, duration, 'pause');
    return { duration, kept, removed, params };
  }
  const first = padded[0]!;
  if (first.start > shortestCut) removed.push({ start: 0, end: first.start });
  else if (first.start > 0) keep(0, first.start, 'pause');
  padded.forEach((segment, index) => {
    const previous = padded[index - 1];
    if (previous) {
      const pause = segment.start - previous.end;
      if (pause <= minPause) {
        keep(previous.end, segment.start, 'pause');
      } else {
        const cutStart = previous.end + targetGap / 2;
        const cutEnd = segment.start - targetGap / 2;
        if (cutStart > previous.end) keep(previous.end, cutStart, 'speech');
        removed.push({ start: cutStart, end: cutEnd });
        if (segment.start > cutEnd) keep(cutEnd, segment.start, 'speech');
      }
    }
    keep(segment.start, segment.end, 'speech');
  });
  const last = padded.at(-1)!;
  if (duration - last.end > shortestCut) removed.push({ start: last.end, end: duration });
  else if (duration > last.end) keep(last.end, duration, 'pause');
  return { duration, kept, removed, params };
}

/**
 * Speech as the threshold mode sees it: everything that is not silent. `silent` is issue 7's threshold analysis
 * (`analyze silence`), already with its own margins; the loud stretches become speech of full confidence.
 */
export function silenceRangesToSpeech(silent: readonly SourceRange[], duration: number): SpeechSegment[] {
  const speech: SpeechSegment[] = [];
  let at = 0;
  for (const range of mergeRanges(silent.map((r) => ({ start: Math.max(0, r.start), end: Math.min(duration, r.end) })))) {
    if (range.start > at) speech.push({ start: at, end: range.start, confidence: 1 });
    at = Math.max(at, range.end);
  }
  if (duration > at) speech.push({ start: at, end: duration, confidence: 1 });
  return speech;
}

/** The kept stretches joined where they touch: the source ranges the edit plays, as the CLI prints them. */
export function keptSourceRanges(plan: DeadAirPlan): SourceRange[] {
  return mergeRanges(plan.kept);
}

/** Ranges sorted and joined where they overlap or touch; empty ones dropped. */
export function mergeRanges(ranges: readonly SourceRange[]): SourceRange[] {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const merged: SourceRange[] = [];
  for (const range of sorted) {
    const last = merged.at(-1);
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ start: range.start, end: range.end });
  }
  return merged;
}
