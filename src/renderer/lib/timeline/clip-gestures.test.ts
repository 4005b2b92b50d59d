import { describe, expect, it } from 'vitest';
import { snapTargets } from '../../../shared/timeline/snapping';
import { newTimeline, type ImageClip, type VideoClip } from '../../../shared/timeline/timeline';
import {
  groupMoves,
  landMove,
  landTrim,
  snapThresholdFrames,
  trimBounds,
  trimmedSpan,
  type TrimContext,
} from './clip-gestures';

const clip: VideoClip = { kind: 'video', id: 'c', assetId: 'a', start: 100, duration: 50, sourceIn: 20, volume: 1 };
const plain: TrimContext = { sourceFrames: 200, previousEnd: 90, nextStart: 170, ripple: false };

describe('snap threshold', () => {
  it('is 8 px in frames, at least one', () => {
    expect(snapThresholdFrames(1)).toBe(8);
    expect(snapThresholdFrames(0.1)).toBe(80);
    expect(snapThresholdFrames(40)).toBe(1);
  });
});

describe('landMove', () => {
  const timeline = newTimeline();
  timeline.markers.push({ id: 'm', frame: 300, label: '', colour: 'red' });
  const targets = snapTargets(timeline, { playhead: 205 });

  it('moves by the delta without snapping when nothing is near', () => {
    expect(landMove(clip, 20, targets, 3)).toEqual({ frame: 120, target: null });
    expect(landMove(clip, -500, null, 3).frame).toBe(0);
  });

  it('snaps either edge to the nearest target', () => {
    expect(landMove(clip, 103, targets, 5)).toMatchObject({ frame: 205, target: { kind: 'playhead' } });
    // The end (at 148 + 100 = 248 + 50) reaches the marker at 300 from 298.
    expect(landMove(clip, 148, targets, 5)).toMatchObject({ frame: 250, target: { kind: 'marker' } });
  });
});

describe('trim', () => {
  it('keeps the edge within the media, the neighbours and one frame of clip', () => {
    expect(trimBounds(clip, 'in', plain)).toEqual({ min: 90, max: 149 });
    expect(trimBounds(clip, 'in', { ...plain, previousEnd: null })).toEqual({ min: 80, max: 149 });
    expect(trimBounds(clip, 'out', plain)).toEqual({ min: 101, max: 170 });
    expect(trimBounds(clip, 'out', { ...plain, nextStart: null })).toEqual({ min: 101, max: 280 });
  });

  it('lets a ripple trim pass the neighbours', () => {
    expect(trimBounds(clip, 'out', { ...plain, ripple: true }).max).toBe(280);
    expect(trimBounds(clip, 'in', { ...plain, ripple: true }).min).toBe(80);
  });

  it('leaves images unbounded by media', () => {
    const image: ImageClip = { kind: 'image', id: 'i', assetId: 'a', start: 10, duration: 5 };
    const bounds = trimBounds(image, 'out', { sourceFrames: null, previousEnd: null, nextStart: null, ripple: false });
    expect(bounds.max).toBeGreaterThan(1e6);
    expect(trimBounds(image, 'in', { sourceFrames: null, previousEnd: null, nextStart: null, ripple: false }).min).toBe(0);
  });

  it('snaps, then clamps', () => {
    const targets = snapTargets(newTimeline(), { playhead: 160 });
    expect(landTrim(clip, 'out', 158, plain, targets, 3)).toMatchObject({ frame: 160, target: { kind: 'playhead' } });
    expect(landTrim(clip, 'out', 400, plain, targets, 3)).toEqual({ frame: 170, target: null });
    expect(landTrim(clip, 'in', 10, plain, null, 3)).toEqual({ frame: 90, target: null });
  });

  it('gives the ghost span', () => {
    expect(trimmedSpan(clip, 'in', 110, false)).toEqual({ start: 110, duration: 40 });
    expect(trimmedSpan(clip, 'in', 110, true)).toEqual({ start: 100, duration: 40 });
    expect(trimmedSpan(clip, 'out', 160, false)).toEqual({ start: 100, duration: 60 });
  });
});

describe('groupMoves', () => {
  const group = [
    { clip: { id: 'a', start: 10 }, trackId: 'v1' },
    { clip: { id: 'b', start: 40 }, trackId: 'a1' },
  ];

  it('moves every clip by the same amount, each on its own track', () => {
    expect(groupMoves(group, 5)).toEqual([
      { clipId: 'a', trackId: 'v1', start: 15 },
      { clipId: 'b', trackId: 'a1', start: 45 },
    ]);
  });

  it('stops the earliest clip at the sequence start', () => {
    expect(groupMoves(group, -30).map((m) => m.start)).toEqual([0, 30]);
  });
});
