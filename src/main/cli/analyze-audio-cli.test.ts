import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTalks, scoreSpeech, type Talk } from '../../../test/media/talks';
import { openCliSandbox, type CliSandbox } from '../../../test/support/cli-sandbox';

let sandbox: CliSandbox;
let talk: Talk;

beforeAll(async () => {
  talk = (await ensureTalks(90, ['quiet-noise']))['quiet-noise'];
  sandbox = await openCliSandbox('analyze-audio-cli');
}, 120_000);
afterAll(() => sandbox?.close());

const cli = (...argv: string[]) => sandbox.cli(...argv);

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
