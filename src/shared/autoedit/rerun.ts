import { validateTimeline } from '../timeline/invariants';
import { clipEnd, type Clip, type RemovedRegion, type Timeline, type TimedClip, type Track } from '../timeline/timeline';
import type { FrameRate } from '../video-format';
import { clockTime, timelineFromPieces, type AutoEditSource, type FramePiece } from './autoedit-timeline';

/**
 * Re-running an automatic edit with new parameters on a timeline the user has edited since. Runs anywhere.
 *
 * A manual edit is any clip or removed region of the edited asset, on the track the auto-edit filled, whose media
 * span, reason or volume differs from what the previous run made (a trim, a split, a restored pause, a deleted
 * clip), and any crossfade on that track. The runs differ only in some stretches of the source; in each, the previous
 * run's clips and regions are swapped for the new run's, and what follows on the track moves by the change in length
 * (as a ripple edit does). Everything else, manual edits included, stays as the user left it. When a manual edit
 * touches a stretch that changes, nothing is changed and the conflicts are listed instead, for the UI to ask about.
 */

export interface RerunConflict {
  /** The source frames that both the user and the new parameters change. */
  sourceIn: number;
  sourceOut: number;
  /** In the user's words. */
  message: string;
}

export type RerunResult =
  | {
      ok: true;
      timeline: Timeline;
      /** Clips and removed parts that differed from the last run (or that the user took away), all kept as they were. */
      keptEdits: number;
    }
  | { ok: false; conflicts: RerunConflict[] };

/**
 * The edited `timeline` with `previous` (the pieces the last run made) replaced by `next` where they differ. Both
 * piece lists must tile the same source frames, as `deadAirPieces` and `scenePieces` do.
 */
export function rerunAutoEdit(
  timeline: Timeline,
  previous: readonly FramePiece[],
  next: readonly FramePiece[],
  source: AutoEditSource,
  rate: FrameRate,
): RerunResult {
  const pristine = timelineFromPieces(previous, source, 'previous');
  const pristineTrack = mainTrack(pristine, source);
  const track = [...timeline.videoTracks, ...timeline.audioTracks].find((t) => t.id === pristineTrack.id);
  const span = (from: number, to: number) => `${clockTime((from * rate.den) / rate.num, 1)}–${clockTime((to * rate.den) / rate.num, 1)}`;
  if (!track) {
    return { ok: false, conflicts: [{ sourceIn: 0, sourceOut: previous.at(-1)?.sourceOut ?? 0, message: 'The track the automatic edit made is gone.' }] };
  }

  const pristineClips = new Set(pristineTrack.clips.map(itemKey));
  const pristineRegions = new Set(pristine.removedRegions.map(itemKey));
  const userClips = (track.clips as readonly Clip[]).filter((c): c is TimedClip => c.kind === source.kind && c.assetId === source.assetId);
  const userRegions = timeline.removedRegions.filter((r) => r.trackId === track.id && r.assetId === source.assetId);
  const userClipKeys = new Set(userClips.map(itemKey));
  const userRegionKeys = new Set(userRegions.map(itemKey));
  // Spans the user changed: their own clips and regions, and the previous run's ones they took away.
  const edited: { sourceIn: number; sourceOut: number; what: string }[] = [
    ...userClips.filter((c) => !pristineClips.has(itemKey(c))).map((c) => ({ ...spanOf(c), what: 'a clip' })),
    ...userRegions.filter((r) => !pristineRegions.has(itemKey(r))).map((r) => ({ ...spanOf(r), what: 'a removed part' })),
    ...pristineTrack.clips.filter((c) => !userClipKeys.has(itemKey(c))).map((c) => ({ ...spanOf(c as TimedClip), what: 'a clip' })),
    ...pristine.removedRegions.filter((r) => !userRegionKeys.has(itemKey(r))).map((r) => ({ ...spanOf(r), what: 'a removed part' })),
  ];

  const conflicts: RerunConflict[] = [];
  const replacements: Replacement[] = [];
  for (const stretch of changedStretches(previous, next)) {
    const covered = stretch.next.reduce((sum, p) => sum + p.sourceOut - p.sourceIn, 0);
    if (covered !== stretch.sourceOut - stretch.sourceIn) {
      throw new Error('The two runs of an automatic edit must cover the same frames of the same media.');
    }
    const touched = edited.filter((e) => e.sourceIn < stretch.sourceOut && stretch.sourceIn < e.sourceOut);
    if (touched.length > 0) {
      const what = [...new Set(touched.map((e) => e.what))].join(' and ');
      conflicts.push({ ...bounds(stretch), message: `You changed ${what} at ${span(stretch.sourceIn, stretch.sourceOut)}, which the new settings cut differently.` });
      continue;
    }
    const placed = placeStretch(timeline, track, stretch, source);
    if (typeof placed === 'string') conflicts.push({ ...bounds(stretch), message: `${placed} at ${span(stretch.sourceIn, stretch.sourceOut)}.` });
    else replacements.push(placed);
  }
  if (conflicts.length > 0) return { ok: false, conflicts };

  let result = timeline;
  // From the last stretch on the timeline to the first, so each one's place is not moved by another's change.
  replacements.sort((a, b) => b.from - a.from);
  replacements.forEach((replacement, index) => {
    result = replaceStretch(result, replacement, source, freshPrefix(timeline, index));
  });
  // In the order a fresh edit lists them: by place on the timeline, then by place in the media.
  result = { ...result, removedRegions: [...result.removedRegions].sort((a, b) => a.frame - b.frame || a.sourceIn - b.sourceIn) };
  const issue = validateTimeline(result)[0];
  if (issue) {
    return { ok: false, conflicts: [{ sourceIn: 0, sourceOut: previous.at(-1)?.sourceOut ?? 0, message: `The new cut does not fit with your edits: ${issue.message}.` }] };
  }
  return { ok: true, timeline: result, keptEdits: edited.length };
}

