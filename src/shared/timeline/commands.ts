import { z } from 'zod';
import {
  clipSourceIssue,
  compareMarkers,
  duplicateIdIssues,
  markerIssues,
  regionIssues,
  trackLayoutIssues,
  type TimelineIssue,
} from './invariants';
import type { SourceLookup } from './sources';
import {
  ClipSchema,
  FrameCountSchema,
  FrameSchema,
  MAX_CLIPS_PER_TRACK,
  MAX_TRACKS_PER_KIND,
  MARKER_COLOURS,
  MarkerSchema,
  TimelineIdSchema,
  TimelineSchema,
  VolumeSchema,
  allTracks,
  clipEnd,
  findTrack,
  isTimedClip,
  lastClipStartingBy,
  sourceOut,
  trackLabel,
  type Clip,
  type Marker,
  type RemovedRegion,
  type TimedClip,
  type Timeline,
  type Track,
  type Transition,
} from './timeline';

/**
 * Every change to a timeline is a command. Applying one gives the new timeline and the command that undoes it, or
 * throws `TimelineCommandRejected` with a sentence for the person editing, leaving the timeline as it was. Commands
 * never touch the timeline they are given, and they carry every id they create, so replaying one gives the same result.
 * Frames arrive already snapped (see snapping.ts). "Ripple" edits move the later clips on the same track only.
 */

const ClipIdsSchema = z.array(TimelineIdSchema).min(1).max(MAX_CLIPS_PER_TRACK);

export const TimelineCommandSchema = z.discriminatedUnion('type', [
  /** With `ripple`, the clips from `clip.start` on move later by its duration to make room. */
  z.object({ type: z.literal('clip.add'), trackId: TimelineIdSchema, clip: ClipSchema, ripple: z.boolean() }),
  /** Moves clips together, each to a new start and optionally another track of the same kind. */
  z.object({
    type: z.literal('clips.move'),
    moves: z
      .array(z.object({ clipId: TimelineIdSchema, trackId: TimelineIdSchema, start: FrameSchema }))
      .min(1)
      .max(MAX_CLIPS_PER_TRACK),
  }),
  /**
   * Drags one edge of a clip to `frame`. With `ripple`, the clip keeps its start and the later clips on its track move
   * by the same amount instead, so nothing after it changes its place relative to the clip.
   */
  z.object({
    type: z.literal('clip.trim'),
    clipId: TimelineIdSchema,
    edge: z.enum(['in', 'out']),
    frame: FrameSchema,
    ripple: z.boolean(),
  }),
  /** The part before `frame` keeps the clip's id; the part from `frame` on gets `newClipId`. */
  z.object({ type: z.literal('clip.split'), clipId: TimelineIdSchema, frame: FrameSchema, newClipId: TimelineIdSchema }),
  /** Several clips split at one frame (every clip under the playhead), as one change: one round trip, one undo. */
  z.object({
    type: z.literal('clips.split'),
    frame: FrameSchema,
    splits: z.array(z.object({ clipId: TimelineIdSchema, newClipId: TimelineIdSchema })).min(1).max(MAX_CLIPS_PER_TRACK),
  }),
  /** With `ripple`, the later clips on each track move earlier to close the space each clip leaves. */
  z.object({ type: z.literal('clips.delete'), clipIds: ClipIdsSchema, ripple: z.boolean() }),
  z.object({ type: z.literal('clips.setVolume'), clipIds: ClipIdsSchema, volume: VolumeSchema }),
  /** Crossfades a clip into the touching clip after it, using media beyond the cut (half on each side where it can). */
  z.object({ type: z.literal('transition.add'), afterClipId: TimelineIdSchema, duration: FrameCountSchema }),
  /** Removes a crossfade, cutting at the middle of the overlap. */
  z.object({ type: z.literal('transition.remove'), afterClipId: TimelineIdSchema }),
  z.object({ type: z.literal('marker.add'), marker: MarkerSchema }),
  z.object({ type: z.literal('marker.move'), markerId: TimelineIdSchema, frame: FrameSchema }),
  z.object({
    type: z.literal('marker.update'),
    markerId: TimelineIdSchema,
    label: MarkerSchema.shape.label.optional(),
    colour: z.enum(MARKER_COLOURS).optional(),
  }),
  z.object({ type: z.literal('marker.remove'), markerId: TimelineIdSchema }),
  /** An empty track at `index` among the tracks of its kind (0 is V1 or A1). */
  z.object({
    type: z.literal('track.add'),
    kind: z.enum(['video', 'audio']),
    trackId: TimelineIdSchema,
    index: z.number().int().min(0),
  }),
  /** Removes a track with its clips and its removed parts. */
  z.object({ type: z.literal('track.remove'), trackId: TimelineIdSchema }),
  z.object({ type: z.literal('track.setMuted'), trackId: TimelineIdSchema, muted: z.boolean() }),
  z.object({ type: z.literal('track.setHidden'), trackId: TimelineIdSchema, hidden: z.boolean() }),
  /** Puts a removed part back as a clip with id `clipId`, moving what follows on its track later. */
  z.object({ type: z.literal('region.restore'), regionId: TimelineIdSchema, clipId: TimelineIdSchema }),
  /**
   * Replaces whole parts of the timeline. Every command's inverse is one of these, holding the parts as they were;
   * an automatic edit can also use one to land a whole new cut as a single undoable step.
   */
  z.object({ type: z.literal('timeline.replace'), timeline: TimelineSchema.partial() }),
]);
export type TimelineCommand = z.infer<typeof TimelineCommandSchema>;

