import { describe, expect, it } from 'vitest';
import type { WaveformPeaks } from '../../../shared/media/waveform-peaks';
import { filmstripSlots, waveformSpanColumns } from './clip-pictures';

const rate = { num: 10, den: 1 };
const geometry = { tiles: 10, columns: 5, tileWidth: 160, tileHeight: 90, interval: 1 };

describe('filmstripSlots', () => {
  it('shows the tile for the source moment under each slot', () => {
    // 10 frames a second, 10 px a frame: a 100 px slot is a second; the clip plays from source second 3.
    const slots = filmstripSlots(geometry, { duration: 30, sourceIn: 30 }, 10, rate, 100, 0, 1000);
    expect(slots).toEqual([
      { x: 0, tile: 3 },
      { x: 100, tile: 4 },
      { x: 200, tile: 5 },
    ]);
  });

  it('computes only the visible slots and stays within the sprite', () => {
    const slots = filmstripSlots(geometry, { duration: 10_000, sourceIn: 0 }, 1, rate, 50, 500, 620);
    expect(slots.map((s) => s.x)).toEqual([500, 550, 600]);
    expect(slots.every((s) => s.tile === 9)).toBe(true);
  });
});

describe('waveformSpanColumns', () => {
  const peaks: WaveformPeaks = {
    sampleRate: 4,
    sampleCount: 16,
    levels: [
      {
        samplesPerPeak: 1,
        min: Int8Array.from([0, 0, 0, 0, -127, -127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
        max: Int8Array.from([0, 0, 0, 0, 127, 127, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
      },
    ],
  };

  it('draws only the stretch the clip plays', () => {
    const columns = waveformSpanColumns(peaks, 1, 2, 2);
    expect(columns).toEqual([
      { min: -1, max: 1 },
      { min: 0, max: 0 },
    ]);
    expect(waveformSpanColumns(peaks, 2, 4, 4).every((c) => c.max === 0)).toBe(true);
  });

  it('draws nothing for an empty stretch', () => {
    expect(waveformSpanColumns(peaks, 2, 2, 10)).toEqual([]);
    expect(waveformSpanColumns(peaks, 0, 2, 0)).toEqual([]);
  });
});
