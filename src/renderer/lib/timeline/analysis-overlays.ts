import type { TimedClip } from '../../../shared/timeline/timeline';
import type { FrameRate } from '../../../shared/video-format';

export interface OverlaySpan {
  x: number;
  width: number;
}

export interface OverlayMark {
  x: number;
  kind: string;
}

/**
 * Where an analysed asset's speech regions and scene cuts fall on a clip of it, in pixels from the clip's left edge:
 * only the parts between `shownFrom` and `shownTo` (the clip's visible pixels), so long clips stay cheap.
 */
export function clipAnalysisOverlays(
  clip: Pick<TimedClip, 'sourceIn' | 'duration'>,
  rate: FrameRate,
  pxPerFrame: number,
  found: { speech: readonly { start: number; end: number }[] | null; cuts: readonly { time: number; type: string }[] | null },
  shownFrom: number,
  shownTo: number,
): { speech: OverlaySpan[]; cuts: OverlayMark[] } {
  // Drawn at the exact time, not rounded to a frame: a region's edge may fall inside one.
  const toX = (seconds: number) => ((seconds * rate.num) / rate.den - clip.sourceIn) * pxPerFrame;
  const from = Math.max(0, shownFrom);
  const to = Math.min(clip.duration * pxPerFrame, shownTo);
  const speech = (found.speech ?? []).flatMap((segment) => {
    const left = Math.max(from, toX(segment.start));
    const right = Math.min(to, toX(segment.end));
    return right > left ? [{ x: left, width: right - left }] : [];
  });
  const cuts = (found.cuts ?? []).flatMap((cut) => {
    const x = toX(cut.time);
    return x > from && x < to ? [{ x, kind: cut.type }] : [];
  });
  return { speech, cuts };
}