export interface AppliedTimelineCommand {
  timeline: Timeline;
  inverse: TimelineCommand;
}

export class TimelineCommandRejected extends Error {
  constructor(
    message: string,
    /** The broken rule behind the rejection, when it was found by checking the result. */
    readonly issue?: TimelineIssue,
  ) {
    super(message);
    this.name = 'TimelineCommandRejected';
  }
}

/** Applies a command; `sources` gives the clips' media, to keep clips inside it. */
export function applyTimelineCommand(
  timeline: Timeline,
  command: TimelineCommand,
  sources: SourceLookup,
): AppliedTimelineCommand {
  const change = changeFor(timeline, command, sources);
  checkChange(timeline, change, sources);
  const inverse: TimelineCommand = { type: 'timeline.replace', timeline: changedParts(timeline, change.timeline) };
  return { timeline: change.timeline, inverse };
}

/** The words for a command in menus and the status bar ("Undo Split clip"). */
export function describeTimelineCommand(command: TimelineCommand): string {
  switch (command.type) {
    case 'clip.add':
      return command.ripple ? 'Insert clip' : 'Add clip';
    case 'clips.move':
      return command.moves.length === 1 ? 'Move clip' : `Move ${command.moves.length} clips`;
    case 'clip.trim':
      return command.ripple ? 'Ripple trim clip' : 'Trim clip';
    case 'clip.split':
      return 'Split clip';
    case 'clips.split':
      return command.splits.length === 1 ? 'Split clip' : `Split ${command.splits.length} clips`;
    case 'clips.delete': {
      const what = command.clipIds.length === 1 ? 'clip' : `${command.clipIds.length} clips`;
      return command.ripple ? `Ripple delete ${what}` : `Delete ${what}`;
    }
    case 'clips.setVolume':
      return 'Change volume';
    case 'transition.add':
      return 'Add crossfade';
    case 'transition.remove':
      return 'Remove crossfade';
    case 'marker.add':
      return 'Add marker';
    case 'marker.move':
      return 'Move marker';
    case 'marker.update':
      return 'Edit marker';
    case 'marker.remove':
      return 'Delete marker';
    case 'track.add':
      return command.kind === 'video' ? 'Add video track' : 'Add audio track';
    case 'track.remove':
      return 'Delete track';
    case 'track.setMuted':
      return command.muted ? 'Mute track' : 'Unmute track';
    case 'track.setHidden':
      return command.hidden ? 'Hide track' : 'Show track';
    case 'region.restore':
      return 'Restore removed part';
    case 'timeline.replace':
      return 'Replace timeline';
  }
}

/** A command's result before it is checked: the new timeline and what in it needs checking beyond the layout. */
interface Change {
  timeline: Timeline;
  /** Clips whose media range is new or changed; other clips keep media that was already checked. */
  sourceChecks: Clip[];
  /** Ids the command gives to new clips. */
  newClipIds: string[];
  /** Whether everything replaced must be checked against its media, as nothing in it was checked before. */
  replaced: boolean;
}

