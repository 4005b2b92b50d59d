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
