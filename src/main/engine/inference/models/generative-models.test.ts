import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { TensorMap } from '../tensor';
import { OnnxDirectRunner, bundledModel, readBundledManifest } from './onnx-direct-runner';

/** The emoji GAN and VAE trained by scripts/generative: determinism, shapes, ranges, and agreement with PyTorch. */

const REFERENCE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../scripts/generative/onnx-reference.json');

interface ReferenceTensor {
  dims: number[];
  data: number[];
  stride?: number;
  fromModel?: string;
}
type Reference = Record<string, { inputs: Record<string, ReferenceTensor>; outputs: Record<string, ReferenceTensor> }>;
const reference = JSON.parse(readFileSync(REFERENCE, 'utf8')) as Reference;

const runner = new OnnxDirectRunner(readBundledManifest());
afterAll(() => runner.release());

/** Standard normal values from a seed (mulberry32 + Box–Muller): the same seed gives the same latent. */
function normalLatents(seed: number, count: number): Float32Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    out[i] = radius * Math.cos(angle);
    if (i + 1 < count) out[i + 1] = radius * Math.sin(angle);
  }
  return out;
}

function feeds(latentSize: number, classCount: number, seed: number, classIndex: number, batch: number): TensorMap {
  const onehot = new Float32Array(batch * classCount);
  for (let b = 0; b < batch; b++) onehot[b * classCount + classIndex] = 1;
  return {
    latent: { type: 'float32', data: normalLatents(seed, batch * latentSize), dims: [batch, latentSize] },
    class: { type: 'float32', data: onehot, dims: [batch, classCount] },
  };
}

function floats(map: TensorMap, name: string): Float32Array {
  const tensor = map[name];
  if (tensor?.type !== 'float32') throw new Error(`no float32 output ${name}`);
  return tensor.data;
}

const bytesOf = (data: Float32Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

describe.each(['emoji-gan-32', 'emoji-vae-32-decoder'])('%s', (id) => {
  const model = bundledModel(id, 'image-generator');
  const classes = model.classes ?? [];

  it('is described as a 32×32 NCHW class-conditional generator with outputs in [-1, 1]', () => {
    expect(model).toMatchObject({ layout: 'nchw', latentSize: 64, imageSize: 32 });
    expect(classes).toHaveLength(8);
    expect(model.outputs[0]).toMatchObject({ name: 'image', shape: ['batch', 4, 32, 32], range: [-1, 1] });
  });

  it('gives the same bytes for the same seed and different images for different seeds', async () => {
    const run = async (seed: number) => floats(await runner.run(id, feeds(model.latentSize, classes.length, seed, 2, 4)), 'image');
    const first = await run(7);
    const again = await run(7);
    const other = await run(8);
    expect(bytesOf(again).equals(bytesOf(first))).toBe(true);
    let difference = 0;
    for (let i = 0; i < first.length; i++) difference += Math.abs((first[i] ?? 0) - (other[i] ?? 0));
    expect(difference / first.length).toBeGreaterThan(0.01);
  });

  it('outputs [batch, 4, 32, 32] finite values inside [-1, 1] that are not a flat image', async () => {
    const out = await runner.run(id, feeds(model.latentSize, classes.length, 1, 0, 3));
    expect(out.image?.dims).toEqual([3, 4, 32, 32]);
    const image = floats(out, 'image');
    let sum = 0;
    let squares = 0;
    let outside = 0;
    for (const v of image) {
      if (!(Number.isFinite(v) && v >= -1 && v <= 1)) outside++;
      sum += v;
      squares += v * v;
    }
    expect(outside).toBe(0);
    const mean = sum / image.length;
    expect(Math.sqrt(squares / image.length - mean * mean)).toBeGreaterThan(0.1);
  });
});

describe('the exported models compute what PyTorch computed at export', () => {
  it.each(Object.keys(reference))('%s', async (id) => {
    const ref = reference[id];
    if (!ref) throw new Error(`no reference for ${id}`);
    const inputs: TensorMap = {};
    for (const [name, tensor] of Object.entries(ref.inputs)) {
      if (tensor.fromModel) {
        const source = reference[tensor.fromModel];
        if (!source) throw new Error(`no reference for ${tensor.fromModel}`);
        const upstream: TensorMap = {};
        for (const [n, t] of Object.entries(source.inputs)) upstream[n] = { type: 'float32', data: Float32Array.from(t.data), dims: t.dims };
        const produced = (await runner.run(tensor.fromModel, upstream))[name];
        if (!produced) throw new Error(`${tensor.fromModel} has no output ${name}`);
        inputs[name] = produced;
      } else {
        inputs[name] = { type: 'float32', data: Float32Array.from(tensor.data), dims: tensor.dims };
      }
    }
    const outputs = await runner.run(id, inputs);
    for (const [name, expected] of Object.entries(ref.outputs)) {
      expect(outputs[name]?.dims).toEqual(expected.dims);
      const got = floats(outputs, name);
      const stride = expected.stride ?? 1;
      expected.data.forEach((value, i) => expect(Math.abs((got[i * stride] ?? NaN) - value)).toBeLessThan(1e-3));
    }
  });
});

describe('emoji-vae-32-encoder', () => {
  const encoder = bundledModel('emoji-vae-32-encoder', 'image-encoder');

  it('maps [batch, 4, 32, 32] images to a mean and a log-variance of the decoder’s latent size', async () => {
    const decoder = bundledModel('emoji-vae-32-decoder', 'image-generator');
    expect(encoder).toMatchObject({ layout: 'nchw', imageSize: 32, latentSize: decoder.latentSize, decoder: decoder.id });
    const images = await runner.run(decoder.id, feeds(decoder.latentSize, 8, 3, 5, 2));
    if (!images.image) throw new Error('the decoder gave no image');
    const out = await runner.run(encoder.id, { image: images.image });
    for (const name of ['mean', 'logvar']) {
      expect(out[name]?.dims).toEqual([2, encoder.latentSize]);
      expect(floats(out, name).every(Number.isFinite)).toBe(true);
    }
  });
});