function changeFor(timeline: Timeline, command: TimelineCommand, sources: SourceLookup): Change {
  const just = (next: Timeline, sourceChecks: Clip[] = [], newClipIds: string[] = []): Change => ({
    timeline: next,
    sourceChecks,
    newClipIds,
    replaced: false,
  });
  switch (command.type) {
    case 'clip.add': {
      const track = requireTrack(timeline, command.trackId);
      let next = timeline;
      let room = track;
      if (command.ripple) {
        const { start, duration } = command.clip;
        ({ timeline: next, track: room } = rippleInsert(timeline, track, start, duration, () => false));
      }
      const clips = [...room.clips];
      clips.splice(lastClipStartingBy(clips, command.clip.start) + 1, 0, command.clip);
      return just(withTrack(next, withClips(room, clips)), [command.clip], [command.clip.id]);
    }
    case 'clips.move':
      return just(moveClips(timeline, command.moves));
    case 'clip.trim':
      return trimClip(timeline, command);
    case 'clip.split':
      return just(splitClip(timeline, command.clipId, command.frame, command.newClipId), [], [command.newClipId]);
    case 'clips.split':
      return just(
        command.splits.reduce((next, { clipId, newClipId }) => splitClip(next, clipId, command.frame, newClipId), timeline),
        [],
        command.splits.map((split) => split.newClipId),
      );
    case 'clips.delete':
      return just(command.ripple ? rippleDelete(timeline, command.clipIds) : deleteClips(timeline, command.clipIds));
    case 'clips.setVolume': {
      let next = timeline;
      for (const id of new Set(command.clipIds)) {
        const { track, index, clip } = locateClip(next, id);
        if (!isTimedClip(clip)) throw new TimelineCommandRejected('Images and titles have no sound to change');
        const clips = [...track.clips];
        clips[index] = { ...clip, volume: command.volume };
        next = withTrack(next, withClips(track, clips));
      }
      return just(next);
    }
    case 'transition.add':
      return addTransition(timeline, command.afterClipId, command.duration, sources);
    case 'transition.remove':
      return removeTransition(timeline, command.afterClipId);
    case 'marker.add': {
      if (timeline.markers.some((m) => m.id === command.marker.id)) {
        throw new TimelineCommandRejected(`A marker with id ${command.marker.id} already exists`);
      }
      return just({ ...timeline, markers: withMarker(timeline.markers, command.marker) });
    }
    case 'marker.move': {
      const marker = requireMarker(timeline, command.markerId);
      const others = timeline.markers.filter((m) => m !== marker);
      return just({ ...timeline, markers: withMarker(others, { ...marker, frame: command.frame }) });
    }
    case 'marker.update': {
      const marker = requireMarker(timeline, command.markerId);
      const updated: Marker = {
        ...marker,
        label: command.label ?? marker.label,
        colour: command.colour ?? marker.colour,
      };
      return just({ ...timeline, markers: timeline.markers.map((m) => (m === marker ? updated : m)) });
    }
    case 'marker.remove': {
      const marker = requireMarker(timeline, command.markerId);
      return just({ ...timeline, markers: timeline.markers.filter((m) => m !== marker) });
    }
    case 'track.add':
      return just(addTrack(timeline, command.kind, command.trackId, command.index));
    case 'track.remove': {
      const track = requireTrack(timeline, command.trackId);
      if (track.kind === 'overlay') throw new TimelineCommandRejected('The overlay track cannot be removed');
      const removedRegions = timeline.removedRegions.filter((r) => r.trackId !== track.id);
      return just(
        track.kind === 'video'
          ? { ...timeline, removedRegions, videoTracks: timeline.videoTracks.filter((t) => t !== track) }
          : { ...timeline, removedRegions, audioTracks: timeline.audioTracks.filter((t) => t !== track) },
      );
    }
    case 'track.setMuted': {
      const track = requireTrack(timeline, command.trackId);
      if (track.kind === 'overlay') throw new TimelineCommandRejected('The overlay track has no sound to mute');
      return just(withTrack(timeline, { ...track, muted: command.muted }));
    }
    case 'track.setHidden': {
      const track = requireTrack(timeline, command.trackId);
      if (track.kind === 'audio') throw new TimelineCommandRejected('An audio track has no picture to hide');
      return just(withTrack(timeline, { ...track, hidden: command.hidden }));
    }
    case 'region.restore':
      return restoreRegion(timeline, command.regionId, command.clipId);
    case 'timeline.replace': {
      const next: Timeline = { ...timeline };
      const parts = command.timeline;
      if (parts.videoTracks) next.videoTracks = parts.videoTracks;
      if (parts.audioTracks) next.audioTracks = parts.audioTracks;
      if (parts.overlayTrack) next.overlayTrack = parts.overlayTrack;
      if (parts.markers) next.markers = parts.markers;
      if (parts.removedRegions) next.removedRegions = parts.removedRegions;
      return { timeline: next, sourceChecks: [], newClipIds: [], replaced: true };
    }
  }
}

