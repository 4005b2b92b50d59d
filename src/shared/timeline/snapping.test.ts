import { describe, expect, it } from 'vitest';
import { timelineWith, videoClip, audioClip } from './fixtures';
import { snapFrame, snapSpan, snapTargets } from './snapping';

const timeline = {
  ...timelineWith({ video: [videoClip('a', 10, 20), videoClip('b', 40, 20)], audio: [audioClip('m', 0, 100)] }),
  markers: [{ id: 'beat', frame: 47, label: '', colour: 'blue' as const }],
};

describe('snapping', () => {
  it('gathers clip edges on every track, markers, the playhead and the start, in order', () => {
    expect(snapTargets(timeline, { playhead: 45, excludeClipIds: new Set(['m']) })).toEqual([
      { frame: 0, kind: 'sequence-start', id: null },
      { frame: 10, kind: 'clip-start', id: 'a' },
      { frame: 30, kind: 'clip-end', id: 'a' },
      { frame: 40, kind: 'clip-start', id: 'b' },
      { frame: 45, kind: 'playhead', id: null },
      { frame: 47, kind: 'marker', id: 'beat' },
      { frame: 60, kind: 'clip-end', id: 'b' },
    ]);
  });

  it('lands on the nearest target within the threshold, or stays put', () => {
    const targets = snapTargets(timeline, { playhead: 45 });
    expect(snapFrame(33, targets, 4)).toEqual({ frame: 30, target: { frame: 30, kind: 'clip-end', id: 'a' } });
    expect(snapFrame(35, targets, 4)).toEqual({ frame: 35, target: null });
    expect(snapFrame(46, targets, 4).target).toEqual({ frame: 45, kind: 'playhead', id: null });
  });

  it('prefers the playhead, then markers, then clip edges when they are equally near', () => {
    const targets = snapTargets(timeline, { playhead: 40 });
    expect(snapFrame(40, targets, 2).target?.kind).toBe('playhead');
    expect(snapFrame(100, snapTargets(timeline, { playhead: 98 }), 5).target).toEqual({ frame: 100, kind: 'clip-end', id: 'm' });
  });

  it('snaps a dragged clip by whichever edge is closer, keeping its length', () => {
    const targets = snapTargets(timeline, { excludeClipIds: new Set(['b', 'm']) });
    expect(snapSpan(13, 20, targets, 4)).toEqual({ start: 10, target: { frame: 10, kind: 'clip-start', id: 'a' }, edge: 'start' });
    expect(snapSpan(33, 20, targets, 4)).toEqual({ start: 30, target: { frame: 30, kind: 'clip-end', id: 'a' }, edge: 'start' });
    expect(snapSpan(25, 20, targets, 4)).toEqual({ start: 27, target: { frame: 47, kind: 'marker', id: 'beat' }, edge: 'end' });
    // Snapping its end to frame 10 would start the clip before the sequence does.
    expect(snapSpan(-8, 20, targets, 4)).toEqual({ start: -8, target: null, edge: null });
    expect(snapSpan(200, 20, targets, 4)).toEqual({ start: 200, target: null, edge: null });
  });
});
