/**
 * Whether the grid is being flung faster than posters could be fetched and decoded. Tiles that fly past during a
 * fling show their placeholder; posters load once the scrolling settles.
 */

/** 3,000 px a second: a quick flick of the wheel or a drag of the scrollbar. */
export const FLING_PX_PER_MS = 3;
/** How long the scroll must stay slow before the posters load. */
export const FLING_SETTLE_MS = 120;

export interface ScrollSample {
  top: number;
  /** Milliseconds, as `performance.now()` or an event's `timeStamp` gives them. */
  time: number;
}

export function isFling(previous: ScrollSample | null, current: ScrollSample): boolean {
  if (previous === null) return false;
  const elapsed = current.time - previous.time;
  const distance = Math.abs(current.top - previous.top);
  // Two events in the same millisecond: a jump (the scrollbar, Home, End) rather than a measurable speed.
  if (elapsed <= 0) return distance > 0;
  return distance / elapsed > FLING_PX_PER_MS;
}