/**
 * Checks what a command changed, and only that, so a command costs time in proportion to the tracks it touches:
 * the layout of changed tracks, new ids, media of changed clips, and markers and removed parts when they changed.
 */
function checkChange(before: Timeline, change: Change, sources: SourceLookup): void {
  const after = change.timeline;
  const reject = (issue: TimelineIssue | undefined | null) => {
    if (issue) throw new TimelineCommandRejected(issue.message, issue);
  };
  const previous = new Map(allTracks(before).map((t) => [t.id, t]));
  const changedTracks = allTracks(after).filter((t) => previous.get(t.id) !== t);
  const trackListChanged =
    after.videoTracks.length !== before.videoTracks.length || after.audioTracks.length !== before.audioTracks.length;
  for (const id of change.newClipIds) {
    let uses = 0;
    for (const track of allTracks(after)) for (const clip of track.clips) if (clip.id === id) uses += 1;
    if (uses > 1) reject({ clipId: id, message: `A clip with id ${id} already exists` });
  }
  if (change.replaced || trackListChanged) reject(duplicateIdIssues(after)[0]);
  // A replacement may be an undo putting back clips whose media has since left the project; that must not fail.
  const replacedMedia = { allowMissing: true };
  for (const track of changedTracks) {
    reject(trackLayoutIssues(after, track)[0]);
    if (!change.replaced) continue;
    for (const clip of track.clips) reject(clipSourceIssue(after, track, clip, sources, replacedMedia));
  }
  for (const clip of change.sourceChecks) {
    const track = allTracks(after).find((t) => (t.clips as readonly Clip[]).includes(clip));
    if (track) reject(clipSourceIssue(after, track, clip, sources));
  }
  if (after.markers !== before.markers) reject(markerIssues(after.markers)[0]);
  const regionsReplaced = change.replaced && after.removedRegions !== before.removedRegions;
  if (after.removedRegions !== before.removedRegions || trackListChanged || change.replaced) {
    // Rippling only moves removed parts, so their media needs checking only when they arrive whole.
    reject(regionIssues(after, after.removedRegions, regionsReplaced ? sources : undefined, replacedMedia)[0]);
  }
}

/** The parts of `before` that `after` replaced, for the inverse. */
function changedParts(before: Timeline, after: Timeline): Partial<Timeline> {
  const parts: Partial<Timeline> = {};
  if (after.videoTracks !== before.videoTracks) parts.videoTracks = before.videoTracks;
  if (after.audioTracks !== before.audioTracks) parts.audioTracks = before.audioTracks;
  if (after.overlayTrack !== before.overlayTrack) parts.overlayTrack = before.overlayTrack;
  if (after.markers !== before.markers) parts.markers = before.markers;
  if (after.removedRegions !== before.removedRegions) parts.removedRegions = before.removedRegions;
  return parts;
}

function requireTrack(timeline: Timeline, trackId: string): Track {
  const track = findTrack(timeline, trackId);
  if (!track) throw new TimelineCommandRejected(`There is no track with id ${trackId} in this sequence`);
  return track;
}

interface LocatedClip {
  track: Track;
  index: number;
  clip: Clip;
}

function locateClip(timeline: Timeline, clipId: string): LocatedClip {
  for (const track of allTracks(timeline)) {
    const index = track.clips.findIndex((c) => c.id === clipId);
    if (index >= 0) return { track, index, clip: track.clips[index]! };
  }
  throw new TimelineCommandRejected(`There is no clip with id ${clipId} in this sequence`);
}

