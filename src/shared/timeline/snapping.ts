import { allTracks, clipEnd, type Timeline } from './timeline';

/**
 * Snapping: a frame dragged near an edit point lands on it. The UI gathers the targets once when a drag starts, snaps
 * every pointer move against them, and hands commands the snapped frame. Runs anywhere: no Node, no DOM.
 */

export type SnapTargetKind = 'playhead' | 'marker' | 'clip-start' | 'clip-end' | 'sequence-start';

export interface SnapTarget {
  frame: number;
  kind: SnapTargetKind;
  /** The clip or marker, for highlighting it; null for the playhead and the sequence start. */
  id: string | null;
}

export interface SnapTargetOptions {
  playhead?: number | null;
  /** Clips being dragged, whose own edges must not attract them. */
  excludeClipIds?: ReadonlySet<string>;
}

/** Every edit point of a timeline, in order of frame. */
export function snapTargets(timeline: Timeline, options: SnapTargetOptions = {}): SnapTarget[] {
  const targets: SnapTarget[] = [{ frame: 0, kind: 'sequence-start', id: null }];
  if (options.playhead !== undefined && options.playhead !== null) {
    targets.push({ frame: options.playhead, kind: 'playhead', id: null });
  }
  for (const marker of timeline.markers) targets.push({ frame: marker.frame, kind: 'marker', id: marker.id });
  for (const track of allTracks(timeline)) {
    for (const clip of track.clips) {
      if (options.excludeClipIds?.has(clip.id)) continue;
      targets.push({ frame: clip.start, kind: 'clip-start', id: clip.id });
      targets.push({ frame: clipEnd(clip), kind: 'clip-end', id: clip.id });
    }
  }
  return targets.sort((a, b) => a.frame - b.frame);
}

export interface SnappedFrame {
  frame: number;
  /** What it snapped to; null when nothing was within the threshold and the frame is as given. */
  target: SnapTarget | null;
}

/**
 * The nearest target within `threshold` frames, or the frame itself. At equal distance the playhead wins, then
 * markers, then clip edges, then the sequence start. `targets` must be in order of frame, as `snapTargets` gives them.
 */
export function snapFrame(frame: number, targets: readonly SnapTarget[], threshold: number): SnappedFrame {
  let best: SnapTarget | null = null;
  for (let i = firstAtOrAfter(targets, frame - threshold); i < targets.length; i += 1) {
    const target = targets[i]!;
    if (target.frame > frame + threshold) break;
    if (!best || closer(target, best, frame)) best = target;
  }
  return best ? { frame: best.frame, target: best } : { frame, target: null };
}

export interface SnappedSpan {
  start: number;
  target: SnapTarget | null;
  /** Which end of the span snapped. */
  edge: 'start' | 'end' | null;
}

/** Snaps a dragged clip by whichever of its edges is closer to a target; the clip keeps its length. */
export function snapSpan(start: number, duration: number, targets: readonly SnapTarget[], threshold: number): SnappedSpan {
  const head = snapFrame(start, targets, threshold);
  const tail = snapFrame(start + duration, targets, threshold);
  const headDistance = head.target ? Math.abs(head.frame - start) : Infinity;
  const tailDistance = tail.target && tail.frame >= duration ? Math.abs(tail.frame - (start + duration)) : Infinity;
  if (headDistance === Infinity && tailDistance === Infinity) return { start, target: null, edge: null };
  return headDistance <= tailDistance
    ? { start: head.frame, target: head.target, edge: 'start' }
    : { start: tail.frame - duration, target: tail.target, edge: 'end' };
}

const PRIORITY: Record<SnapTargetKind, number> = {
  playhead: 0,
  marker: 1,
  'clip-start': 2,
  'clip-end': 2,
  'sequence-start': 3,
};

function closer(candidate: SnapTarget, best: SnapTarget, frame: number): boolean {
  const a = Math.abs(candidate.frame - frame);
  const b = Math.abs(best.frame - frame);
  return a < b || (a === b && PRIORITY[candidate.kind] < PRIORITY[best.kind]);
}

function firstAtOrAfter(targets: readonly SnapTarget[], frame: number): number {
  let low = 0;
  let high = targets.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (targets[middle]!.frame < frame) low = middle + 1;
    else high = middle;
  }
  return low;
}
