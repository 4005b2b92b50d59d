import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TimelineCommandRejected,
  TimelineCommandSchema,
  applyTimelineCommand,
  type TimelineCommand,
} from './commands';
import { SOURCES, audioClip, deepFreeze, imageClip, timelineArbitrary, timelineWith, titleClip, videoClip } from './fixtures';
import { validateTimeline } from './invariants';
import { allTracks, clipEnd, type Clip, type Timeline, type Track } from './timeline';

describe('validateTimeline', () => {
  it('accepts clips with gaps, touching clips and a crossfade', () => {
    const timeline = timelineWith({
      video: [videoClip('a', 0, 30), videoClip('b', 30, 30, 100), videoClip('c', 50, 40, 200), imageClip('d', 120, 10)],
      videoTransitions: [{ afterClipId: 'b', duration: 10 }],
      audio: [audioClip('m', 5, 100)],
      overlay: [titleClip('t', 0, 20)],
    });
    expect(validateTimeline(timeline, SOURCES)).toEqual([]);
  });

  it('finds clips that overlap without a crossfade', () => {
    const timeline = timelineWith({ video: [videoClip('a', 0, 30), videoClip('b', 20, 30)] });
    expect(validateTimeline(timeline)).toEqual([
      { trackId: 'video-1', clipId: 'a', message: 'Clips would overlap on V1 at frame 20; only a crossfade may overlap two clips' },
    ]);
  });

  it('finds a crossfade that does not match the overlap, or is as long as a clip it joins', () => {
    const mismatched = timelineWith({
      video: [videoClip('a', 0, 30), videoClip('b', 20, 30)],
      videoTransitions: [{ afterClipId: 'a', duration: 5 }],
    });
    expect(validateTimeline(mismatched).map((i) => i.message)).toEqual([
      'Clips would overlap on V1 at frame 20, across a crossfade',
    ]);
    const tooLong = timelineWith({
      video: [videoClip('a', 0, 10), videoClip('b', 0, 30)],
      videoTransitions: [{ afterClipId: 'a', duration: 10 }],
    });
    expect(validateTimeline(tooLong).map((i) => i.message)).toEqual([
      'A 10-frame crossfade on V1 must be shorter than both clips it joins',
    ]);
    const twoFades = timelineWith({
      video: [videoClip('a', 0, 30), videoClip('b', 20, 20), videoClip('c', 30, 30)],
      videoTransitions: [
        { afterClipId: 'a', duration: 10 },
        { afterClipId: 'b', duration: 10 },
      ],
    });
    expect(validateTimeline(twoFades)).toEqual([]);
    const overlappingFades = timelineWith({
      video: [videoClip('a', 0, 30), videoClip('b', 20, 20), videoClip('c', 29, 30)],
      videoTransitions: [
        { afterClipId: 'a', duration: 10 },
        { afterClipId: 'b', duration: 11 },
      ],
    });
    expect(validateTimeline(overlappingFades).map((i) => i.message)).toEqual([
      'The crossfades at both ends of a clip on V1 would overlap each other',
    ]);
  });

  it('keeps clips inside their media, of the right kind, on the right track', () => {
    const timeline = timelineWith({
      video: [videoClip('a', 0, 301, 0, 'broll'), videoClip('b', 400, 10, 0, 'music')],
      audio: [audioClip('c', 0, 10, 0, 'broll'), audioClip('d', 20, 10, 0, 'gone')],
      overlay: [imageClip('e', 0, 100_000)],
    });
    expect(validateTimeline(timeline, SOURCES).map((i) => `${i.clipId}: ${i.message}`)).toEqual([
      'a: A clip on V1 runs past the end of its media (to frame 301 of 300)',
      'b: A clip on V1 needs a video file, not an audio file',
      'c: A clip on A1 needs media with sound',
      'd: A clip on A1 uses media that is not in the project',
    ]);
  });

  it('finds ids used twice and markers out of order', () => {
    const timeline = {
      ...timelineWith({ video: [videoClip('a', 0, 10)], audio: [audioClip('a', 0, 10)] }),
      markers: [
        { id: 'm2', frame: 50, label: '', colour: 'red' as const },
        { id: 'm1', frame: 10, label: '', colour: 'red' as const },
      ],
    };
    expect(validateTimeline(timeline).map((i) => i.message)).toEqual([
      'Two clips share the id a',
      'Markers are out of order or share an id',
    ]);
  });
});

