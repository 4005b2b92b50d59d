import { describe, expect, it } from 'vitest';
import { buildLevels, PEAK_SCALE, type WaveformPeaks } from '../../../shared/media/waveform-peaks';
import { waveformColumns } from './waveform-columns';

/** 8 peaks of 100 samples at 800 Hz (one second): silent, then a loud half, then a quiet quarter. */
function peaks(): WaveformPeaks {
  const max = Int8Array.from([0, 0, 127, 127, 127, 127, 32, 32]);
  const min = Int8Array.from(max, (v) => -v);
  return { sampleRate: 800, sampleCount: 800, levels: buildLevels({ samplesPerPeak: 100, min, max }, 2) };
}

describe('waveformColumns', () => {
  it('takes the loudest sample in each column when there are more peaks than columns', () => {
    const columns = waveformColumns(peaks(), 4);
    expect(columns.map((c) => c.max)).toEqual([0, 1, 1, 32 / PEAK_SCALE]);
    expect(columns.map((c) => c.min)).toEqual([0, -1, -1, -32 / PEAK_SCALE]);
  });

  it('repeats a peak across columns when zoomed in past the finest level', () => {
    const columns = waveformColumns(peaks(), 16);
    expect(columns).toHaveLength(16);
    expect(columns[4]!.max).toBe(1);
    expect(columns[5]!.max).toBe(1);
    expect(columns[15]!.max).toBe(32 / PEAK_SCALE);
  });

  it('draws nothing without width or audio', () => {
    expect(waveformColumns(peaks(), 0)).toEqual([]);
    expect(waveformColumns({ ...peaks(), sampleCount: 0 }, 10)).toEqual([]);
  });
});
