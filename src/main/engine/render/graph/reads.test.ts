import { describe, expect, it } from 'vitest';
import { planTrackReads, readPosition, sameRead, SEEK_GAP_SECONDS, type ReadSegment, type ReadSource } from './reads';

const RATE = { num: 25, den: 1 };
const GAP = SEEK_GAP_SECONDS * 25;
/** A clip of unknown length. */
const clip = (): ReadSource => ({ still: false, duration: null });

function segments(...parts: [source: string, sourceStart: number, duration: number][]): ReadSegment[] {
  let timelineStart = 0;
  return parts.map(([source, sourceStart, duration]) => {
    const segment = { source, sourceStart, timelineStart, duration };
    timelineStart += duration;
    return segment;
  });
}

describe('source reads', () => {
  it('reads forward through a source once when its cuts skip only a little', () => {
    const plan = planTrackReads(segments(['a', 0, 10], ['a', 20, 10], ['a', 30 + GAP, 5]), RATE, clip);
    expect(plan.reads).toHaveLength(1);
    expect(plan.reads[0]).toMatchObject({ source: 'a', seek: 0, end: 35 + GAP });
    expect(plan.readOfSegment).toEqual([0, 0, 0]);
  });

  it('seeks a new input, a frame early, for a far jump or a step back', () => {
    const plan = planTrackReads(segments(['a', 0, 10], ['a', 11 + GAP, 10], ['a', 5, 10]), RATE, clip);
    expect(plan.reads.map((r) => [r.seek, r.end])).toEqual([
      [0, 10],
      [10 + GAP, 21 + GAP],
      [0, 15],
    ]);
    expect(plan.readOfSegment).toEqual([0, 1, 2]);
    expect(readPosition(plan.reads[1]!, plan.reads[1]!.segments[0]!, 3)).toBe(4);
  });

  it('seeks no later than two seconds before a source’s end, so a read past the end has frames to go on from', () => {
    const tenSeconds = (): ReadSource => ({ still: false, duration: 10 });
    // Frame 250 is the end: one read from frame 200 serves both cuts past it, another the cut in its last second.
    const plan = planTrackReads(segments(['a', 0, 10], ['a', 400, 10], ['a', 420, 5], ['a', 230, 10]), RATE, tenSeconds);
    expect(plan.reads.map((r) => [r.seek, r.end])).toEqual([
      [0, 10],
      [200, 425],
      [200, 240],
    ]);
    expect(plan.readOfSegment).toEqual([0, 1, 1, 2]);
    expect(readPosition(plan.reads[1]!, plan.reads[1]!.segments[1]!, 0)).toBe(220);
    // A source shorter than the margin is read from its start.
    expect(planTrackReads(segments(['a', 300, 10]), RATE, () => ({ still: false, duration: 1.5 })).reads[0]!.seek).toBe(0);
  });

  it('keeps reading each camera of an interleaved two-camera edit', () => {
    const plan = planTrackReads(segments(['a', 0, 10], ['b', 10, 10], ['a', 20, 10], ['b', 30, 10]), RATE, clip);
    expect(plan.reads.map((r) => r.source)).toEqual(['a', 'b']);
    expect(plan.readOfSegment).toEqual([0, 1, 0, 1]);
  });

  it('reads a still once per segment, from its only frame', () => {
    const plan = planTrackReads(segments(['photo.jpg', 40, 10], ['photo.jpg', 0, 5]), RATE, (s) => ({ still: s === 'photo.jpg', duration: null }));
    expect(plan.reads.map((r) => ({ still: r.still, seek: r.seek, end: r.end }))).toEqual([
      { still: true, seek: 0, end: 10 },
      { still: true, seek: 0, end: 5 },
    ]);
    expect(readPosition(plan.reads[0]!, plan.reads[0]!.segments[0]!, 7)).toBe(7);
  });

  it('recognises a video read and an audio read of the same stretches as one', () => {
    const cuts = segments(['a', 300, 10], ['a', 320, 10]);
    const video = planTrackReads(cuts, RATE, clip).reads[0]!;
    const audio = planTrackReads(cuts, RATE, clip).reads[0]!;
    expect(sameRead(video, audio)).toBe(true);
    const shifted = planTrackReads(segments(['a', 300, 10], ['a', 321, 10]), RATE, clip).reads[0]!;
    expect(sameRead(video, shifted)).toBe(false);
  });
});