/** A stretch of source where the two runs differ, with each run's pieces over it. */
interface Stretch {
  sourceIn: number;
  sourceOut: number;
  previous: FramePiece[];
  next: FramePiece[];
}

/** Where a stretch's previous pieces are on the track, and what replaces them. */
interface Replacement {
  stretch: Stretch;
  /** The timeline frames the previous run's clips of the stretch cover (equal when it had none). */
  from: number;
  to: number;
  clipIds: Set<string>;
  regionIds: Set<string>;
}

/**
 * The stretches where the runs differ. A piece both runs made alike covers the same frames in each, so the pieces
 * only one run made come in runs over the same source in both lists.
 */
function changedStretches(previous: readonly FramePiece[], next: readonly FramePiece[]): Stretch[] {
  const nextKeys = new Set(next.map(pieceKey));
  const previousKeys = new Set(previous.map(pieceKey));
  const stretches: Stretch[] = [];
  for (const piece of previous) {
    if (nextKeys.has(pieceKey(piece))) continue;
    const last = stretches.at(-1);
    if (last && last.sourceOut === piece.sourceIn) {
      last.sourceOut = piece.sourceOut;
      last.previous.push(piece);
    } else {
      stretches.push({ sourceIn: piece.sourceIn, sourceOut: piece.sourceOut, previous: [piece], next: [] });
    }
  }
  for (const piece of next) {
    if (previousKeys.has(pieceKey(piece))) continue;
    stretches.find((s) => s.sourceIn <= piece.sourceIn && piece.sourceOut <= s.sourceOut)?.next.push(piece);
  }
  return stretches;
}

/** Finds the previous run's clips and regions of a stretch on the track, or says why they cannot be swapped. */
function placeStretch(timeline: Timeline, track: Track, stretch: Stretch, source: AutoEditSource): Replacement | string {
  const clipIds = new Set<string>();
  const regionIds = new Set<string>();
  const indices: number[] = [];
  const regions: RemovedRegion[] = [];
  for (const piece of stretch.previous) {
    const key = pieceItemKey(piece, source);
    if (piece.kept) {
      const index = track.clips.findIndex((c) => !clipIds.has(c.id) && itemKey(c) === key);
      if (index < 0) return 'A clip the last run made is no longer where it was';
      clipIds.add(track.clips[index]!.id);
      indices.push(index);
    } else {
      const region = timeline.removedRegions.find((r) => r.trackId === track.id && !regionIds.has(r.id) && itemKey(r) === key);
      if (!region) return 'A removed part the last run made is no longer there';
      regionIds.add(region.id);
      regions.push(region);
    }
  }
  const clips = indices.map((i) => track.clips[i]!);
  const contiguous = indices.every((index, k) => k === 0 || (index === indices[k - 1]! + 1 && clips[k]!.start === clipEnd(clips[k - 1]!)));
  if (!contiguous) return 'Clips the last run made side by side were moved apart';
  const from = clips[0]?.start ?? regions[0]!.frame;
  const to = clips.length > 0 ? clipEnd(clips.at(-1)!) : from;
  if (regions.some((r) => r.frame < from || r.frame > to)) return 'A removed part the last run made was moved';
  const firstIndex = indices[0] ?? track.clips.findIndex((c) => c.start >= from);
  const before = track.clips[(firstIndex < 0 ? track.clips.length : firstIndex) - 1];
  if (clips.length === 0 && before && clipEnd(before) > from) return 'A clip now covers the place of a removed part';
  const faded = new Set([...clipIds, ...(before ? [before.id] : [])]);
  if (track.transitions.some((t) => faded.has(t.afterClipId))) return 'A crossfade joins clips the new settings cut differently';
  return { stretch, from, to, clipIds, regionIds };
}

