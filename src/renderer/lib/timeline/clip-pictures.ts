import type { FilmstripGeometry } from '../../../shared/assets';
import { PEAK_SCALE, pickLevel, type WaveformPeaks } from '../../../shared/media/waveform-peaks';
import { framesToSeconds } from '../../../shared/timeline/time';
import type { FrameRate } from '../../../shared/video-format';
import type { WaveformColumn } from '../gallery/waveform-columns';

/**
 * What a clip block shows of its media: filmstrip tiles at the source times under each slot, and the waveform of
 * the stretch it plays. Only the part of a clip on screen is computed, so a clip an hour long costs what it shows.
 */

export interface FilmstripSlot {
  /** Left edge, in pixels from the clip's left edge. */
  x: number;
  tile: number;
}

/**
 * Tiles of `slotWidth` pixels across the visible part (`fromX`..`toX`, relative to the clip) of a clip playing from
 * source frame `sourceIn`: each shows the filmstrip tile for the source moment under its middle.
 */
export function filmstripSlots(
  geometry: FilmstripGeometry,
  clip: { duration: number; sourceIn: number },
  pxPerFrame: number,
  rate: FrameRate,
  slotWidth: number,
  fromX: number,
  toX: number,
): FilmstripSlot[] {
  const clipWidth = clip.duration * pxPerFrame;
  if (slotWidth <= 0) return [];
  const first = Math.max(0, Math.floor(fromX / slotWidth));
  const last = Math.ceil(Math.min(clipWidth, toX) / slotWidth);
  const slots: FilmstripSlot[] = [];
  for (let i = first; i < last; i += 1) {
    const x = i * slotWidth;
    const middle = Math.min(clipWidth, x + slotWidth / 2);
    const seconds = framesToSeconds(clip.sourceIn + middle / pxPerFrame, rate);
    const tile = Math.min(geometry.tiles - 1, Math.max(0, Math.floor(seconds / geometry.interval)));
    slots.push({ x, tile });
  }
  return slots;
}

/** The waveform of the source stretch `fromSeconds`..`toSeconds` in `columns` pixel columns. */
export function waveformSpanColumns(
  peaks: WaveformPeaks,
  fromSeconds: number,
  toSeconds: number,
  columns: number,
): WaveformColumn[] {
  const count = Math.max(0, Math.floor(columns));
  if (count === 0 || toSeconds <= fromSeconds || peaks.sampleRate <= 0) return [];
  const secondsPerColumn = (toSeconds - fromSeconds) / count;
  const level = pickLevel(peaks, secondsPerColumn);
  const secondsPerPeak = level.samplesPerPeak / peaks.sampleRate;
  const result: WaveformColumn[] = new Array(count);
  for (let x = 0; x < count; x += 1) {
    const from = Math.floor((fromSeconds + x * secondsPerColumn) / secondsPerPeak);
    // A column narrower than a peak still shows the peak it falls in.
    const to = Math.max(from + 1, Math.floor((fromSeconds + (x + 1) * secondsPerColumn) / secondsPerPeak));
    let min = 0;
    let max = 0;
    for (let i = Math.max(0, from); i < to && i < level.min.length; i += 1) {
      min = Math.min(min, level.min[i]!);
      max = Math.max(max, level.max[i]!);
    }
    result[x] = { min: min / PEAK_SCALE, max: max / PEAK_SCALE };
  }
  return result;
}
