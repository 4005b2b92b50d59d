import { describe, expect, it } from 'vitest';
import { QuietSplitter } from './quiet-splits';

const OPTIONS = { spacingFrames: 100, searchFrames: 20, quietFrames: 4 };

function splitsOf(energies: Float32Array, chunk = energies.length): number[] {
  const splitter = new QuietSplitter(OPTIONS);
  const splits: number[] = [];
  for (let at = 0; at < energies.length; at += chunk) splits.push(...splitter.push(energies.subarray(at, at + chunk)));
  return splits;
}

describe('QuietSplitter', () => {
  it('makes no split in a recording shorter than the spacing and its search', () => {
    expect(splitsOf(new Float32Array(121).fill(1))).toEqual([]);
    expect(splitsOf(new Float32Array(122).fill(1))).toEqual([100]);
  });

  it('spaces splits evenly over uniform sound', () => {
    expect(splitsOf(new Float32Array(400).fill(1))).toEqual([100, 200, 300]);
  });

  it('moves each split to the quietest stretch within reach', () => {
    const energies = new Float32Array(300).fill(1);
    energies.fill(0, 110, 116); // a pause near the first multiple (100)
    energies.fill(0, 185, 190); // and one near the second (200)
    energies.fill(0, 240, 260); // out of reach of both
    const [first, second] = splitsOf(energies);
    expect(first).toBeGreaterThanOrEqual(112);
    expect(first).toBeLessThanOrEqual(114);
    expect(second).toBeGreaterThanOrEqual(187);
    expect(second).toBeLessThanOrEqual(188);
  });

  it('decides the same splits however the energies arrive', () => {
    const energies = Float32Array.from({ length: 1000 }, (_, i) => Math.abs(Math.sin(i * 0.37)) + (i % 97 === 0 ? -1 : 0));
    const whole = splitsOf(energies);
    expect(whole.length).toBe(9);
    for (const chunk of [1, 7, 64, 333]) expect(splitsOf(energies, chunk)).toEqual(whole);
  });

  it('tells how early the next split can come, so a part can run up to there before its end is known', () => {
    const splitter = new QuietSplitter(OPTIONS);
    expect(splitter.nextSplitAtLeast).toBe(80);
    splitter.push(new Float32Array(150).fill(1));
    expect(splitter.nextSplitAtLeast).toBe(180);
  });
});
