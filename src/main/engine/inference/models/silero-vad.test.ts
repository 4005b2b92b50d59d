import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveFeeds } from '../framed-file-feed';
import type { ModelRunner, TensorData, TensorMap } from '../tensor';
import { OnnxDirectRunner, bundledModel, readBundledManifest } from './onnx-direct-runner';
import { SileroVad } from './silero-vad';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../test/fixtures/models');
const model = bundledModel('silero-vad-v5', 'audio-frame-classifier');

/** The samples of a 16-bit PCM mono WAV file, in [-1, 1]. */
function readWavSamples(file: string): Float32Array {
  const wav = readFileSync(file);
  let pos = 12;
  while (wav.toString('ascii', pos, pos + 4) !== 'data') pos += 8 + wav.readUInt32LE(pos + 4);
  const bytes = wav.readUInt32LE(pos + 4);
  return Float32Array.from({ length: bytes / 2 }, (_, i) => wav.readInt16LE(pos + 8 + i * 2) / 32768);
}

/** Quiet white noise (about -55 dBFS RMS) from a fixed seed. */
function quietNoise(length: number): Float32Array {
  let seed = 1;
  return Float32Array.from({ length }, () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return (seed / 2 ** 32 - 0.5) * 0.006;
  });
}

function floats(tensor: TensorData | undefined): Float32Array {
  if (tensor?.type !== 'float32') throw new Error('expected a float32 tensor');
  return tensor.data;
}

const rms = (samples: Float32Array): number => Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
const mean = (values: ArrayLike<number>): number => Array.from(values).reduce((sum, v) => sum + v, 0) / values.length;

describe('SileroVad with the bundled model', () => {
  const runner = new OnnxDirectRunner(readBundledManifest());
  afterAll(() => runner.release());
  const speech = readWavSamples(path.join(FIXTURES, 'speech-16k.wav'));
  const silence = new Float32Array(16000);
  const noise = quietNoise(16000);
  // Frame-aligned sections: 1 s of silence, the sentence, 1 s of quiet noise.
  const speechStart = silence.length;
  const noiseStart = speechStart + Math.ceil(speech.length / 512) * 512;
  const stream = new Float32Array(noiseStart + noise.length);
  stream.set(speech, speechStart);
  stream.set(noise, noiseStart);

  it('gives high probabilities on speech and near zero on silence and quiet noise', async () => {
    const vad = new SileroVad(runner, model);
    const probabilities: number[] = [];
    // Chunks of an awkward size, as audio arrives from a decoder.
    for (let at = 0; at < stream.length; at += 1000) probabilities.push(...(await vad.push(stream.subarray(at, at + 1000))));
    expect(probabilities.length).toBe(Math.floor(stream.length / 512));

    const frameOf = (sample: number): number => sample / 512;
    const isVoiced = (f: number): boolean => rms(stream.subarray(f * 512, (f + 1) * 512)) > 0.02;
    const voiced = probabilities.filter((_, f) => f >= frameOf(speechStart) && f < frameOf(noiseStart) && isVoiced(f));
    expect(voiced.length).toBeGreaterThan(40);
    expect(mean(voiced)).toBeGreaterThan(0.85); // measured 0.94
    const onSilence = probabilities.slice(0, frameOf(speechStart));
    expect(mean(onSilence)).toBeLessThan(0.02);
    expect(Math.max(...onSilence)).toBeLessThan(0.05);
    // The model needs a moment to decay after speech, so the noise is judged from its second quarter on.
    const onNoise = probabilities.slice(frameOf(noiseStart) + 8);
    expect(mean(onNoise)).toBeLessThan(0.05);
  });

  it('gives exactly what the model contract gives: 64 context samples + 512 new, state carried', async () => {
    const vad = new SileroVad(runner, model);
    const fromAdapter = await vad.push(speech.subarray(0, 512 * 20));
    let state: Float32Array = new Float32Array(2 * 128);
    for (let f = 0; f < 20; f++) {
      const input = new Float32Array(576);
      if (f > 0) input.set(speech.subarray(f * 512 - 64, f * 512));
      input.set(speech.subarray(f * 512, (f + 1) * 512), 64);
      const out = await runner.run(model.id, {
        input: { type: 'float32', data: input, dims: [1, 1, 576] },
        state: { type: 'float32', data: state, dims: [2, 1, 128] },
        sr: { type: 'int64', data: BigInt64Array.of(16000n), dims: [] },
      });
      const probability = out['output'];
      const nextState = out['stateN'];
      if (probability?.type !== 'float32' || nextState?.type !== 'float32') throw new Error('unexpected output types');
      expect(fromAdapter[f]).toBe(probability.data[0]);
      state = nextState.data;
    }
  });

  it('runs the frames of each row as a sequence in one call, as frame-by-frame calls carrying the state would', async () => {
    const frames = 40;
    const rows = [speech, speech.subarray(512 * 7)];
    const byFrame = await Promise.all(rows.map((row) => new SileroVad(runner, model).push(row.subarray(0, 512 * frames))));
    const input = new Float32Array(rows.length * frames * 576);
    rows.forEach((row, r) => {
      for (let f = 0; f < frames; f++) {
        const at = (r * frames + f) * 576;
        if (f > 0) input.set(row.subarray(f * 512 - 64, f * 512), at);
        input.set(row.subarray(f * 512, (f + 1) * 512), at + 64);
      }
    });
    const out = await runner.run(model.id, {
      input: { type: 'float32', data: input, dims: [rows.length, frames, 576] },
      state: { type: 'float32', data: new Float32Array(2 * rows.length * 128), dims: [2, rows.length, 128] },
      sr: { type: 'int64', data: BigInt64Array.of(16000n), dims: [] },
    });
    const probability = out['output'];
    if (probability?.type !== 'float32') throw new Error('unexpected output type');
    expect(probability.dims).toEqual([rows.length, frames]);
    rows.forEach((_, r) => {
      const sequence = probability.data.subarray(r * frames, (r + 1) * frames);
      for (let f = 0; f < frames; f++) expect(Math.abs(sequence[f]! - byFrame[r]![f]!)).toBeLessThan(1e-5);
    });
    // The rows differ, so a mix-up of rows and steps would show.
    expect(Math.max(...byFrame[0]!.map((p, f) => Math.abs(p - byFrame[1]![f]!)))).toBeGreaterThan(0.3);
  });
});

