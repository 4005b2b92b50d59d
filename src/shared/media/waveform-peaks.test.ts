import { describe, expect, it } from 'vitest';
import {
  buildLevels,
  coarserLevel,
  decodeWaveformPeaks,
  encodeWaveformPeaks,
  pickLevel,
  quantizePeak,
  WAVEFORM_PEAKS_VERSION,
  WaveformPeaksFormatError,
  type WaveformLevel,
  type WaveformPeaks,
} from './waveform-peaks';

const level = (samplesPerPeak: number, min: number[], max: number[]): WaveformLevel => ({
  samplesPerPeak,
  min: Int8Array.from(min),
  max: Int8Array.from(max),
});

describe('waveform peaks', () => {
  it('stores a sample as a byte, clipping what is louder than full scale', () => {
    expect([quantizePeak(0), quantizePeak(0.5), quantizePeak(-0.5), quantizePeak(1), quantizePeak(-1.7)]).toEqual([0, 64, -64, 127, -127]);
  });

  it('merges pairs into the min of the mins and the max of the maxes, keeping an odd last peak', () => {
    const coarse = coarserLevel(level(64, [-10, -50, 3, -7, -1], [20, 5, 9, 30, 2]));
    expect(coarse).toEqual(level(128, [-50, -7, -1], [20, 30, 2]));
  });

  it('halves levels until one has at most the wanted number of peaks', () => {
    const levels = buildLevels(level(64, new Array(2500).fill(-1), new Array(2500).fill(1)), 1000);
    expect(levels.map((l) => [l.samplesPerPeak, l.min.length])).toEqual([[64, 2500], [128, 1250], [256, 625]]);
    expect(buildLevels(level(64, [0], [0]), 1000)).toHaveLength(1);
  });

  it('reads back exactly what it wrote', () => {
    const finest = level(64, [-127, -3, 0, -64, -1], [127, 4, 0, 64, 1]);
    const peaks: WaveformPeaks = { sampleRate: 16_000, sampleCount: 300, levels: buildLevels(finest, 2) };
    const buffer = encodeWaveformPeaks(peaks);
    expect(buffer.byteLength).toBe(20 + 8 * 3 + 2 * (5 + 3 + 2));
    expect(new TextDecoder().decode(new Uint8Array(buffer, 0, 4))).toBe('RSWP');
    expect(decodeWaveformPeaks(buffer)).toEqual(peaks);
  });

  it('refuses files that are not peaks, from another version, or cut short', () => {
    const buffer = encodeWaveformPeaks({ sampleRate: 16_000, sampleCount: 64, levels: [level(64, [-1], [1])] });
    expect(() => decodeWaveformPeaks(new TextEncoder().encode('RIFF....WAVEfmt of some length').buffer)).toThrow(/not a Reelsmith waveform/);
    const newer = buffer.slice(0);
    new DataView(newer).setUint16(4, WAVEFORM_PEAKS_VERSION + 1, true);
    expect(() => decodeWaveformPeaks(newer)).toThrow(/version 2/);
    expect(() => decodeWaveformPeaks(buffer.slice(0, buffer.byteLength - 1))).toThrow(WaveformPeaksFormatError);
    expect(() => decodeWaveformPeaks(buffer.slice(0, 10))).toThrow(/too short/);
  });

  it('picks the coarsest level that still gives a peak per pixel', () => {
    const finest = level(64, new Array(4000).fill(0), new Array(4000).fill(0));
    const peaks: WaveformPeaks = { sampleRate: 16_000, sampleCount: 256_000, levels: buildLevels(finest, 1000) };
    // Levels: 4 ms, 8 ms, 16 ms per peak.
    expect(pickLevel(peaks, 0.001).samplesPerPeak).toBe(64);
    expect(pickLevel(peaks, 0.004).samplesPerPeak).toBe(64);
    expect(pickLevel(peaks, 0.01).samplesPerPeak).toBe(128);
    expect(pickLevel(peaks, 16 / 800).samplesPerPeak).toBe(256);
    expect(pickLevel(peaks, 10).samplesPerPeak).toBe(256);
  });
});
