import { segmentEnd, type RenderPlanInput } from './render-plan';

/** A stretch of a sequence, from frame `from` up to (not including) frame `to`, e.g. between its In and Out points. */
export interface FrameRange {
  from: number;
  to: number;
}

interface RangeSegment {
  timelineStart: number;
  duration: number;
  sourceStart: number;
  transitionIn?: { kind: 'crossfade'; frames: number } | undefined;
}

/**
 * The part of a plan inside `range`, starting at frame 0: segments and overlays are cut at the range's edges (a
 * segment cut at its start starts that much later in its source), and a crossfade the range starts or ends inside
 * becomes the part of it that remains. A plan valid as a whole stays valid: a fade never grows, and cutting never
 * makes two fades on a segment meet.
 */
export function planInRange(plan: RenderPlanInput, range: FrameRange): RenderPlanInput {
  const from = Math.max(0, range.from);
  const to = Math.min(plan.duration, range.to);
  if (!(to > from)) throw new RangeError(`The range ${range.from}–${range.to} holds none of the plan's ${plan.duration} frames.`);
  const video = plan.video
    .map((layer) => ({ ...layer, segments: segmentsInRange(layer.segments, from, to) }))
    .filter((layer) => layer.segments.length > 0);
  const audio = plan.audio
    .map((track) => ({ ...track, segments: segmentsInRange(track.segments, from, to) }))
    .filter((track) => track.segments.length > 0);
  const overlays = (plan.overlays ?? []).flatMap((overlay) => {
    const start = Math.max(overlay.start, from);
    const end = Math.min(overlay.start + overlay.duration, to);
    return end > start ? [{ ...overlay, start: start - from, duration: end - start }] : [];
  });
  return { ...plan, duration: to - from, video, audio, overlays };
}

function segmentsInRange<T extends RangeSegment>(segments: readonly T[], from: number, to: number): T[] {
  const kept: T[] = [];
  for (const segment of segments) {
    const start = Math.max(segment.timelineStart, from);
    const end = Math.min(segmentEnd(segment), to);
    if (end <= start) continue;
    const { transitionIn, ...rest } = segment;
    const cut = {
      ...rest,
      timelineStart: start - from,
      duration: end - start,
      sourceStart: segment.sourceStart + (start - segment.timelineStart),
    } as T;
    const previous = kept.at(-1);
    // The previous segment is kept whenever any of the fade is: the fade lies inside it.
    if (transitionIn && previous) {
      const overlap = segmentEnd(previous) - cut.timelineStart;
      if (overlap > 0) cut.transitionIn = { kind: 'crossfade', frames: overlap };
    }
    kept.push(cut);
  }
  return kept;
}