/** Every command type, with the ids and frames drawn from the timeline it will be applied to. */
function commandFor(timeline: Timeline, [a, b, c, d]: [number, number, number, number], serial: number): TimelineCommand {
  const tracks = allTracks(timeline);
  const placed = tracks.flatMap((track) => track.clips.map((clip) => ({ track, clip })));
  const pick = placed.length === 0 || b % 29 === 28 ? null : placed[b % placed.length]!;
  const clipId = pick?.clip.id ?? 'missing';
  const clip: Clip = pick?.clip ?? videoClip('missing', 0, 10);
  const other = placed.length === 0 ? null : placed[(b + 1 + c) % placed.length]!;
  const nearEdge = Math.max(0, (c % 2 === 0 ? clip.start : clipEnd(clip)) + (d % 41) - 20);
  const id = `n${serial}`;
  const sameKind = (track: Track) => tracks.filter((t) => t.kind === track.kind);
  switch (a % 20) {
    case 0: {
      const track = tracks[b % tracks.length]!;
      const start = d % 3 === 0 && other ? clipEnd(other.clip) : c % 600;
      const duration = 1 + (d % 60);
      const made: Clip =
        track.kind === 'audio'
          ? audioClip(id, start, duration, (c * 7) % 900, d % 2 === 0 ? 'music' : 'talk')
          : track.kind === 'video'
            ? d % 4 === 0
              ? imageClip(id, start, duration)
              : videoClip(id, start, duration, (c * 7) % 900)
            : d % 2 === 0
              ? titleClip(id, start, duration)
              : imageClip(id, start, duration);
      return { type: 'clip.add', trackId: track.id, clip: made, ripple: c % 3 === 0 };
    }
    case 1:
    case 2: {
      const from = pick?.track ?? tracks[0]!;
      const targets = sameKind(from);
      const trackId = targets[c % targets.length]!.id;
      const start =
        d % 4 === 0 && other ? clipEnd(other.clip) : d % 4 === 1 ? c % 700 : Math.max(0, clip.start + (d % 81) - 40);
      const moves = [{ clipId, trackId, start }];
      const next = pick ? pick.track.clips[pick.track.clips.findIndex((c) => c.id === clipId) + 1] : undefined;
      if (next && c % 3 === 0) moves.push({ clipId: next.id, trackId, start: next.start + (start - clip.start) });
      return { type: 'clips.move', moves: moves.filter((m) => m.start >= 0) };
    }
    case 3:
    case 4:
      return { type: 'clip.trim', clipId, edge: c % 2 === 0 ? 'in' : 'out', frame: nearEdge, ripple: d % 2 === 0 };
    case 5:
      return { type: 'clip.split', clipId, frame: Math.max(0, clip.start + (c % (clip.duration + 2)) - 1), newClipId: id };
    case 6: {
      // The frame is drawn for the first clip; the second one may not cover it, and then nothing is split.
      const second = other && other.clip.id !== clipId && d % 2 === 0 ? [{ clipId: other.clip.id, newClipId: `${id}b` }] : [];
      return { type: 'clips.split', frame: Math.max(0, clip.start + (c % (clip.duration + 2)) - 1), splits: [{ clipId, newClipId: id }, ...second] };
    }
    case 7:
    case 8: {
      const clipIds = [clipId, ...(other && c % 2 === 0 ? [other.clip.id] : [])];
      return { type: 'clips.delete', clipIds, ripple: a % 20 === 8 };
    }
    case 9:
      return { type: 'clips.setVolume', clipIds: [clipId], volume: (c % 400) / 100 };
    case 10:
    case 11:
      return { type: 'transition.add', afterClipId: clipId, duration: 1 + (c % 30) };
    case 12: {
      const faded = tracks.flatMap((t) => t.transitions);
      const afterClipId = faded.length > 0 && c % 4 !== 0 ? faded[c % faded.length]!.afterClipId : clipId;
      return { type: 'transition.remove', afterClipId };
    }
    case 13:
      return { type: 'marker.add', marker: { id: d % 5 === 0 ? 'm0' : id, frame: c % 700, label: 'Beat', colour: 'green' } };
    case 14: {
      const markerId = timeline.markers[b % Math.max(1, timeline.markers.length)]?.id ?? 'missing';
      if (d % 3 === 0) return { type: 'marker.remove', markerId };
      if (d % 3 === 1) return { type: 'marker.update', markerId, label: `Label ${c}`, colour: 'red' };
      return { type: 'marker.move', markerId, frame: c % 700 };
    }
    case 15:
      return { type: 'track.add', kind: c % 2 === 0 ? 'video' : 'audio', trackId: d % 7 === 0 ? 'v1' : id, index: d % 4 };
    case 16:
      return { type: 'track.remove', trackId: tracks[b % tracks.length]!.id };
    case 17: {
      const trackId = tracks[b % tracks.length]!.id;
      return c % 2 === 0
        ? { type: 'track.setMuted', trackId, muted: d % 2 === 0 }
        : { type: 'track.setHidden', trackId, hidden: d % 2 === 0 };
    }
    case 18: {
      const region = timeline.removedRegions[b % Math.max(1, timeline.removedRegions.length)];
      return { type: 'region.restore', regionId: region?.id ?? 'missing', clipId: d % 5 === 0 ? clipId : id };
    }
    default: {
      // A hostile replacement: two clips on top of each other, or one past the end of its media.
      const track = timeline.videoTracks[0] ?? { kind: 'video', id, muted: false, hidden: false, clips: [], transitions: [] };
      const clips = c % 2 === 0 ? [videoClip(id, 0, 20), videoClip(`${id}b`, 10, 20)] : [videoClip(id, 0, 20, 890)];
      return { type: 'timeline.replace', timeline: { videoTracks: [{ ...track, clips, transitions: [] }] } };
    }
  }
}

