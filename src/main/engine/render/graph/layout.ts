import { segmentEnd } from '../../../../shared/render/render-plan';

/**
 * A layer or track cut into pieces that follow each other without overlap: gaps, stretches of one segment, and
 * crossfades mixing the end of one segment with the start of the next. Concatenating the pieces gives the whole
 * track, so each piece's length alone decides where everything after it lands.
 */
export type Piece =
  | { kind: 'gap'; start: number; length: number }
  | { kind: 'clip'; start: number; length: number; from: SegmentSpan }
  | { kind: 'crossfade'; start: number; length: number; from: SegmentSpan; to: SegmentSpan };

/** `length` frames of segment `segment`, starting `offset` frames into it. */
export interface SegmentSpan {
  segment: number;
  offset: number;
}

interface LaidOutSegment {
  timelineStart: number;
  duration: number;
  transitionIn?: { frames: number } | undefined;
}

/** The pieces of a track whose segments satisfy the render plan's timing rules, covering frames 0 to `total`. */
export function layoutTrack(segments: readonly LaidOutSegment[], total: number): Piece[] {
  const pieces: Piece[] = [];
  let cursor = 0;
  segments.forEach((segment, index) => {
    const fadeIn = segment.transitionIn?.frames ?? 0;
    const fadeOut = segments[index + 1]?.transitionIn?.frames ?? 0;
    if (fadeIn === 0 && segment.timelineStart > cursor) {
      pieces.push({ kind: 'gap', start: cursor, length: segment.timelineStart - cursor });
    }
    const bodyStart = segment.timelineStart + fadeIn;
    const bodyLength = segment.duration - fadeIn - fadeOut;
    if (bodyLength > 0) pieces.push({ kind: 'clip', start: bodyStart, length: bodyLength, from: { segment: index, offset: fadeIn } });
    if (fadeOut > 0) {
      pieces.push({
        kind: 'crossfade',
        start: segmentEnd(segment) - fadeOut,
        length: fadeOut,
        from: { segment: index, offset: segment.duration - fadeOut },
        to: { segment: index + 1, offset: 0 },
      });
    }
    cursor = segmentEnd(segment);
  });
  if (cursor < total) pieces.push({ kind: 'gap', start: cursor, length: total - cursor });
  return pieces;
}
