import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTalks, scoreSpeech, type Talk } from '../../../test/media/talks';
import { createEngine, type Engine } from '../engine';
import { runCliCaptured } from './captured-run';

let root: string;
let engine: Engine;
let talk: Talk;
const configBefore = process.env.REELSMITH_CONFIG_DIR;

beforeAll(async () => {
  talk = (await ensureTalks(90, ['quiet-noise']))['quiet-noise'];
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-analyze-audio-cli-'));
  // `analyze speech` starts an inference host of its own, which keeps its settings in the config folder.
  process.env.REELSMITH_CONFIG_DIR = path.join(root, 'config');
  engine = createEngine({ shell: 'cli', configDir: path.join(root, 'config'), projectsDir: root });
}, 120_000);
afterAll(async () => {
  if (configBefore === undefined) delete process.env.REELSMITH_CONFIG_DIR;
  else process.env.REELSMITH_CONFIG_DIR = configBefore;
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(engine, root, argv);

describe('reelsmith analyze speech | loudness | silence', () => {
  it('prints the speech segments as JSON, through the inference host', async () => {
    const run = await cli('analyze', 'speech', talk.path, '--json');
    expect(run.code).toBe(0);
    const segments = JSON.parse(run.stdout) as { start: number; end: number; confidence: number }[];
    expect(segments[0]).toEqual({ start: expect.any(Number), end: expect.any(Number), confidence: expect.any(Number) });
    const score = scoreSpeech(talk.speech, segments.map((s) => [s.start, s.end]), talk.durationSeconds);
    expect(score.speechKept).toBeGreaterThanOrEqual(0.99);
    expect(score.pausesDetected).toBeGreaterThanOrEqual(0.95);
  }, 60_000);

  it('prints the loudness for people', async () => {
    const run = await cli('analyze', 'loudness', talk.path);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Integrated +-\d+\.\d LUFS\nRange +\d+\.\d LU\nTrue peak +-?\d+\.\d dBTP/);
  }, 60_000);

  it('prints silent ranges for a threshold in percent or dB, and needs one', async () => {
    const percent = JSON.parse((await cli('analyze', 'silence', talk.path, '--threshold', '4%', '--json')).stdout) as { start: number; end: number }[];
    expect(percent.length).toBeGreaterThan(5);
    expect(percent[0]).toEqual({ start: 0, end: expect.any(Number) });
    const decibels = await cli('analyze', 'silence', talk.path, '--threshold=-30dB');
    expect(decibels.stdout).toMatch(/\d+ silent ranges, [\d.]+ % of 1:27\.\d{3} \(30 frames a second\)/);
    expect(await cli('analyze', 'silence', talk.path)).toMatchObject({ code: 2, stderr: expect.stringMatching(/--threshold/) });
    expect((await cli('analyze', 'silence', talk.path, '--threshold', 'loud')).code).toBe(2);
  }, 60_000);

  it('says which audio tracks a file has when asked for one it lacks', async () => {
    const run = await cli('analyze', 'loudness', talk.path, '--track', '3');
    expect(run).toMatchObject({ code: 1, stderr: expect.stringMatching(/1 audio stream; there is no stream 3/) });
  });
});