function requireMarker(timeline: Timeline, markerId: string): Marker {
  const marker = timeline.markers.find((m) => m.id === markerId);
  if (!marker) throw new TimelineCommandRejected(`There is no marker with id ${markerId} in this sequence`);
  return marker;
}

function withTrack(timeline: Timeline, track: Track): Timeline {
  switch (track.kind) {
    case 'video':
      return { ...timeline, videoTracks: timeline.videoTracks.map((t) => (t.id === track.id ? track : t)) };
    case 'audio':
      return { ...timeline, audioTracks: timeline.audioTracks.map((t) => (t.id === track.id ? track : t)) };
    case 'overlay':
      return { ...timeline, overlayTrack: track };
  }
}

/**
 * The track with new clips (and crossfades). Which clips a track may hold is checked on every changed track before a
 * command returns, so the cast never lets a misplaced clip out.
 */
function withClips(track: Track, clips: Clip[], transitions: Transition[] = track.transitions): Track {
  return { ...track, clips, transitions } as Track;
}

/** The clip moved to `start` and lengthened to `duration`; its media in-point moves by `sourceShift`. */
function retimed(clip: Clip, start: number, duration: number, sourceShift: number): Clip {
  return isTimedClip(clip)
    ? { ...clip, start, duration, sourceIn: clip.sourceIn + sourceShift }
    : { ...clip, start, duration };
}

function shifted(clip: Clip, by: number): Clip {
  return by === 0 ? clip : { ...clip, start: clip.start + by };
}

/** The crossfade after a clip, if any. */
function transitionAfter(track: Track, clipId: string | undefined): Transition | undefined {
  return clipId === undefined ? undefined : track.transitions.find((t) => t.afterClipId === clipId);
}

/** The id of the clip after each clip on a track. */
function clipAfterEach(track: Track): Map<string, string> {
  const following = new Map<string, string>();
  track.clips.forEach((clip, i) => {
    const next = track.clips[i + 1];
    if (next) following.set(clip.id, next.id);
  });
  return following;
}

/** Crossfades in the order of the clips they follow, so equal timelines are equal data. */
function inClipOrder(clips: readonly Clip[], transitions: Transition[]): Transition[] {
  if (transitions.length < 2) return transitions;
  const order = new Map(clips.map((c, i) => [c.id, i]));
  return [...transitions].sort((a, b) => (order.get(a.afterClipId) ?? -1) - (order.get(b.afterClipId) ?? -1));
}

/** Markers with one more, in their kept order. */
function withMarker(markers: readonly Marker[], marker: Marker): Marker[] {
  const next = [...markers];
  let index = next.findIndex((m) => compareMarkers(marker, m) < 0);
  if (index < 0) index = next.length;
  next.splice(index, 0, marker);
  return next;
}

/** Removed parts on a track from a frame on, moved by `by` frames as the clips around them ripple. */
function shiftRegions(
  timeline: Timeline,
  trackId: string,
  shouldShift: (region: RemovedRegion) => boolean,
  by: number,
): Timeline {
  if (by === 0 || !timeline.removedRegions.some((r) => r.trackId === trackId && shouldShift(r))) return timeline;
  const removedRegions = timeline.removedRegions.map((r) =>
    r.trackId === trackId && shouldShift(r) ? { ...r, frame: r.frame + by } : r,
  );
  return { ...timeline, removedRegions };
}

/**
 * Makes `amount` frames of room at `frame` on a track by moving the clips from there on (and removed parts after it)
 * later. Refused when `frame` falls inside a clip, as the room would cut it in two.
 */
function rippleInsert(
  timeline: Timeline,
  track: Track,
  frame: number,
  amount: number,
  shiftsRegionAtFrame: (region: RemovedRegion) => boolean,
): { timeline: Timeline; track: Track } {
  const before = lastClipStartingBy(track.clips, frame - 1);
  const straddling = track.clips[before];
  if (straddling && clipEnd(straddling) > frame) {
    throw new TimelineCommandRejected(
      `A clip on ${trackLabel(timeline, track.id)} covers frame ${frame}; split it there or insert at a cut`,
    );
  }
  const clips = track.clips.map((c, i) => (i > before ? shifted(c, amount) : c));
  const room = withClips(track, clips);
  const moved = shiftRegions(
    timeline,
    track.id,
    (r) => r.frame > frame || (r.frame === frame && shiftsRegionAtFrame(r)),
    amount,
  );
  return { timeline: withTrack(moved, room), track: room };
}

