import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateTool } from '../../ffmpeg/locate';
import { FfmpegCancelled } from '../../ffmpeg/run-ffmpeg';
import { SPEECH_SAMPLE_RATE, streamPcm } from './pcm-stream';

const run = promisify(execFile);
const ffmpeg = locateTool('ffmpeg').path;
let work: string;

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-pcm-'));
});
afterAll(() => fs.rm(work, { recursive: true, force: true }));

/** A file of `seconds` of a sine per stream at the given amplitudes, 8 kHz so long files stay small. */
async function sines(name: string, seconds: number, amplitudes: number[]): Promise<string> {
  const file = path.join(work, name);
  const inputs = amplitudes.flatMap((_, i) => ['-f', 'lavfi', '-i', `sine=f=${300 + 200 * i}:sample_rate=8000:d=${seconds}`]);
  const maps = amplitudes.flatMap((amplitude, i) => ['-map', `${i}:a`, `-filter:a:${i}`, `volume=${amplitude * 8}`]);
  await run(ffmpeg, ['-v', 'error', '-y', ...inputs, ...maps, '-c:a', 'pcm_s16le', file]);
  return file;
}

function peakOf(chunks: Float32Array[]): number {
  let peak = 0;
  for (const chunk of chunks) for (const sample of chunk) peak = Math.max(peak, Math.abs(sample));
  return peak;
}

describe('streamPcm', () => {
  it('decodes the chosen audio stream to 16 kHz mono floats, every sample once', async () => {
    // lavfi's sine has amplitude 1/8: the volume filter above makes these the real peaks.
    const file = await sines('two-tracks.mkv', 3, [0.1, 0.5]);
    const tracks: Float32Array[][] = [[], []];
    for (const audioStream of [0, 1]) {
      const { frames } = await streamPcm({ ffmpeg, file, audioStream, sampleRate: SPEECH_SAMPLE_RATE, format: 'f32le', onSamples: (s) => tracks[audioStream]!.push(s) });
      expect(frames).toBe(3 * SPEECH_SAMPLE_RATE);
      expect(tracks[audioStream]!.reduce((n, c) => n + c.length, 0)).toBe(frames);
    }
    expect(peakOf(tracks[0]!)).toBeCloseTo(0.1, 2);
    expect(peakOf(tracks[1]!)).toBeCloseTo(0.5, 2);
  });

  it('gives whole interleaved 16-bit sample frames', async () => {
    const file = await sines('stereo-source.wav', 1, [0.5]);
    let samples = 0;
    let oddChunk = false;
    const { frames } = await streamPcm({
      ffmpeg,
      file,
      sampleRate: 44_100,
      channels: 2,
      format: 's16le',
      onSamples: (chunk) => {
        samples += chunk.length;
        oddChunk ||= chunk.length % 2 !== 0;
      },
    });
    expect(frames).toBe(44_100);
    expect(samples).toBe(2 * 44_100);
    expect(oddChunk).toBe(false);
  });

  it('stops ffmpeg when cancelled', async () => {
    const file = await sines('cancel.wav', 600, [0.5]);
    const controller = new AbortController();
    const started = performance.now();
    const decoding = streamPcm({ ffmpeg, file, sampleRate: SPEECH_SAMPLE_RATE, format: 'f32le', signal: controller.signal, onSamples: () => controller.abort() });
    await expect(decoding).rejects.toBeInstanceOf(FfmpegCancelled);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('uses the same memory for an hour as for a minute', async () => {
    const measure = async (file: string) => {
      globalThis.gc?.();
      const before = process.memoryUsage();
      let peak = 0;
      let sum = 0;
      await streamPcm({
        ffmpeg,
        file,
        sampleRate: SPEECH_SAMPLE_RATE,
        format: 'f32le',
        onSamples: (samples) => {
          for (const sample of samples) sum += sample * sample;
          const now = process.memoryUsage();
          peak = Math.max(peak, now.heapUsed - before.heapUsed + now.arrayBuffers - before.arrayBuffers);
        },
      });
      expect(sum).toBeGreaterThan(0);
      return peak;
    };
    const minute = await measure(await sines('minute.wav', 60, [0.5]));
    const hour = await measure(await sines('hour.wav', 3600, [0.5]));
    console.log(`streamPcm peak heap + array buffers: 1 minute ${(minute / 2 ** 20).toFixed(1)} MiB, 1 hour ${(hour / 2 ** 20).toFixed(1)} MiB (decoded: ${((3600 * SPEECH_SAMPLE_RATE * 4) / 2 ** 20).toFixed(0)} MiB)`);
    expect(hour).toBeLessThan(minute + 16 * 2 ** 20);
  }, 60_000);
});
