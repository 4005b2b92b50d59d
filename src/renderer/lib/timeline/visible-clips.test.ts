import { describe, expect, it } from 'vitest';
import type { VideoClip } from '../../../shared/timeline/timeline';
import { clipsInRange } from './visible-clips';

function clip(start: number, duration: number): VideoClip {
  return { kind: 'video', id: `c${start}`, assetId: 'a', start, duration, sourceIn: 0, volume: 1 };
}

describe('clipsInRange', () => {
  const clips = [clip(0, 10), clip(10, 10), clip(25, 5), clip(40, 20)];

  it('keeps clips that overlap the range, touching ends excluded', () => {
    expect(clipsInRange(clips, { first: 10, end: 26 }).map((c) => c.start)).toEqual([10, 25]);
    expect(clipsInRange(clips, { first: 20, end: 25 })).toEqual([]);
    expect(clipsInRange(clips, { first: 45, end: 46 }).map((c) => c.start)).toEqual([40]);
  });

  it('finds a few among many quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => clip(i * 10, 10));
    const started = performance.now();
    for (let i = 0; i < 1000; i += 1) clipsInRange(many, { first: 500_000, end: 500_100 });
    expect(clipsInRange(many, { first: 500_000, end: 500_100 })).toHaveLength(10);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('handles an empty track', () => {
    expect(clipsInRange([], { first: 0, end: 100 })).toEqual([]);
  });
});