function moveClips(timeline: Timeline, moves: readonly { clipId: string; trackId: string; start: number }[]): Timeline {
  interface Move {
    from: Track;
    to: Track;
    delta: number;
    clip: Clip;
  }
  const byClip = new Map<string, Move>();
  for (const move of moves) {
    if (byClip.has(move.clipId)) throw new TimelineCommandRejected('A clip cannot be moved to two places at once');
    const { track: from, clip } = locateClip(timeline, move.clipId);
    const to = requireTrack(timeline, move.trackId);
    if (to.kind !== from.kind) {
      throw new TimelineCommandRejected(`A clip on ${trackLabel(timeline, from.id)} can only move to a track of the same kind`);
    }
    byClip.set(move.clipId, { from, to, delta: move.start - clip.start, clip: { ...clip, start: move.start } });
  }
  const affected = new Map<string, Track>();
  for (const { from, to } of byClip.values()) {
    affected.set(from.id, from);
    affected.set(to.id, to);
  }
  const clipsOn = new Map<string, Clip[]>();
  const transitionsOn = new Map<string, Transition[]>();
  for (const track of affected.values()) {
    clipsOn.set(track.id, track.clips.filter((c) => !byClip.has(c.id)));
    transitionsOn.set(track.id, []);
  }
  for (const move of byClip.values()) clipsOn.get(move.to.id)!.push(move.clip);
  for (const track of affected.values()) {
    const following = clipAfterEach(track);
    track.transitions.forEach((transition) => {
      const earlier = byClip.get(transition.afterClipId);
      const later = byClip.get(following.get(transition.afterClipId) ?? '');
      // A crossfade survives when neither clip moves, or when both move together by the same amount.
      if (!earlier && !later) transitionsOn.get(track.id)!.push(transition);
      else if (earlier && later && earlier.to === later.to && earlier.delta === later.delta) {
        transitionsOn.get(earlier.to.id)!.push(transition);
      }
    });
  }
  let next = timeline;
  for (const track of affected.values()) {
    const clips = clipsOn.get(track.id)!.sort((a, b) => a.start - b.start);
    next = withTrack(next, withClips(track, clips, inClipOrder(clips, transitionsOn.get(track.id)!)));
  }
  return next;
}

function trimClip(
  timeline: Timeline,
  command: { clipId: string; edge: 'in' | 'out'; frame: number; ripple: boolean },
): Change {
  const { track, index, clip } = locateClip(timeline, command.clipId);
  const end = clipEnd(clip);
  const clips = [...track.clips];
  let transitions = track.transitions;
  let next = timeline;
  if (command.ripple) {
    // The clip keeps its start; everything after it on the track moves by the change in length.
    const change = command.edge === 'out' ? command.frame - end : clip.start - command.frame;
    const trimmed = command.edge === 'out'
      ? retimed(clip, clip.start, clip.duration + change, 0)
      : retimed(clip, clip.start, clip.duration + change, -change);
    clips[index] = trimmed;
    for (let i = index + 1; i < clips.length; i += 1) clips[i] = shifted(clips[i]!, change);
    next = shiftRegions(next, track.id, (r) => r.frame >= end, change);
  } else {
    const trimmed = command.edge === 'out'
      ? retimed(clip, clip.start, command.frame - clip.start, 0)
      : retimed(clip, command.frame, end - command.frame, command.frame - clip.start);
    clips[index] = trimmed;
    // A crossfade on the dragged edge follows it: it lasts as long as the clips still overlap, and goes when they don't.
    const neighbourIndex = command.edge === 'out' ? index : index - 1;
    const transition = transitionAfter(track, clips[neighbourIndex]?.id);
    if (transition) {
      const overlap = clipEnd(clips[neighbourIndex]!) - clips[neighbourIndex + 1]!.start;
      transitions = overlap > 0
        ? transitions.map((t) => (t === transition ? { ...t, duration: overlap } : t))
        : transitions.filter((t) => t !== transition);
    }
  }
  next = withTrack(next, withClips(track, clips, transitions));
  return { timeline: next, sourceChecks: [clips[index]!], newClipIds: [], replaced: false };
}

