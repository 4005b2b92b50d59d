import { describe, expect, it } from 'vitest';
import type { VideoClip } from '../../../shared/timeline/timeline';
import { clipAtFrame, clipsInRange, drawAsDense } from './visible-clips';

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

  it('finds a few among many', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => clip(i * 10, 10));
    expect(clipsInRange(many, { first: 500_000, end: 500_100 }).map((c) => c.start)).toEqual(
      Array.from({ length: 10 }, (_, i) => 500_000 + i * 10),
    );
  });

  it('handles an empty track', () => {
    expect(clipsInRange([], { first: 0, end: 100 })).toEqual([]);
  });
});

describe('drawing dense tracks', () => {
  it('draws many clips a few pixels wide as one picture, and few or wide clips as elements', () => {
    expect(drawAsDense(2000, 60_000, 0.05)).toBe(true);
    expect(drawAsDense(2000, 60_000, 2)).toBe(false);
    expect(drawAsDense(40, 1_200, 0.05)).toBe(false);
  });

  it('finds the clip under a frame for a click on the picture', () => {
    const clips = [clip(0, 10), clip(10, 10), clip(25, 5)];
    expect(clipAtFrame(clips, 12)?.start).toBe(10);
    expect(clipAtFrame(clips, 22)).toBeNull();
  });
});
