import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTalks, type Talk, type TalkVariant } from '../../../../../test/media/talks';
import { SilenceThresholdSchema } from '../../../../shared/analysis/loudness';
import { locateTool, searchPath } from '../../ffmpeg/locate';
import { analyzeSilence } from './analyze-silence';

/**
 * The threshold mode against Debian's auto-editor itself: the same file and threshold must give the same silent
 * ranges, within one frame (auto-editor's JSON shifts every clip after the first by one frame).
 */

const run = promisify(execFile);
const autoEditor = searchPath('auto-editor', process.env, process.platform, existsSync) !== null;
let work: string;
let talks: Record<TalkVariant, Talk>;

beforeAll(async () => {
  // The comparison is the point of these tests: without auto-editor they fail and say what to install (.ci/run does).
  if (!autoEditor) throw new Error('These tests compare with auto-editor: install it (apt install auto-editor).');
  talks = await ensureTalks(90);
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-silence-'));
}, 120_000);
afterAll(() => fs.rm(work, { recursive: true, force: true }));

/** auto-editor's kept ranges, in its frames, from its v3 timeline JSON. */
async function autoEditorKept(file: string, threshold: string): Promise<{ frameRate: number; kept: [number, number][] }> {
  const runDir = await fs.mkdtemp(path.join(work, 'ae-'));
  const out = path.join(runDir, 'out.json');
  // A fresh temp folder each time: auto-editor caches its analysis beside it.
  await run('auto-editor', [file, '--edit', `audio:threshold=${threshold}`, '--export', 'json', '-o', out, '--temp-dir', path.join(runDir, 'tmp'), '--progress', 'none', '--no-open']);
  const timeline = JSON.parse(await fs.readFile(out, 'utf8')) as { timeline: { timebase: string; a: { offset: number; dur: number }[][] } };
  const [num, den = '1'] = timeline.timeline.timebase.split('/');
  return { frameRate: Number(num) / Number(den), kept: (timeline.timeline.a[0] ?? []).map((clip) => [clip.offset, clip.offset + clip.dur]) };
}

function complement(ranges: [number, number][], end: number): [number, number][] {
  const gaps: [number, number][] = [];
  let at = 0;
  for (const [start, stop] of ranges) {
    if (start > at) gaps.push([at, start]);
    at = Math.max(at, stop);
  }
  if (at < end) gaps.push([at, end]);
  return gaps;
}

describe('analyzeSilence', () => {
  it('reads thresholds as auto-editor does', () => {
    expect(SilenceThresholdSchema.parse('4%')).toBeCloseTo(0.04, 12);
    expect(SilenceThresholdSchema.parse('0.04')).toBeCloseTo(0.04, 12);
    expect(SilenceThresholdSchema.parse('-20dB')).toBeCloseTo(0.1, 12);
    expect(SilenceThresholdSchema.safeParse('3dB').success).toBe(false);
    expect(SilenceThresholdSchema.safeParse('150%').success).toBe(false);
    expect(SilenceThresholdSchema.safeParse('loud').success).toBe(false);
  });

  const cases: [TalkVariant, string][] = [
    ['clean', '4%'],
    ['quiet-noise', '4%'],
    ['quiet-noise', '-30dB'],
    ['loud-noise-music', '20%'],
  ];
  for (const [variant, threshold] of cases) {
    it(`finds the silent ranges auto-editor finds in the ${variant} talk at ${threshold}`, async () => {
      const talk = talks[variant];
      const ours = await analyzeSilence(talk.path, { threshold: SilenceThresholdSchema.parse(threshold) });
      const theirs = await autoEditorKept(talk.path, threshold);
      const frames = Math.round(ours.duration * ours.frameRate);
      const expected = complement(theirs.kept, frames);
      const actual = ours.silent.map((r): [number, number] => [Math.round(r.start * ours.frameRate), Math.round(r.end * ours.frameRate)]);
      console.log(`${variant} at ${threshold}: ${actual.length} silent ranges (auto-editor ${expected.length}), ${(ours.silentRatio * 100).toFixed(1)} % silent`);
      expect(ours.frameRate).toBe(theirs.frameRate);
      expect(actual.length).toBe(expected.length);
      actual.forEach(([start, end], i) => {
        expect(Math.abs(start - expected[i]![0])).toBeLessThanOrEqual(1);
        expect(Math.abs(end - expected[i]![1])).toBeLessThanOrEqual(1);
      });
    }, 60_000);
  }

  it('takes the frame rate of a video, as auto-editor does', async () => {
    const video = path.join(work, 'talk.mp4');
    const ffmpeg = locateTool('ffmpeg').path;
    await run(ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=gray:s=160x90:r=25', '-i', talks.clean.path, '-t', '30', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', video]);
    const ours = await analyzeSilence(video, { threshold: 0.04 });
    const theirs = await autoEditorKept(video, '4%');
    expect(ours.frameRate).toBe(25);
    expect(theirs.frameRate).toBe(25);
    const frames = Math.round(ours.duration * 25);
    const expected = complement(theirs.kept, frames);
    expect(ours.silent.length).toBe(expected.length);
    ours.silent.forEach((range, i) => {
      expect(Math.abs(range.start * 25 - expected[i]![0])).toBeLessThanOrEqual(1);
      expect(Math.abs(range.end * 25 - expected[i]![1])).toBeLessThanOrEqual(1);
    });
  }, 60_000);
});
