import { describe, expect, it } from 'vitest';
import { layoutTrack } from './layout';

describe('track layout', () => {
  it('fills gaps before, between and after segments', () => {
    const pieces = layoutTrack(
      [
        { timelineStart: 10, duration: 20 },
        { timelineStart: 30, duration: 5 },
        { timelineStart: 50, duration: 10 },
      ],
      70,
    );
    expect(pieces).toEqual([
      { kind: 'gap', start: 0, length: 10 },
      { kind: 'clip', start: 10, length: 20, from: { segment: 0, offset: 0 } },
      { kind: 'clip', start: 30, length: 5, from: { segment: 1, offset: 0 } },
      { kind: 'gap', start: 35, length: 15 },
      { kind: 'clip', start: 50, length: 10, from: { segment: 2, offset: 0 } },
      { kind: 'gap', start: 60, length: 10 },
    ]);
  });

  it('mixes the end of one segment with the start of the next over a crossfade', () => {
    const pieces = layoutTrack(
      [
        { timelineStart: 0, duration: 30 },
        { timelineStart: 20, duration: 30, transitionIn: { frames: 10 } },
        { timelineStart: 45, duration: 10, transitionIn: { frames: 5 } },
      ],
      55,
    );
    expect(pieces).toEqual([
      { kind: 'clip', start: 0, length: 20, from: { segment: 0, offset: 0 } },
      { kind: 'crossfade', start: 20, length: 10, from: { segment: 0, offset: 20 }, to: { segment: 1, offset: 0 } },
      { kind: 'clip', start: 30, length: 15, from: { segment: 1, offset: 10 } },
      { kind: 'crossfade', start: 45, length: 5, from: { segment: 1, offset: 25 }, to: { segment: 2, offset: 0 } },
      { kind: 'clip', start: 50, length: 5, from: { segment: 2, offset: 5 } },
    ]);
  });

  it('leaves out the body of a segment that is all transition', () => {
    const pieces = layoutTrack(
      [
        { timelineStart: 0, duration: 10 },
        { timelineStart: 5, duration: 10, transitionIn: { frames: 5 } },
        { timelineStart: 10, duration: 10, transitionIn: { frames: 5 } },
      ],
      20,
    );
    expect(pieces.map((p) => p.kind)).toEqual(['clip', 'crossfade', 'crossfade', 'clip']);
  });

  it('adds up to the whole track, piece after piece', () => {
    const pieces = layoutTrack(
      [
        { timelineStart: 3, duration: 40 },
        { timelineStart: 33, duration: 12, transitionIn: { frames: 10 } },
        { timelineStart: 47, duration: 1 },
      ],
      100,
    );
    let cursor = 0;
    for (const piece of pieces) {
      expect(piece.start).toBe(cursor);
      cursor += piece.length;
    }
    expect(cursor).toBe(100);
  });

  it('is one gap when the track is empty', () => {
    expect(layoutTrack([], 25)).toEqual([{ kind: 'gap', start: 0, length: 25 }]);
  });
});