/** Swaps a stretch's previous clips and regions for the new run's, moving what follows on the track. */
function replaceStretch(timeline: Timeline, replacement: Replacement, source: AutoEditSource, idPrefix: string): Timeline {
  const { stretch, from, to, clipIds, regionIds } = replacement;
  const laidOut = timelineFromPieces(stretch.next, source, idPrefix);
  const newClips = mainTrack(laidOut, source).clips.map((c) => ({ ...c, start: c.start + from }));
  const length = newClips.reduce((sum, c) => sum + c.duration, 0);
  const delta = length - (to - from);
  const track = [...timeline.videoTracks, ...timeline.audioTracks].find((t) => t.id === mainTrack(laidOut, source).id)!;
  const follows = (region: RemovedRegion) =>
    region.frame > to || (region.frame === to && (region.assetId !== source.assetId || region.sourceIn >= stretch.sourceOut));
  const kept = (track.clips as readonly Clip[]).filter((c) => !clipIds.has(c.id));
  const clips = [
    ...kept.filter((c) => c.start < from),
    ...newClips,
    ...kept.filter((c) => c.start >= from).map((c) => ({ ...c, start: c.start + delta })),
  ];
  const removedRegions = [
    ...timeline.removedRegions
      .filter((r) => !regionIds.has(r.id))
      .map((r) => (r.trackId === track.id && follows(r) ? { ...r, frame: r.frame + delta } : r)),
    ...laidOut.removedRegions.map((r) => ({ ...r, trackId: track.id, frame: r.frame + from })),
  ];
  const changed = { ...track, clips } as Track;
  return changed.kind === 'video'
    ? { ...timeline, removedRegions, videoTracks: timeline.videoTracks.map((t) => (t.id === track.id ? changed : t)) }
    : changed.kind === 'audio'
      ? { ...timeline, removedRegions, audioTracks: timeline.audioTracks.map((t) => (t.id === track.id ? changed : t)) }
      : timeline;
}

/** The track an auto-edit's own timeline fills: V1 for a video, A1 for a sound file. */
function mainTrack(autoEdit: Timeline, source: AutoEditSource): Track {
  return source.kind === 'video' ? autoEdit.videoTracks[0]! : autoEdit.audioTracks[0]!;
}

/** Ids for a stretch's new clips and regions that no clip or region in the timeline uses. */
function freshPrefix(timeline: Timeline, index: number): string {
  const used = new Set([
    ...[...timeline.videoTracks, ...timeline.audioTracks, timeline.overlayTrack].flatMap((t) => t.clips.map((c) => c.id)),
    ...timeline.removedRegions.map((r) => r.id),
  ]);
  for (let n = 1; ; n++) {
    const prefix = `rerun${n}-${index}`;
    if (![...used].some((id) => id.startsWith(`${prefix}-`))) return prefix;
  }
}

/** What makes a clip or region the same as one the auto-edit made: its media span, reason and (for clips) volume. */
function itemKey(item: Clip | RemovedRegion): string {
  const timed = 'sourceIn' in item ? item : null;
  const volume = 'volume' in item ? item.volume : 1;
  return JSON.stringify([item.kind, 'assetId' in item ? item.assetId : '', timed?.sourceIn, item.duration, item.reason?.kind, item.reason?.text, volume]);
}

function pieceItemKey(piece: FramePiece, source: AutoEditSource): string {
  return JSON.stringify([source.kind, source.assetId, piece.sourceIn, piece.sourceOut - piece.sourceIn, piece.reason.kind, piece.reason.text, 1]);
}

function pieceKey(piece: FramePiece): string {
  return JSON.stringify([piece.sourceIn, piece.sourceOut, piece.kept, piece.reason.kind, piece.reason.text]);
}

function spanOf(item: { sourceIn: number; duration: number }): { sourceIn: number; sourceOut: number } {
  return { sourceIn: item.sourceIn, sourceOut: item.sourceIn + item.duration };
}

function bounds(stretch: Stretch): { sourceIn: number; sourceOut: number } {
  return { sourceIn: stretch.sourceIn, sourceOut: stretch.sourceOut };
}
