import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimelineFile } from '../../shared/timeline/timeline-file';
import { ensureSceneClip, type SceneClip } from '../../../test/media/scene-clips';
import { ensureTalks, type Talk } from '../../../test/media/talks';
import { locateTool } from '../engine/ffmpeg/locate';
import { openCliSandbox, type CliSandbox } from '../../../test/support/cli-sandbox';

const run = promisify(execFile);
let root: string;
let sandbox: CliSandbox;
let talk: Talk;
let clip: SceneClip;

beforeAll(async () => {
  [talk, clip] = await Promise.all([ensureTalks(90, ['quiet-noise']).then((talks) => talks['quiet-noise']), ensureSceneClip()]);
  sandbox = await openCliSandbox('autoedit-cli');
  root = sandbox.root;
}, 120_000);
afterAll(() => sandbox?.close());

const cli = (...argv: string[]) => sandbox.cli(...argv);
const file = (name: string) => path.join(root, name);

async function durationOf(media: string): Promise<number> {
  const { stdout } = await run(locateTool('ffprobe').path, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', media]);
  return Number(stdout.trim());
}

interface SilenceJson {
  kept: [number, number][];
  report: { originalSeconds: number; newSeconds: number; cuts: number; removedSeconds: number; loudness: unknown };
  output: string | null;
  timeline?: string;
}

describe('reelsmith autoedit silence', () => {
  it('cuts the pauses out of a talk, writes a timeline that `render` renders to the same file, and prints the kept ranges', async () => {
    const edit = await cli('autoedit', 'silence', talk.path, '-o', 'talk.wav', '--timeline', 'talk.json', '--json');
    expect(edit.code).toBe(0);
    const result = JSON.parse(edit.stdout) as SilenceJson;
    expect(result).toMatchObject({ output: file('talk.wav'), timeline: file('talk.json'), report: { loudness: null } });
    expect(result.report.cuts).toBeGreaterThan(5);
    const keptSeconds = result.kept.reduce((sum, [start, end]) => sum + end - start, 0);
    expect(keptSeconds).toBeCloseTo(result.report.newSeconds, 6);
    expect(await durationOf(file('talk.wav'))).toBeCloseTo(keptSeconds, 3);

    const parsed = parseTimelineFile(await fs.readFile(file('talk.json'), 'utf8'));
    expect(parsed.timeline.audioTracks[0]!.clips.every((c) => c.reason?.kind === 'speech' || c.reason?.kind === 'pause')).toBe(true);
    expect(parsed.timeline.removedRegions).toHaveLength(result.report.cuts);
    const rendered = await cli('render', 'talk.json', '-o', 'again.wav', '--preset', 'audio-wav');
    expect(rendered.code).toBe(0);
    expect(Buffer.compare(await fs.readFile(file('again.wav')), await fs.readFile(file('talk.wav')))).toBe(0);
  }, 60_000);

  it('prints the report for people, with the loudness before and after when it normalises', async () => {
    const edit = await cli('autoedit', 'silence', talk.path, '-o', 'loud.m4a', '--preset', 'gentle', '--loudness=-16');
    expect(edit.code).toBe(0);
    expect(edit.stdout).toMatch(/^Original +1:27\.\d\nNew +1:\d\d\.\d \(\d+ % shorter\)\nCuts +\d+\nRemoved +0:\d\d\.\d\n/);
    expect(edit.stdout).toMatch(/Loudness +−\d+\.\d → −1[56]\.\d LUFS \(target −16\)\nTrue peak +−?\d+\.\d → −\d+\.\d dBTP/);
    expect(edit.stdout).toContain(`Wrote ${file('loud.m4a')}`);
  }, 60_000);

  it('cuts a phone video to a video of its own shape and size, not a letterboxed 1080p', async () => {
    const phone = file('phone-talk.mp4');
    await run(locateTool('ffmpeg').path, [
      '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=180x320:r=25', '-i', talk.path, '-shortest',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', phone,
    ]);
    const edit = await cli('autoedit', 'silence', phone, '-o', 'phone-cut.mp4', '--json');
    expect(edit.code).toBe(0);
    const { stdout } = await run(locateTool('ffprobe').path, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file('phone-cut.mp4')]);
    expect(stdout.trim()).toBe('180,320');
    const result = JSON.parse(edit.stdout) as SilenceJson;
    expect(await durationOf(file('phone-cut.mp4'))).toBeCloseTo(result.report.newSeconds, 1);
  }, 90_000);

  it('analyses only when no output is asked for, by threshold as auto-editor does', async () => {
    const edit = await cli('autoedit', 'silence', talk.path, '--mode', 'threshold', '--threshold', '4%', '--preset', 'tight', '--json');
    expect(edit.code).toBe(0);
    const result = JSON.parse(edit.stdout) as SilenceJson;
    expect(result.output).toBeNull();
    expect(result.kept.length).toBeGreaterThan(3);
    expect(result.kept.every(([start, end], i) => end > start && start >= (result.kept[i - 1]?.[1] ?? 0))).toBe(true);
  }, 30_000);

  it('says what is wrong: a missing file, no sound, a bad preset, no output', async () => {
    expect(await cli('autoedit', 'silence', 'missing.wav', '-o', 'x.wav')).toMatchObject({ code: 1, stderr: expect.stringMatching(/does not exist/) });
    expect(await cli('autoedit', 'silence', clip.path, '-o', 'x.wav')).toMatchObject({ code: 1, stderr: expect.stringMatching(/has no sound/) });
    expect(await cli('autoedit', 'silence', talk.path, '-o', 'x.wav', '--audio-stream', '2')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/1 audio stream; there is no stream 2/),
    });
    expect(await cli('autoedit', 'silence', talk.path, '-o', 'x.wav', '--preset', 'loose')).toMatchObject({ code: 2, stderr: expect.stringMatching(/gentle, normal, tight/) });
    expect(await cli('autoedit', 'silence', talk.path, '--mode', 'loudness', '--json')).toMatchObject({ code: 2 });
    expect(await cli('autoedit', 'silence', talk.path)).toMatchObject({ code: 2, stderr: expect.stringMatching(/-o <out> is required/) });
    expect(await cli('autoedit', 'silence', talk.path, '-o', 'x.avi')).toMatchObject({ code: 2, stderr: expect.stringMatching(/\.mp4, \.mov, \.wav/) });
    expect(await cli('autoedit', 'silence', talk.path, '-o', 'x.wav', '--loudness', '12')).toMatchObject({ code: 2, stderr: expect.stringMatching(/-14, -16, -23/) });
  });
});

describe('reelsmith autoedit scenes', () => {
  it('prints the scenes and writes a timeline with one clip per scene', async () => {
    const split = await cli('autoedit', 'scenes', clip.path, '--timeline', 'scenes.json', '--json');
    expect(split.code).toBe(0);
    const result = JSON.parse(split.stdout) as { scenes: { start: number; end: number }[]; timeline: string };
    expect(result.scenes).toHaveLength(clip.cuts.length + 1);
    expect(result.scenes[0]!.start).toBe(0);
    const parsed = parseTimelineFile(await fs.readFile(result.timeline, 'utf8'));
    const clips = parsed.timeline.videoTracks[0]!.clips;
    expect(clips).toHaveLength(result.scenes.length);
    expect(clips.map((c) => c.reason?.kind)).toEqual(result.scenes.map(() => 'scene'));
    expect(parsed.media).toEqual([{ assetId: expect.any(String), path: clip.path }]);
  });

  it('says so when a file has no picture', async () => {
    expect(await cli('autoedit', 'scenes', talk.path)).toMatchObject({ code: 1, stderr: expect.stringMatching(/no moving picture/) });
  });
});