function splitClip(timeline: Timeline, clipId: string, frame: number, newClipId: string): Timeline {
  const { track, index, clip } = locateClip(timeline, clipId);
  const end = clipEnd(clip);
  if (frame <= clip.start || frame >= end) {
    throw new TimelineCommandRejected('A clip can only be split at a frame inside it');
  }
  const previous = track.clips[index - 1];
  const following = track.clips[index + 1];
  const fadingIn = previous && transitionAfter(track, previous.id) ? clipEnd(previous) : clip.start;
  const outgoing = transitionAfter(track, clip.id);
  const fadingOut = following && outgoing ? following.start : end;
  if (frame <= fadingIn || frame >= fadingOut) {
    throw new TimelineCommandRejected('A clip cannot be split inside or at the edge of a crossfade');
  }
  const first = retimed(clip, clip.start, frame - clip.start, 0);
  const second = { ...retimed(clip, frame, end - frame, frame - clip.start), id: newClipId };
  const clips = [...track.clips];
  clips.splice(index, 1, first, second);
  const transitions = outgoing
    ? track.transitions.map((t) => (t === outgoing ? { ...t, afterClipId: newClipId } : t))
    : track.transitions;
  return withTrack(timeline, withClips(track, clips, transitions));
}

function deleteClips(timeline: Timeline, clipIds: readonly string[]): Timeline {
  const doomed = new Set(clipIds);
  const tracks = new Set(clipIds.map((id) => locateClip(timeline, id).track));
  let next = timeline;
  for (const track of tracks) {
    const following = clipAfterEach(track);
    const transitions = track.transitions.filter(
      (t) => !doomed.has(t.afterClipId) && !doomed.has(following.get(t.afterClipId) ?? ''),
    );
    next = withTrack(next, withClips(track, track.clips.filter((c) => !doomed.has(c.id)), transitions));
  }
  return next;
}

/**
 * Deletes clips one at a time from the last: each takes its crossfades with it, and the later clips on its track move
 * earlier by the frames only it covered, so the clips on either side of it end up touching.
 */
function rippleDelete(timeline: Timeline, clipIds: readonly string[]): Timeline {
  const doomed = [...new Set(clipIds)]
    .map((id) => locateClip(timeline, id))
    .sort((a, b) => b.clip.start - a.clip.start);
  let next = timeline;
  for (const { clip } of doomed) {
    const { track, index } = locateClip(next, clip.id);
    const previous = track.clips[index - 1];
    const incoming = transitionAfter(track, previous?.id);
    const outgoing = track.clips[index + 1] ? transitionAfter(track, clip.id) : undefined;
    const alone = clip.duration - (incoming?.duration ?? 0) - (outgoing?.duration ?? 0);
    const clips = track.clips.filter((_, i) => i !== index).map((c, i) => (i >= index ? shifted(c, -alone) : c));
    const transitions = track.transitions.filter((t) => t !== incoming && t !== outgoing);
    next = withTrack(next, withClips(track, clips, transitions));
    next = shiftRegions(next, track.id, (r) => r.frame >= clipEnd(clip), -alone);
  }
  return next;
}

function addTransition(timeline: Timeline, afterClipId: string, duration: number, sources: SourceLookup): Change {
  const { track, index, clip: earlier } = locateClip(timeline, afterClipId);
  const later = track.clips[index + 1];
  const label = trackLabel(timeline, track.id);
  if (!later) throw new TimelineCommandRejected(`There is no clip after this one on ${label} to crossfade into`);
  if (transitionAfter(track, earlier.id)) throw new TimelineCommandRejected('These clips already crossfade');
  if (later.start !== clipEnd(earlier)) {
    throw new TimelineCommandRejected('A crossfade joins clips that touch; close the gap between them first');
  }
  // The overlap comes from media past the cut: past the earlier clip's out-point and before the later one's in-point.
  const laterRoom = isTimedClip(later) ? later.sourceIn : Infinity;
  const earlierRoom = isTimedClip(earlier) ? mediaAfter(earlier, sources) : Infinity;
  let fromLater = Math.min(Math.floor(duration / 2), laterRoom);
  let fromEarlier = duration - fromLater;
  if (fromEarlier > earlierRoom) {
    fromEarlier = Math.max(0, earlierRoom);
    fromLater = duration - fromEarlier;
  }
  if (fromLater > laterRoom) {
    throw new TimelineCommandRejected(
      `There is not enough media beyond the cut for a ${duration}-frame crossfade; make it shorter or trim the clips first`,
    );
  }
  const clips = [...track.clips];
  clips[index] = retimed(earlier, earlier.start, earlier.duration + fromEarlier, 0);
  clips[index + 1] = retimed(later, later.start - fromLater, later.duration + fromLater, -fromLater);
  const transitions = inClipOrder(clips, [...track.transitions, { afterClipId, duration }]);
  return {
    timeline: withTrack(timeline, withClips(track, clips, transitions)),
    sourceChecks: [clips[index]!, clips[index + 1]!],
    newClipIds: [],
    replaced: false,
  };
}

