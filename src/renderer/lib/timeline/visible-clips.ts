import { clipEnd, type Clip } from '../../../shared/timeline/timeline';
import type { FrameRange } from './layout';

/**
 * The clips of a track that overlap a frame range, so the editor draws only what is on screen. Starts and ends both
 * increase along a track (the timeline's invariants), so two binary searches find them in O(log n + shown).
 */
export function clipsInRange<C extends Clip>(clips: readonly C[], range: FrameRange): C[] {
  let low = 0;
  let high = clips.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (clipEnd(clips[middle]!) <= range.first) low = middle + 1;
    else high = middle;
  }
  const shown: C[] = [];
  for (let i = low; i < clips.length && clips[i]!.start < range.end; i += 1) shown.push(clips[i]!);
  return shown;
}

/** Below this many pixels a clip on average (too narrow for a picture or a name), a track is drawn as one picture. */
export const DENSE_PX_PER_CLIP = 12;
/** A few slivers are cheap as elements and stay draggable. */
const DENSE_MIN_CLIPS = 60;

/**
 * Whether clips this many and this narrow are better drawn on one canvas: zoomed far out on a long edit, thousands
 * of one-pixel elements cost every zoom step a layout and a style pass while showing nothing a bar could not.
 */
export function drawAsDense(shownClips: number, shownFrames: number, pxPerFrame: number): boolean {
  return shownClips >= DENSE_MIN_CLIPS && (shownFrames * pxPerFrame) / shownClips < DENSE_PX_PER_CLIP;
}

/** The clip at `frame` on a track (the later one inside a crossfade), or null over a gap. */
export function clipAtFrame<C extends Clip>(clips: readonly C[], frame: number): C | null {
  const shown = clipsInRange(clips, { first: frame, end: frame + 1 });
  return shown.at(-1) ?? null;
}
