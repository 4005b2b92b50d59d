import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTimelineCommand } from '../timeline/commands';
import { validateTimeline } from '../timeline/invariants';
import type { SourceInfo } from '../timeline/sources';
import { secondsToFrames } from '../timeline/time';
import { allTracks, clipEnd, isTimedClip, type Clip, type Timeline, type TimedClip } from '../timeline/timeline';
import type { FrameRate } from '../video-format';
import { clockTime, deadAirPieces, deadAirTimeline, scenesTimeline, type AutoEditSource } from './autoedit-timeline';
import { deadAirParams, planDeadAir } from './dead-air';

const NTSC: FrameRate = { num: 30000, den: 1001 };
const talkSource = (seconds: number, rate: FrameRate, kind: 'video' | 'audio' = 'video'): AutoEditSource => ({
  assetId: 'talk',
  kind,
  frames: secondsToFrames(seconds, rate, 'floor'),
});
const lookup = (source: AutoEditSource) => new Map<string, SourceInfo>([[source.assetId, { kind: source.kind, frames: source.frames, hasSound: true }]]);

/** The clips of the track an auto-edit fills. */
function mainClips(timeline: Timeline): TimedClip[] {
  return allTracks(timeline).flatMap((t): readonly Clip[] => t.clips).filter(isTimedClip);
}

/** Restores every removed region, in the given order, as a person clicking each ghost would. */
function restoreAll(timeline: Timeline, source: AutoEditSource, order: readonly number[]): Timeline {
  const regionIds = timeline.removedRegions.map((r) => r.id);
  let next = timeline;
  for (const index of order) {
    const regionId = regionIds[index]!;
    next = applyTimelineCommand(next, { type: 'region.restore', regionId, clipId: `restored-${index}` }, lookup(source)).timeline;
  }
  return next;
}

