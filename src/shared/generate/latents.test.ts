import { describe, expect, it } from 'vitest';
import { classVector, latentForSeed, loopLatents, morphLatents, morphPosition, slerp, smoothstep } from './latents';

describe('latents', () => {
  it('makes the same latent from the same seed, other ones from other seeds, and standard normal values', () => {
    expect(latentForSeed(7, 64)).toEqual(latentForSeed(7, 64));
    expect(latentForSeed(7, 64)).not.toEqual(latentForSeed(8, 64));
    const many = latentForSeed(1, 100_000);
    const mean = many.reduce((s, x) => s + x, 0) / many.length;
    const variance = many.reduce((s, x) => s + (x - mean) ** 2, 0) / many.length;
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(Math.abs(variance - 1)).toBeLessThan(0.03);
    const cooler = latentForSeed(7, 64, 0.5);
    expect(cooler[3]).toBeCloseTo(latentForSeed(7, 64)[3]! * 0.5, 5);
  });

  it('walks between two latents on the sphere, starting and ending on them', () => {
    const a = latentForSeed(1, 64);
    const b = latentForSeed(2, 64);
    expect(Array.from(slerp(a, b, 0))).toEqual(Array.from(a).map((x) => expect.closeTo(x, 5)));
    expect(Array.from(slerp(a, b, 1))).toEqual(Array.from(b).map((x) => expect.closeTo(x, 5)));
    const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    // Halfway keeps the length of a typical latent instead of shrinking towards the middle.
    expect(norm(slerp(a, b, 0.5))).toBeGreaterThan(0.9 * Math.min(norm(a), norm(b)));
  });

  it('loops back to where it started', () => {
    const keys = [1, 2, 3].map((seed) => latentForSeed(seed, 8));
    const frames = loopLatents(keys, 30);
    expect(frames).toHaveLength(30);
    expect(Array.from(frames[0]!)).toEqual(Array.from(keys[0]!).map((x) => expect.closeTo(x, 5)));
    expect(Array.from(frames[10]!)).toEqual(Array.from(keys[1]!).map((x) => expect.closeTo(x, 5)));
  });

  it('makes one-hot classes, chosen by the seed when not asked for', () => {
    expect(Array.from(classVector(4, 2, 1))).toEqual([0, 0, 1, 0]);
    expect(classVector(4, null, 5)).toEqual(classVector(4, null, 5));
    expect(Array.from(classVector(4, null, 5)).filter((x) => x === 1)).toHaveLength(1);
  });
});

describe('morphs', () => {
  const a = latentForSeed(1, 16);
  const b = latentForSeed(2, 16);
  const close = (v: Float32Array) => Array.from(v).map((x) => expect.closeTo(x, 5));

  it('goes there and back when ping-ponging, so the frame after the last is the first again', () => {
    const frames = morphLatents(a, b, 10, true);
    expect(frames).toHaveLength(10);
    expect(Array.from(frames[0]!)).toEqual(close(a));
    expect(Array.from(frames[5]!)).toEqual(close(b));
    expect(Array.from(frames[2]!)).toEqual(close(frames[8]!));
  });

  it('ends on the second latent otherwise', () => {
    const frames = morphLatents(a, b, 5, false);
    expect(Array.from(frames[0]!)).toEqual(close(a));
    expect(Array.from(frames[4]!)).toEqual(close(b));
    expect(morphLatents(a, b, 1, false)).toHaveLength(1);
  });

  it('eases in and out', () => {
    expect(morphPosition(3, 12, true)).toBeCloseTo(0.5);
    expect(morphPosition(9, 12, true)).toBeCloseTo(0.5);
    expect(smoothstep(0.5)).toBe(0.5);
    expect(smoothstep(0.1)).toBeLessThan(0.1);
    expect(smoothstep(0.9)).toBeGreaterThan(0.9);
  });
});
