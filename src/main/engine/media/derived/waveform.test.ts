import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWaveformPeaks, PEAK_SCALE } from '../../../../shared/media/waveform-peaks';
import { testMediaFolder, type TestMediaFolder } from './test-media';
import { makeWaveformPeaks } from './waveform';

let media: TestMediaFolder;

beforeAll(async () => {
  media = await testMediaFolder('waveform');
  // lavfi's sine is an eighth of full scale; four times that is half.
  await Promise.all([
    media.make('-f', 'lavfi', '-i', 'sine=f=440:sample_rate=48000:d=5,volume=4', 'half-scale.wav'),
    media.make('-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '2', 'silence.wav'),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=2', '-f', 'lavfi', '-i', 'sine=f=440:d=2,volume=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', 'clip.mp4'),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=160x90:r=25:d=1', '-c:v', 'libx264', '-preset', 'ultrafast', 'mute.mp4'),
  ]);
}, 30_000);
afterAll(() => media.remove());

async function waveform(name: string, onProgress?: (fraction: number) => void) {
  const output = media.at(`${name}.peaks`);
  const peaks = await makeWaveformPeaks({ ffmpeg: media.ffmpeg, input: media.at(name), media: await media.probe(name), output, onProgress });
  const file = await fs.readFile(output);
  return { peaks, stored: decodeWaveformPeaks(file.buffer.slice(file.byteOffset, file.byteOffset + file.length)) };
}

const extremes = (values: Int8Array) => [Math.min(...values) / PEAK_SCALE, Math.max(...values) / PEAK_SCALE];

describe('makeWaveformPeaks', () => {
  it('measures a half-scale tone at 250 peaks a second, with a coarser level for zooming out', async () => {
    const fractions: number[] = [];
    const { peaks, stored } = await waveform('half-scale.wav', (f) => fractions.push(f));
    expect(stored).toEqual(peaks);
    expect(peaks.sampleRate).toBe(16_000);
    expect(peaks.sampleCount).toBeCloseTo(5 * 16_000, -2);
    expect(peaks.levels.map((l) => [l.samplesPerPeak, l.min.length])).toEqual([[64, 1250], [128, 625]]);
    const [finest] = peaks.levels;
    const [lowest, highest] = extremes(finest!.max);
    expect(highest).toBeCloseTo(0.5, 1);
    expect(lowest).toBeGreaterThan(0.4);
    expect(extremes(finest!.min)[1]).toBeLessThan(-0.4);
    expect(fractions.at(-1)).toBe(1);
  });

  it('gives silence flat peaks', async () => {
    const { peaks } = await waveform('silence.wav');
    expect(peaks.levels[0]!.min.length).toBe(500);
    expect(peaks.levels.every((l) => l.min.every((v) => v === 0) && l.max.every((v) => v === 0))).toBe(true);
  });

  it('reads the sound of a video', async () => {
    const { peaks } = await waveform('clip.mp4');
    expect(peaks.levels[0]!.min.length).toBeGreaterThanOrEqual(495);
    expect(peaks.levels[0]!.min.length).toBeLessThanOrEqual(510);
    // AAC rings where the tone stops short at the end, so only the steady middle is measured.
    expect(extremes(peaks.levels[0]!.max.subarray(50, 450))[1]).toBeCloseTo(0.5, 1);
  });

  it('refuses a file without sound', async () => {
    await expect(waveform('mute.mp4')).rejects.toThrow(/no sound/);
  });
});
