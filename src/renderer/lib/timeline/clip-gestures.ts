import { snapFrame, snapSpan, type SnapTarget } from '../../../shared/timeline/snapping';
import { clipEnd, isTimedClip, MAX_FRAME, type Clip } from '../../../shared/timeline/timeline';

/**
 * Where a dragged clip or clip edge lands, computed on every pointer move for the ghost and sent once on release.
 * Frames are snapped (see snapping.ts) and kept where the engine would accept them.
 */

/** How close, on screen, an edge must come to an edit point to land on it. */
export const SNAP_DISTANCE_PX = 8;

/** The snap distance in frames at a zoom: at least one frame, so snapping still works when zoomed in far. */
export function snapThresholdFrames(pxPerFrame: number): number {
  return Math.max(1, Math.round(SNAP_DISTANCE_PX / pxPerFrame));
}

export interface Landing {
  frame: number;
  /** The edit point it snapped to, to highlight; null when it did not snap. */
  target: SnapTarget | null;
}

/** The start of a clip dragged by `deltaFrames`, never before the sequence start. */
export function landMove(
  clip: Pick<Clip, 'start' | 'duration'>,
  deltaFrames: number,
  targets: readonly SnapTarget[] | null,
  threshold: number,
): Landing {
  const raw = Math.max(0, clip.start + deltaFrames);
  if (!targets) return { frame: raw, target: null };
  const snapped = snapSpan(raw, clip.duration, targets, threshold);
  return snapped.start < 0 ? { frame: raw, target: null } : { frame: snapped.start, target: snapped.target };
}

export type TrimEdge = 'in' | 'out';

export interface TrimContext {
  /** Frames the clip's media lasts at the sequence rate; null when unlimited (images, titles) or unknown. */
  sourceFrames: number | null;
  /** The end of the clip before it on its track, which a plain trim of the in-edge cannot cross. */
  previousEnd: number | null;
  /** The start of the clip after it, which a plain trim of the out-edge cannot cross. */
  nextStart: number | null;
  ripple: boolean;
}

/** The frames an edge can be dragged between: the clip keeps a frame, stays in its media and off its neighbours. */
export function trimBounds(clip: Clip, edge: TrimEdge, context: TrimContext): { min: number; max: number } {
  const end = clipEnd(clip);
  if (edge === 'in') {
    const mediaStart = isTimedClip(clip) ? clip.start - clip.sourceIn : 0;
    // A ripple trim keeps the clip's start, so lengthening it at the head may reach as far as its media goes.
    const neighbour = context.ripple ? 0 : (context.previousEnd ?? 0);
    return { min: Math.max(0, mediaStart, neighbour), max: end - 1 };
  }
  const mediaEnd =
    isTimedClip(clip) && context.sourceFrames !== null ? clip.start + context.sourceFrames - clip.sourceIn : MAX_FRAME;
  const neighbour = context.ripple ? MAX_FRAME : (context.nextStart ?? MAX_FRAME);
  return { min: clip.start + 1, max: Math.min(mediaEnd, neighbour) };
}

/** Where a dragged edge lands: snapped, then held inside `trimBounds`. */
export function landTrim(
  clip: Clip,
  edge: TrimEdge,
  rawFrame: number,
  context: TrimContext,
  targets: readonly SnapTarget[] | null,
  threshold: number,
): Landing {
  const snapped = targets ? snapFrame(rawFrame, targets, threshold) : { frame: rawFrame, target: null };
  const { min, max } = trimBounds(clip, edge, context);
  const frame = Math.min(max, Math.max(min, snapped.frame));
  return { frame, target: frame === snapped.frame ? snapped.target : null };
}

/** The span the trimmed clip will have, for the ghost; a ripple trim of the in-edge keeps the clip's start. */
export function trimmedSpan(clip: Clip, edge: TrimEdge, frame: number, ripple: boolean): { start: number; duration: number } {
  const end = clipEnd(clip);
  if (edge === 'out') return { start: clip.start, duration: frame - clip.start };
  return ripple ? { start: clip.start, duration: end - frame } : { start: frame, duration: end - frame };
}

export interface ClipMove {
  clipId: string;
  trackId: string;
  start: number;
}

/**
 * Moves for clips dragged together: each keeps its track and moves by the dragged clip's `delta`, held back so that
 * none goes before the sequence start.
 */
export function groupMoves(
  clips: readonly { clip: Pick<Clip, 'id' | 'start'>; trackId: string }[],
  delta: number,
): ClipMove[] {
  const earliest = Math.min(...clips.map(({ clip }) => clip.start));
  const by = Math.max(delta, -earliest);
  return clips.map(({ clip, trackId }) => ({ clipId: clip.id, trackId, start: clip.start + by }));
}
