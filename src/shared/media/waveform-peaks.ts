/**
 * Waveform peaks: the min and max of the audio over short stretches, at several resolutions so a timeline can draw
 * any zoom level from a few thousand values. Runs anywhere: no Node, no DOM.
 *
 * A peak is a signed byte: the sample value (-1..1, downmixed to mono) times PEAK_SCALE, rounded. A byte per value
 * is finer than a pixel of any waveform lane and keeps an hour of audio at about 1 MB per level.
 *
 * File layout (`.peaks`), little-endian:
 *
 *   offset  size  field
 *   0       4     magic, ASCII "RSWP"
 *   4       2     format version (uint16), WAVEFORM_PEAKS_VERSION
 *   6       2     level count L (uint16)
 *   8       4     sample rate of the analysed audio, Hz (uint32)
 *   12      8     samples analysed (float64, a whole number; sampleCount / sampleRate = duration)
 *   20      8×L   per level, finest first: samples per peak (uint32), peak count N (uint32)
 *   then, per level in the same order: N min values (int8), then N max values (int8)
 *
 * Each level after the first merges pairs of the one before (samples per peak doubles); the last peak of a level
 * may cover fewer samples than the others.
 */

export const WAVEFORM_PEAKS_VERSION = 1;
export const PEAK_SCALE = 127;

const MAGIC = 'RSWP';
const HEADER_BYTES = 20;
const LEVEL_ENTRY_BYTES = 8;

export interface WaveformLevel {
  samplesPerPeak: number;
  /** Peak i covers samples [i × samplesPerPeak, (i + 1) × samplesPerPeak); values are sample × PEAK_SCALE. */
  min: Int8Array;
  max: Int8Array;
}

export interface WaveformPeaks {
  sampleRate: number;
  sampleCount: number;
  /** Finest first; each level halves the one before. */
  levels: WaveformLevel[];
}

export class WaveformPeaksFormatError extends Error {
  constructor(message: string) {
    super(`The waveform file cannot be read: ${message}`);
    this.name = 'WaveformPeaksFormatError';
  }
}

/** A sample value (-1..1; louder is clipped) as a stored peak byte. */
export function quantizePeak(sample: number): number {
  const magnitude = Math.round(Math.min(1, Math.abs(sample)) * PEAK_SCALE);
  // Rounded away from zero on both sides, so a waveform is as tall below the line as above it.
  return sample < 0 && magnitude > 0 ? -magnitude : magnitude;
}

/** The next coarser level: each peak is the min of two mins and the max of two maxes. */
export function coarserLevel(level: WaveformLevel): WaveformLevel {
  const count = Math.ceil(level.min.length / 2);
  const min = new Int8Array(count);
  const max = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const a = 2 * i;
    const b = Math.min(a + 1, level.min.length - 1);
    min[i] = Math.min(level.min[a]!, level.min[b]!);
    max[i] = Math.max(level.max[a]!, level.max[b]!);
  }
  return { samplesPerPeak: level.samplesPerPeak * 2, min, max };
}

/** The finest level and coarser ones down to the first with at most `maxPeaks` peaks. */
export function buildLevels(finest: WaveformLevel, maxPeaks: number): WaveformLevel[] {
  const levels = [finest];
  while (levels.at(-1)!.min.length > maxPeaks) levels.push(coarserLevel(levels.at(-1)!));
  return levels;
}

/**
 * The level to draw with when one pixel spans `secondsPerPixel`: the coarsest that still has at least one peak per
 * pixel, or the finest when zoomed in further than that.
 */
export function pickLevel(peaks: WaveformPeaks, secondsPerPixel: number): WaveformLevel {
  let chosen = peaks.levels[0];
  if (!chosen) throw new WaveformPeaksFormatError('it has no levels.');
  for (const level of peaks.levels) {
    if (level.samplesPerPeak / peaks.sampleRate <= secondsPerPixel) chosen = level;
  }
  return chosen;
}

export function encodeWaveformPeaks(peaks: WaveformPeaks): ArrayBuffer {
  const dataBytes = peaks.levels.reduce((sum, level) => sum + 2 * level.min.length, 0);
  const buffer = new ArrayBuffer(HEADER_BYTES + LEVEL_ENTRY_BYTES * peaks.levels.length + dataBytes);
  const view = new DataView(buffer);
  for (let i = 0; i < MAGIC.length; i++) view.setUint8(i, MAGIC.charCodeAt(i));
  view.setUint16(4, WAVEFORM_PEAKS_VERSION, true);
  view.setUint16(6, peaks.levels.length, true);
  view.setUint32(8, peaks.sampleRate, true);
  view.setFloat64(12, peaks.sampleCount, true);
  const bytes = new Int8Array(buffer);
  let data = HEADER_BYTES + LEVEL_ENTRY_BYTES * peaks.levels.length;
  peaks.levels.forEach((level, index) => {
    if (level.min.length !== level.max.length) throw new Error('A waveform level needs as many mins as maxes.');
    view.setUint32(HEADER_BYTES + LEVEL_ENTRY_BYTES * index, level.samplesPerPeak, true);
    view.setUint32(HEADER_BYTES + LEVEL_ENTRY_BYTES * index + 4, level.min.length, true);
    bytes.set(level.min, data);
    bytes.set(level.max, data + level.min.length);
    data += 2 * level.min.length;
  });
  return buffer;
}

/** Reads a `.peaks` file. The levels are views into `buffer`, not copies. */
export function decodeWaveformPeaks(buffer: ArrayBuffer): WaveformPeaks {
  if (buffer.byteLength < HEADER_BYTES) throw new WaveformPeaksFormatError('it is too short.');
  const view = new DataView(buffer);
  const magic = String.fromCharCode(...new Uint8Array(buffer, 0, MAGIC.length));
  if (magic !== MAGIC) throw new WaveformPeaksFormatError('it is not a Reelsmith waveform file.');
  const version = view.getUint16(4, true);
  if (version !== WAVEFORM_PEAKS_VERSION) {
    throw new WaveformPeaksFormatError(`it has format version ${version}, and this Reelsmith reads version ${WAVEFORM_PEAKS_VERSION}.`);
  }
  const levelCount = view.getUint16(6, true);
  const sampleRate = view.getUint32(8, true);
  const sampleCount = view.getFloat64(12, true);
  let data = HEADER_BYTES + LEVEL_ENTRY_BYTES * levelCount;
  if (buffer.byteLength < data) throw new WaveformPeaksFormatError('its level table is cut short.');
  const levels: WaveformLevel[] = [];
  for (let index = 0; index < levelCount; index++) {
    const samplesPerPeak = view.getUint32(HEADER_BYTES + LEVEL_ENTRY_BYTES * index, true);
    const count = view.getUint32(HEADER_BYTES + LEVEL_ENTRY_BYTES * index + 4, true);
    if (data + 2 * count > buffer.byteLength) throw new WaveformPeaksFormatError(`level ${index} is cut short.`);
    levels.push({ samplesPerPeak, min: new Int8Array(buffer, data, count), max: new Int8Array(buffer, data + count, count) });
    data += 2 * count;
  }
  if (data !== buffer.byteLength) throw new WaveformPeaksFormatError('it has bytes after the last level.');
  return { sampleRate, sampleCount, levels };
}
