import { pickLevel, PEAK_SCALE, type WaveformPeaks } from '../../../shared/media/waveform-peaks';

/** One pixel column of a drawn waveform: the lowest and highest sample in it, -1..1. */
export interface WaveformColumn {
  min: number;
  max: number;
}

/**
 * The waveform squeezed or stretched to `columns` pixel columns across the whole duration, from the coarsest level
 * that still has a peak per column.
 */
export function waveformColumns(peaks: WaveformPeaks, columns: number): WaveformColumn[] {
  const count = Math.max(0, Math.floor(columns));
  if (count === 0 || peaks.sampleCount <= 0 || peaks.sampleRate <= 0) return [];
  const duration = peaks.sampleCount / peaks.sampleRate;
  const level = pickLevel(peaks, duration / count);
  const peaksPerColumn = peaks.sampleCount / level.samplesPerPeak / count;
  const result: WaveformColumn[] = new Array(count);
  for (let x = 0; x < count; x += 1) {
    const from = Math.floor(x * peaksPerColumn);
    // A column narrower than a peak still shows the peak it falls in.
    const to = Math.max(from + 1, Math.floor((x + 1) * peaksPerColumn));
    let min = 0;
    let max = 0;
    for (let i = from; i < to && i < level.min.length; i += 1) {
      min = Math.min(min, level.min[i]!);
      max = Math.max(max, level.max[i]!);
    }
    result[x] = { min: min / PEAK_SCALE, max: max / PEAK_SCALE };
  }
  return result;
}