describe('timeline commands', () => {
  const choice = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat());

  it('keep every invariant after any sequence of commands, and undoing them all restores the exact start', () => {
    const applied = new Map<TimelineCommand['type'], number>();
    fc.assert(
      fc.property(timelineArbitrary, fc.array(choice, { maxLength: 40, size: 'medium' }), (start, choices) => {
        deepFreeze(start);
        expect(validateTimeline(start, SOURCES)).toEqual([]);
        let current = start;
        const snapshots: Timeline[] = [start];
        const forward: TimelineCommand[] = [];
        const backward: TimelineCommand[] = [];
        choices.forEach((c, serial) => {
          const command = TimelineCommandSchema.parse(commandFor(current, c, serial));
          let result;
          try {
            result = applyTimelineCommand(current, command, SOURCES);
          } catch (error) {
            expect(error).toBeInstanceOf(TimelineCommandRejected);
            return;
          }
          deepFreeze(result);
          expect(validateTimeline(result.timeline, SOURCES)).toEqual([]);
          applied.set(command.type, (applied.get(command.type) ?? 0) + 1);
          forward.push(command);
          backward.push(result.inverse);
          current = result.timeline;
          snapshots.push(current);
        });
        for (let i = backward.length - 1; i >= 0; i -= 1) {
          current = applyTimelineCommand(current, backward[i]!, SOURCES).timeline;
          expect(current).toEqual(snapshots[i]);
        }
        expect(current).toEqual(start);
        forward.forEach((command, i) => {
          current = applyTimelineCommand(current, command, SOURCES).timeline;
          expect(current).toEqual(snapshots[i + 1]);
        });
      }),
      { numRuns: 300 },
    );
    // Each kind of command must have succeeded now and then, or the property says little about it.
    const types = TimelineCommandSchema.options.map((o) => o.shape.type.value).filter((t) => t !== 'timeline.replace');
    expect(types.filter((t) => (applied.get(t) ?? 0) < 5)).toEqual([]);
  });
});