describe('deadAirTimeline', () => {
  const params = { minPauseSeconds: 0.5, targetGapSeconds: 0.2, marginSeconds: 0.1, mode: 'vad' as const };
  const plan = planDeadAir([{ start: 2, end: 4 }, { start: 4.5, end: 6 }, { start: 9, end: 10 }], 12, params);

  it('lays the kept stretches end to end on V1 with their reasons, and each removed one at its cut', () => {
    const source = talkSource(12, { num: 30, den: 1 });
    const timeline = deadAirTimeline(plan, source, { num: 30, den: 1 });
    expect(validateTimeline(timeline, lookup(source))).toEqual([]);
    expect(timeline.videoTracks[0]!.clips.map((c) => [c.start, c.duration, c.kind === 'video' && c.sourceIn, c.reason?.text])).toEqual([
      [0, 66, 57, 'Speech 0:01.9–0:04.1'],
      [66, 9, 123, 'Pause kept (0.3 s)'],
      [75, 54, 132, 'Speech 0:04.4–0:06.2'],
      [129, 39, 264, 'Speech 0:08.8–0:10.1'],
    ]);
    expect(timeline.audioTracks[0]!.clips).toEqual([]);
    expect(timeline.removedRegions.map((r) => [r.frame, r.sourceIn, r.duration, r.reason?.text])).toEqual([
      [0, 0, 57, 'Pause 1.9 s removed'],
      [129, 186, 78, 'Pause 2.6 s removed'],
      [168, 303, 57, 'Pause 1.9 s removed'],
    ]);
  });

  it('puts a sound file’s clips and regions on A1', () => {
    const source = talkSource(12, NTSC, 'audio');
    const timeline = deadAirTimeline(plan, source, NTSC);
    expect(timeline.videoTracks[0]!.clips).toEqual([]);
    expect(timeline.audioTracks[0]!.clips.map((c) => c.kind)).toEqual(['audio', 'audio', 'audio', 'audio']);
    expect(new Set(timeline.removedRegions.map((r) => [r.trackId, r.kind].join()))).toEqual(new Set(['audio-1,audio']));
    expect(validateTimeline(timeline, lookup(source))).toEqual([]);
  });

  const planArbitrary = fc
    .record({
      seconds: fc.double({ min: 1, max: 120, noNaN: true }),
      segments: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 8, noNaN: true })), { maxLength: 25 }),
      preset: fc.constantFrom('gentle', 'normal', 'tight' as const),
      rate: fc.constantFrom<FrameRate>({ num: 24, den: 1 }, { num: 25, den: 1 }, NTSC, { num: 60000, den: 1001 }),
      kind: fc.constantFrom<'video' | 'audio'>('video', 'audio'),
      seed: fc.integer(),
    })
    .map(({ seconds, segments, preset, rate, kind, seed }) => {
      const speech = segments.map(([at, length]) => ({ start: at * seconds, end: Math.min(seconds, at * seconds + length) }));
      return { plan: planDeadAir(speech, seconds, deadAirParams(preset, 'vad')), source: talkSource(seconds, rate, kind), rate, seed };
    });

  it('is valid, and lasts exactly the kept frames, with no overlap between neighbours', () => {
    fc.assert(
      fc.property(planArbitrary, ({ plan, source, rate }) => {
        const timeline = deadAirTimeline(plan, source, rate);
        expect(validateTimeline(timeline, lookup(source))).toEqual([]);
        const pieces = deadAirPieces(plan, source, rate);
        const keptFrames = pieces.filter((p) => p.kept).reduce((sum, p) => sum + p.sourceOut - p.sourceIn, 0);
        const clips = mainClips(timeline);
        expect(clips.reduce((sum, c) => sum + c.duration, 0)).toBe(keptFrames);
        clips.forEach((clip, i) => expect(clip.start).toBe(i === 0 ? 0 : clipEnd(clips[i - 1]!)));
        pieces.forEach((piece, i) => i > 0 && expect(piece.sourceIn).toBe(pieces[i - 1]!.sourceOut));
      }),
    );
  });

  it('gives back the whole source in order, with no gaps, once every removed region is restored in any order', () => {
    fc.assert(
      fc.property(planArbitrary, ({ plan, source, rate, seed }) => {
        const timeline = deadAirTimeline(plan, source, rate);
        const order = timeline.removedRegions.map((_, i) => i);
        // A seeded shuffle: restoring in any order must give the same result.
        let state = seed;
        for (let i = order.length - 1; i > 0; i--) {
          state = (Math.imul(state, 1103515245) + 12345) | 0;
          const j = Math.abs(state) % (i + 1);
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        const restored = restoreAll(timeline, source, order);
        expect(restored.removedRegions).toEqual([]);
        const clips = mainClips(restored);
        const pieces = deadAirPieces(plan, source, rate);
        const covered = pieces.length === 0 ? 0 : pieces.at(-1)!.sourceOut;
        let at = 0;
        for (const clip of clips) {
          expect([clip.start, clip.sourceIn]).toEqual([at, at]);
          at += clip.duration;
        }
        expect(at).toBe(covered);
        expect(validateTimeline(restored, lookup(source))).toEqual([]);
      }),
    );
  });
});

describe('scenesTimeline', () => {
  it('makes one clip per scene, each saying which scene it is', () => {
    const source = talkSource(30, { num: 25, den: 1 });
    const timeline = scenesTimeline(
      [
        { start: 0, end: 12.3 },
        { start: 12.3, end: 19.04 },
        { start: 19.04, end: 30 },
      ],
      source,
      { num: 25, den: 1 },
    );
    expect(validateTimeline(timeline, lookup(source))).toEqual([]);
    expect(timeline.videoTracks[0]!.clips.map((c) => [c.start, c.duration, c.reason])).toEqual([
      [0, 308, { kind: 'scene', text: 'Scene 1 (0:00–0:12)' }],
      [308, 168, { kind: 'scene', text: 'Scene 2 (0:12–0:19)' }],
      [476, 274, { kind: 'scene', text: 'Scene 3 (0:19–0:30)' }],
    ]);
    expect(timeline.removedRegions).toEqual([]);
  });
});

describe('clockTime', () => {
  it('writes minutes and seconds, with hours when there are some', () => {
    expect(clockTime(12.44, 1)).toBe('0:12.4');
    expect(clockTime(59.96, 1)).toBe('1:00.0');
    expect(clockTime(3725, 0)).toBe('1:02:05');
  });
});
