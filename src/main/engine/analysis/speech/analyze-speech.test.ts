import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTalks, scoreSpeech, TALK_VARIANTS, type Talk, type TalkVariant, complementRanges } from '../../../../../test/media/talks';
import { OnnxDirectRunner, bundledModel, readBundledManifest } from '../../inference/models/onnx-direct-runner';
import { analyzeSilence } from '../loudness/analyze-silence';
import { analyzeSpeech } from './analyze-speech';

/**
 * Voice activity on generated talks with known speech (test/media/talks.ts), with the bundled Silero VAD run
 * in-process. The targets are issue 7's: every talk keeps ≥ 99 % of its speech; pauses (beyond 0.25 s of speech) are
 * found ≥ 95 % clean and ≥ 90 % under loud noise and music, where a loudness threshold finds almost none.
 */

const model = bundledModel('silero-vad-v5', 'audio-frame-classifier');
const runner = new OnnxDirectRunner(readBundledManifest());
afterAll(() => runner.release());

const PAUSE_TARGET: Record<TalkVariant, number> = { clean: 0.95, 'quiet-noise': 0.95, 'loud-noise-music': 0.9 };
let talks: Record<TalkVariant, Talk>;

beforeAll(async () => {
  talks = await ensureTalks(90);
}, 120_000);

function ranges(segments: readonly { start: number; end: number }[]): [number, number][] {
  return segments.map((s) => [s.start, s.end]);
}

describe('analyzeSpeech on generated talks', () => {
  // 8 kHz is what the app runs (the model's lowest rate); 16 kHz, its native rate, must meet the targets too.
  for (const variant of TALK_VARIANTS) for (const sampleRate of [undefined, 16000]) {
    it(`keeps every word and finds the pauses of the ${variant} talk at ${sampleRate ?? 8000} Hz`, async () => {
      const talk = talks[variant];
      const analysis = await analyzeSpeech(talk.path, {}, runner, { model, sampleRate });
      const score = scoreSpeech(talk.speech, ranges(analysis.segments), talk.durationSeconds);
      console.log(`${variant} at ${analysis.sampleRate} Hz: speech kept ${score.speechKept.toFixed(4)}, pauses detected ${score.pausesDetected.toFixed(4)}, ${analysis.segments.length} segments`);
      expect(analysis.sampleRate).toBe(sampleRate ?? 8000);
      expect(analysis.duration).toBeCloseTo(talk.durationSeconds, 2);
      expect(score.speechKept).toBeGreaterThanOrEqual(0.99);
      expect(score.pausesDetected).toBeGreaterThanOrEqual(PAUSE_TARGET[variant]);
    }, 60_000);
  }

  it('finds the pauses under music that a loudness threshold keeps', async () => {
    const talk = talks['loud-noise-music'];
    const silence = await analyzeSilence(talk.path, { threshold: 0.04 });
    const loud = complementRanges(ranges(silence.silent), talk.durationSeconds);
    const threshold = scoreSpeech(talk.speech, loud, talk.durationSeconds);
    const voice = scoreSpeech(talk.speech, ranges((await analyzeSpeech(talk.path, {}, runner, { model })).segments), talk.durationSeconds);
    console.log(`loud-noise-music, 4% threshold: speech kept ${threshold.speechKept.toFixed(4)}, pauses detected ${threshold.pausesDetected.toFixed(4)}`);
    expect(threshold.pausesDetected).toBeLessThan(0.05);
    expect(voice.pausesDetected - threshold.pausesDetected).toBeGreaterThan(0.85);
  }, 60_000);

  it('gives the same segments however many lanes run the parts, and however many frames a call', async () => {
    const talk = talks['loud-noise-music'];
    // Parts of about ten seconds, so the talk has several.
    const splits = { spacingFrames: 300 };
    const batched = await analyzeSpeech(talk.path, {}, runner, { model, splits });
    const oneLane = await analyzeSpeech(talk.path, {}, runner, { model, splits, maxLanes: 1 });
    const twoLanes = await analyzeSpeech(talk.path, {}, runner, { model, splits, maxLanes: 2 });
    const frameByFrame = await analyzeSpeech(talk.path, {}, runner, { model, splits, stepFrames: 1 });
    const longSteps = await analyzeSpeech(talk.path, {}, runner, { model, splits, maxLanes: 3, stepFrames: 13 });
    expect(batched.segments.length).toBeGreaterThan(3);
    expect(oneLane.segments).toEqual(batched.segments);
    expect(twoLanes.segments).toEqual(batched.segments);
    expect(frameByFrame.segments).toEqual(batched.segments);
    expect(longSteps.segments).toEqual(batched.segments);
  }, 60_000);

  it('analyses the chosen audio stream, reports progress and stops when cancelled', async () => {
    const talk = talks.clean;
    const progress: number[] = [];
    const analysis = await analyzeSpeech(talk.path, {}, runner, { model, audioStream: 0, onProgress: (p) => progress.push(p) });
    expect(analysis.audioStream).toBe(0);
    expect(progress.at(-1)).toBe(1);
    expect(progress.every((p, i) => i === 0 || p >= progress[i - 1]!)).toBe(true);
    await expect(analyzeSpeech(talk.path, {}, runner, { model, audioStream: 1 })).rejects.toThrow(/no stream 1/);

    const controller = new AbortController();
    const cancelled = analyzeSpeech(talk.path, {}, runner, { model, signal: controller.signal, onProgress: (p) => p > 0.3 && controller.abort() });
    await expect(cancelled).rejects.toThrow();
  }, 60_000);
});

