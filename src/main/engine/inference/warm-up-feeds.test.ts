import { describe, expect, it } from 'vitest';
import type { ModelEntry } from '../../../shared/models/manifest';
import { warmUpFeeds } from './warm-up-feeds';

const common = { name: 'M', file: 'm.onnx', bytes: 1, sha256: '0'.repeat(64), license: 'MIT', source: 'test' };

describe('warmUpFeeds', () => {
  it('sizes an image model’s free dimensions to one tile and its batch to one', () => {
    const entry: ModelEntry = {
      ...common,
      id: 'upscaler',
      task: 'image-to-image',
      layout: 'nhwc',
      scale: 2,
      tileSize: 64,
      tileOverlap: 8,
      inputs: [{ name: 'image', dtype: 'float32', shape: ['batch', 'height', 'width', 3] }],
      outputs: [{ name: 'out', dtype: 'float32', shape: ['batch', 'h2', 'w2', 3] }],
    };
    const feeds = warmUpFeeds(entry);
    expect(feeds.image?.dims).toEqual([1, 64, 64, 3]);
    expect(feeds.image?.data.length).toBe(64 * 64 * 3);
  });

  it('gives an audio model its sample rate as the scalar rate input', () => {
    const entry: ModelEntry = {
      ...common,
      id: 'vad',
      task: 'audio-frame-classifier',
      sampleRate: 16000,
      frameSamples: 512,
      contextSamples: 64,
      inputs: [
        { name: 'input', dtype: 'float32', shape: [1, 576] },
        { name: 'sr', dtype: 'int64', shape: [] },
      ],
      outputs: [{ name: 'output', dtype: 'float32', shape: [1, 1] }],
    };
    const feeds = warmUpFeeds(entry);
    expect(feeds.input?.dims).toEqual([1, 576]);
    expect(feeds.sr).toEqual({ type: 'int64', data: new BigInt64Array([16000n]), dims: [] });
  });
});
