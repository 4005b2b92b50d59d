/** Seeking on a strip that spans a clip (filmstrip, waveform): by pointer position or by arrow keys. */

export const SEEK_STEP_SECONDS = 5;

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

/** The time under a pointer at `x` on a strip starting at `left` and `width` wide. */
export function seekTimeAt(x: number, left: number, width: number, duration: number): number {
  return width > 0 ? clamp((x - left) / width, 0, 1) * duration : 0;
}

/** The time an arrow key moves to, or null for other keys. */
export function seekTimeForKey(key: string, currentTime: number, duration: number): number | null {
  const step = key === 'ArrowRight' ? SEEK_STEP_SECONDS : key === 'ArrowLeft' ? -SEEK_STEP_SECONDS : 0;
  return step === 0 ? null : clamp(currentTime + step, 0, duration);
}