/** Frames of media after a clip's out-point; unlimited when the media's length is unknown. */
function mediaAfter(clip: TimedClip, sources: SourceLookup): number {
  const frames = sources.get(clip.assetId)?.frames ?? null;
  return frames === null ? Infinity : frames - sourceOut(clip);
}

function removeTransition(timeline: Timeline, afterClipId: string): Change {
  const { track, index, clip: earlier } = locateClip(timeline, afterClipId);
  const transition = transitionAfter(track, afterClipId);
  const later = track.clips[index + 1];
  if (!transition || !later) throw new TimelineCommandRejected('There is no crossfade after this clip');
  const toLater = Math.floor(transition.duration / 2);
  const clips = [...track.clips];
  clips[index] = retimed(earlier, earlier.start, earlier.duration - (transition.duration - toLater), 0);
  clips[index + 1] = retimed(later, later.start + toLater, later.duration - toLater, toLater);
  const transitions = track.transitions.filter((t) => t !== transition);
  return {
    timeline: withTrack(timeline, withClips(track, clips, transitions)),
    sourceChecks: [],
    newClipIds: [],
    replaced: false,
  };
}

function addTrack(timeline: Timeline, kind: 'video' | 'audio', trackId: string, index: number): Timeline {
  if (findTrack(timeline, trackId)) throw new TimelineCommandRejected(`A track with id ${trackId} already exists`);
  const list = kind === 'video' ? timeline.videoTracks : timeline.audioTracks;
  if (list.length >= MAX_TRACKS_PER_KIND) {
    throw new TimelineCommandRejected(`A sequence has at most ${MAX_TRACKS_PER_KIND} ${kind} tracks`);
  }
  const at = Math.min(index, list.length);
  if (kind === 'video') {
    const videoTracks = [...timeline.videoTracks];
    videoTracks.splice(at, 0, { kind, id: trackId, muted: false, hidden: false, clips: [], transitions: [] });
    return { ...timeline, videoTracks };
  }
  const audioTracks = [...timeline.audioTracks];
  audioTracks.splice(at, 0, { kind, id: trackId, muted: false, clips: [], transitions: [] });
  return { ...timeline, audioTracks };
}

function restoreRegion(timeline: Timeline, regionId: string, clipId: string): Change {
  const region = timeline.removedRegions.find((r) => r.id === regionId);
  if (!region) throw new TimelineCommandRejected(`There is no removed part with id ${regionId} in this sequence`);
  const track = requireTrack(timeline, region.trackId);
  // Another part removed at the same cut goes back after this one when its media comes later.
  const { timeline: spaced, track: room } = rippleInsert(
    { ...timeline, removedRegions: timeline.removedRegions.filter((r) => r !== region) },
    track,
    region.frame,
    region.duration,
    (r) => r.assetId === region.assetId && r.sourceIn > region.sourceIn,
  );
  const clip: Clip = {
    id: clipId,
    kind: region.kind,
    assetId: region.assetId,
    start: region.frame,
    duration: region.duration,
    sourceIn: region.sourceIn,
    volume: 1,
    ...(region.reason ? { reason: region.reason } : {}),
  };
  const clips = [...room.clips];
  clips.splice(lastClipStartingBy(clips, clip.start) + 1, 0, clip);
  return {
    timeline: withTrack(spaced, withClips(room, clips)),
    sourceChecks: [clip],
    newClipIds: [clipId],
    replaced: false,
  };
}
