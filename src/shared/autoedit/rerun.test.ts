import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTimelineCommand, type TimelineCommand } from '../timeline/commands';
import { validateTimeline } from '../timeline/invariants';
import type { SourceInfo } from '../timeline/sources';
import type { Timeline } from '../timeline/timeline';
import type { FrameRate } from '../video-format';
import { deadAirPieces, timelineFromPieces, type AutoEditSource } from './autoedit-timeline';
import { DEAD_AIR_PRESETS, deadAirParams, planDeadAir, type DeadAirParams } from './dead-air';
import { rerunAutoEdit } from './rerun';

const RATE: FrameRate = { num: 30, den: 1 };
const SOURCE: AutoEditSource = { assetId: 'talk', kind: 'video', frames: 17 * 30 };
const SOURCES = new Map<string, SourceInfo>([['talk', { kind: 'video', frames: SOURCE.frames, hasSound: true }]]);

/** Four sentences with pauses of 1 s, 4 s and 1.5 s between them. */
const SPEECH = [
  { start: 1, end: 3 },
  { start: 4, end: 6 },
  { start: 10, end: 12 },
  { start: 13.5, end: 15 },
];
const pieces = (minPauseSeconds: number) => {
  const params: DeadAirParams = { minPauseSeconds, targetGapSeconds: 0.1, marginSeconds: 0.1, mode: 'vad' };
  return deadAirPieces(planDeadAir(SPEECH, 17, params), SOURCE, RATE);
};
// Raising the minimum pause from 0.5 s to 0.9 s keeps the first pause (0.8 s once padded) and changes nothing else.
const PREVIOUS = pieces(0.5);
const NEXT = pieces(0.9);

function apply(timeline: Timeline, commands: readonly TimelineCommand[]): Timeline {
  return commands.reduce((t, command) => applyTimelineCommand(t, command, SOURCES).timeline, timeline);
}

/** The timeline without ids, which differ between a re-run and a fresh edit. */
function withoutIds(timeline: Timeline) {
  return {
    clips: timeline.videoTracks[0]!.clips.map(({ id: _id, ...clip }) => clip),
    regions: timeline.removedRegions.map(({ id: _id, ...region }) => region),
  };
}

/** The id of the clip (or region) whose reason says `text`. */
function idOf(timeline: Timeline, text: string): string {
  const item = [...timeline.videoTracks[0]!.clips, ...timeline.removedRegions].find((c) => c.reason?.text === text);
  if (!item) throw new Error(`Nothing says ${text}`);
  return item.id;
}

describe('rerunAutoEdit', () => {
  const previous = timelineFromPieces(PREVIOUS, SOURCE, 'auto');
  const fresh = timelineFromPieces(NEXT, SOURCE, 'auto');

  it('changes only the stretch the new parameters change', () => {
    expect(withoutIds(previous).regions).toHaveLength(5);
    expect(withoutIds(fresh).regions).toHaveLength(4);
  });

  it('gives the new cut when nothing was edited by hand', () => {
    const result = rerunAutoEdit(previous, PREVIOUS, NEXT, SOURCE, RATE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(withoutIds(result.timeline)).toEqual(withoutIds(fresh));
    expect(result.keptEdits).toBe(0);
  });

  it('gives the new cut, whatever the two runs, when nothing was edited by hand', () => {
    const params = fc.oneof(
      fc.constantFrom(...DEAD_AIR_PRESETS).map((preset) => deadAirParams(preset, 'vad')),
      // Only the minimum pause changes: some pauses flip between cut and kept, in stretches apart from each other.
      fc.double({ min: 0.2, max: 3, noNaN: true }).map((minPauseSeconds): DeadAirParams => ({ minPauseSeconds, targetGapSeconds: 0.1, marginSeconds: 0.1, mode: 'vad' })),
    );
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 16, noNaN: true }), fc.double({ min: 0.05, max: 4, noNaN: true })), { maxLength: 12 }),
        params,
        params,
        (segments, before, after) => {
          const speech = segments.map(([start, length]) => ({ start, end: Math.min(17, start + length) }));
          const run = (p: DeadAirParams) => deadAirPieces(planDeadAir(speech, 17, p), SOURCE, RATE);
          const result = rerunAutoEdit(timelineFromPieces(run(before), SOURCE, 'auto'), run(before), run(after), SOURCE, RATE);
          expect(result.ok && withoutIds(result.timeline)).toEqual(withoutIds(timelineFromPieces(run(after), SOURCE, 'auto')));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps a volume change, a restored pause and a split outside the changed stretch', () => {
    const edits = (timeline: Timeline): TimelineCommand[] => {
      const last = idOf(timeline, 'Speech 0:13.4–0:15.1');
      return [
        { type: 'clips.setVolume', clipIds: [last], volume: 0.5 },
        { type: 'region.restore', regionId: idOf(timeline, 'Pause 1.2 s removed'), clipId: 'restored' },
        { type: 'clip.split', clipId: idOf(timeline, 'Speech 0:09.9–0:12.2'), frame: timeline.videoTracks[0]!.clips.find((c) => c.id === last)!.start - 20, newClipId: 'split' },
      ];
    };
    const edited = apply(previous, edits(previous));
    const result = rerunAutoEdit(edited, PREVIOUS, NEXT, SOURCE, RATE);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(validateTimeline(result.timeline, SOURCES)).toEqual([]);
    // The same as making the new cut and then the same edits by hand.
    expect(withoutIds(result.timeline)).toEqual(withoutIds(apply(fresh, edits(fresh))));
    expect(result.keptEdits).toBeGreaterThan(0);
  });

  it('keeps a deleted clip deleted', () => {
    const edited = apply(previous, [{ type: 'clips.delete', clipIds: [idOf(previous, 'Speech 0:13.4–0:15.1')], ripple: true }]);
    const result = rerunAutoEdit(edited, PREVIOUS, NEXT, SOURCE, RATE);
    expect(result.ok && result.timeline.videoTracks[0]!.clips.map((c) => c.reason?.text)).toEqual([
      'Speech 0:00.9–0:03.1',
      'Pause kept (0.8 s)',
      'Speech 0:03.9–0:06.1',
      'Speech 0:09.9–0:12.2',
    ]);
  });

  it('asks first when the user changed a part the new parameters change', () => {
    const first = idOf(previous, 'Speech 0:00.9–0:03.2');
    const edited = apply(previous, [{ type: 'clip.trim', clipId: first, edge: 'out', frame: 60, ripple: true }]);
    const result = rerunAutoEdit(edited, PREVIOUS, NEXT, SOURCE, RATE);
    expect(result).toEqual({
      ok: false,
      conflicts: [{ sourceIn: 27, sourceOut: 184, message: 'You changed a clip at 0:00.9–0:06.1, which the new settings cut differently.' }],
    });
  });

  it('asks first when a crossfade joins clips that change', () => {
    const edited = apply(previous, [{ type: 'transition.add', afterClipId: idOf(previous, 'Speech 0:03.9–0:06.1'), duration: 4 }]);
    const result = rerunAutoEdit(edited, PREVIOUS, NEXT, SOURCE, RATE);
    expect(result.ok).toBe(false);
  });
});