describe('SileroVad call contract', () => {
  /** A runner that records the feeds and answers with the frame's first new sample as probability, state + 1. */
  function recordingRunner(calls: TensorMap[]): ModelRunner {
    return {
      async run(_id, feedMap) {
        const feeds = resolveFeeds(feedMap);
        calls.push(feeds);
        const input = feeds['input'];
        const state = feeds['state'];
        if (input?.type !== 'float32' || state?.type !== 'float32') throw new Error('unexpected feeds');
        return {
          output: { type: 'float32', data: Float32Array.of(input.data[64] ?? 0), dims: [1, 1] },
          stateN: { type: 'float32', data: state.data.map((v) => v + 1), dims: state.dims },
        };
      },
    };
  }
  const ramp = Float32Array.from({ length: 512 * 3 + 100 }, (_, i) => i / 10000);

  it('sends the previous frame’s last 64 samples, then 512 new ones, with the state it got back', async () => {
    const calls: TensorMap[] = [];
    const vad = new SileroVad(recordingRunner(calls), model);
    const probabilities = await vad.push(ramp);
    expect(Array.from(probabilities)).toEqual([0, 512, 1024].map((i) => ramp[i]));
    expect(calls.length).toBe(3);
    calls.forEach((feeds, f) => {
      const input = feeds['input'];
      const state = feeds['state'];
      const sampleRate = feeds['sr'];
      expect(input?.dims).toEqual([1, 1, 576]);
      const expected = new Float32Array(576);
      if (f > 0) expected.set(ramp.subarray(f * 512 - 64, f * 512));
      expected.set(ramp.subarray(f * 512, (f + 1) * 512), 64);
      expect(input?.data).toEqual(expected);
      expect(state?.dims).toEqual([2, 1, 128]);
      expect(floats(state).every((v) => v === f)).toBe(true);
      expect(sampleRate).toEqual({ type: 'int64', data: BigInt64Array.of(16000n), dims: [] });
    });
  });

  it('does not depend on how the samples are chunked', async () => {
    const whole = await new SileroVad(recordingRunner([]), model).push(ramp);
    const vad = new SileroVad(recordingRunner([]), model);
    const pieces = [1, 63, 448, 0, 700, 424];
    const chunked: number[] = [];
    let at = 0;
    expect(pieces.reduce((sum, size) => sum + size)).toBe(ramp.length);
    for (const size of pieces) {
      chunked.push(...(await vad.push(ramp.subarray(at, at + size))));
      at += size;
    }
    expect(chunked).toEqual(Array.from(whole));
  });

  it('starts over after reset, and flushes a last partial frame padded with silence', async () => {
    const calls: TensorMap[] = [];
    const vad = new SileroVad(recordingRunner(calls), model);
    await vad.push(ramp);
    await vad.reset();
    expect(Array.from(await vad.push(ramp.subarray(0, 600)))).toEqual([ramp[0]]);
    const afterReset = calls[3];
    expect(floats(afterReset?.['input']).subarray(0, 64)).toEqual(new Float32Array(64));
    expect(floats(afterReset?.['state']).every((v) => v === 0)).toBe(true);

    expect(Array.from(await vad.flush())).toEqual([ramp[512]]);
    const flushed = floats(calls[4]?.['input']);
    expect(flushed.subarray(64, 64 + 88)).toEqual(ramp.subarray(512, 600));
    expect(flushed.subarray(64 + 88)).toEqual(new Float32Array(512 - 88));
    expect((await vad.flush()).length).toBe(0);
  });
});
