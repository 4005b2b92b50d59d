import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs';
import { detectCapabilities, type FfmpegCapabilities } from '../ffmpeg/capabilities';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobQueue } from '../jobs/job-queue';
import { PartialFiles } from '../jobs/partial-files';
import { probeMedia } from '../media/probe';
import { encoderChoices, exportJob } from './export-job';
import { findPreset } from '../../../shared/export/presets';

let dir: string;
let caps: FfmpegCapabilities;
let source: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-export-'));
  caps = await detectCapabilities(path.join(dir, 'config'));
  source = path.join(dir, 'Clip: 100% "take" 2 – ü.mp4');
  await runFfmpeg({
    program: caps.ffmpeg.path,
    args: ['-y', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=300:duration=3', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', source],
  });
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function queue(changes: Job[] = []) {
  return new JobQueue({ slots: { cpu: 1, inference: 1 }, partials: new PartialFiles(path.join(dir, 'partials')), onChange: (j) => changes.push(j), progressIntervalMs: 0 });
}

describe('export jobs', () => {
  it('exports a vertical crop with progress that ends at 1', async () => {
    const changes: Job[] = [];
    const q = queue(changes);
    const output = path.join(dir, 'vertical out.mp4');
    const job = q.submit(exportJob(caps, { input: source, output, presetId: 'vertical-1080x1920', fit: 'crop' }));
    const done = await q.whenSettled(job.id);
    expect(done.state, done.error?.message).toBe('succeeded');
    const probed = await probeMedia(caps.ffprobe.path, output);
    expect(probed).toMatchObject({ width: 1080, height: 1920, hasAudio: true });
    expect(probed.duration).toBeCloseTo(3, 0);
    const progress = changes.map((c) => c.progress).filter((p): p is number => p !== null);
    expect(progress.at(-1)).toBe(1);
    expect(progress.some((p) => p > 0 && p < 1)).toBe(true);
  });

  it('fails with a readable message for a corrupt input and leaves nothing behind', async () => {
    const corrupt = path.join(dir, 'corrupt.mov');
    await fs.writeFile(corrupt, Buffer.alloc(10_000, 3));
    const q = queue();
    const output = path.join(dir, 'from-corrupt.mp4');
    const job = q.submit(exportJob(caps, { input: corrupt, output, presetId: 'h264-1080p', fit: 'letterbox' }));
    const done = await q.whenSettled(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toMatch(/damaged or is not a media file/);
    expect((await fs.readdir(dir)).filter((n) => n.includes('from-corrupt'))).toEqual([]);
  });

  it('names the file the user asked for when the output folder does not exist', async () => {
    const q = queue();
    const output = path.join(dir, 'missing folder', 'out.mp3');
    const job = q.submit(exportJob(caps, { input: source, output, presetId: 'audio-mp3', fit: 'letterbox' }));
    const done = await q.whenSettled(job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.message).toContain(output);
    expect(done.error?.message).not.toContain('reelsmith-partial');
  });

  it('makes audio-only, GIF and thumbnail outputs', async () => {
    const q = queue();
    for (const [presetId, name] of [['audio-mp3', 'sound.mp3'], ['gif-480', 'loop.gif'], ['thumbnail-1280', 'thumb.jpg']] as const) {
      const job = q.submit(exportJob(caps, { input: source, output: path.join(dir, name), presetId, fit: 'letterbox' }));
      const done = await q.whenSettled(job.id);
      expect(done.state, `${presetId}: ${done.error?.message}`).toBe('succeeded');
      expect((await fs.stat(path.join(dir, name))).size).toBeGreaterThan(500);
    }
  });

  it('falls back to software when the hardware encoder fails mid-job', async () => {
    // This machine has no usable GPU, so an encoder the capabilities claim works fails at its first frame.
    const claimed = { ...caps, workingHardwareEncoders: ['h264_nvenc'] };
    const changes: Job[] = [];
    const q = queue(changes);
    const output = path.join(dir, 'fallback.mp4');
    const job = q.submit(exportJob(claimed, { input: source, output, presetId: 'h264-1080p', fit: 'letterbox' }));
    const done = await q.whenSettled(job.id);
    expect(done.state, done.error?.message).toBe('succeeded');
    expect(changes.map((c) => c.stage)).toContain('h264_nvenc failed; retrying with libx264');
    expect((await probeMedia(caps.ffprobe.path, output)).width).toBe(1920);
  });

  it('tries working hardware encoders before the software one, and intermediates in software only', () => {
    const withGpu = { ...caps, workingHardwareEncoders: ['h264_nvenc'] };
    expect(encoderChoices(withGpu, findPreset('h264-1080p')!, false).map((e) => e?.name)).toEqual(['h264_nvenc', 'libx264']);
    expect(encoderChoices(withGpu, findPreset('h264-1080p')!, true).map((e) => e?.name)).toEqual(['libx264']);
    expect(encoderChoices(withGpu, findPreset('prores-422-1080p')!, false).map((e) => e?.name)).toEqual(['prores_ks']);
  });
});
