import { describe, expect, it } from 'vitest';
import type { AudioFrameClassifierModel } from '../../inference/models/silero-vad';
import { atLowestRate, atSampleRate } from './model-rate';

const silero = {
  id: 'silero-vad-v5',
  name: 'Silero VAD v5',
  task: 'audio-frame-classifier',
  file: 'silero-vad-v5.onnx',
  bytes: 1,
  sha256: '0'.repeat(64),
  license: 'MIT',
  source: 'test',
  inputs: [{ name: 'input', dtype: 'float32', shape: [1, 576] }],
  outputs: [{ name: 'output', dtype: 'float32', shape: [1, 1] }],
  sampleRate: 16000,
  frameSamples: 512,
  contextSamples: 64,
  otherRates: [{ sampleRate: 8000, frameSamples: 256, contextSamples: 32 }],
} satisfies AudioFrameClassifierModel;

describe('model rates', () => {
  it('describes the model at another rate it takes, with that rate’s frame and context', () => {
    expect(atSampleRate(silero, 8000)).toMatchObject({ id: 'silero-vad-v5', sampleRate: 8000, frameSamples: 256, contextSamples: 32 });
    expect(atSampleRate(silero, 16000)).toBe(silero);
  });

  it('refuses a rate the model does not take, naming those it does', () => {
    expect(() => atSampleRate(silero, 44100)).toThrow(/16000 or 8000 Hz, not 44100 Hz/);
  });

  it('picks the lowest rate, or the model’s own when it has no other', () => {
    expect(atLowestRate(silero).sampleRate).toBe(8000);
    const only16k = { ...silero, otherRates: [] };
    expect(atLowestRate(only16k)).toBe(only16k);
  });
});
