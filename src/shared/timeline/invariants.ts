import type { SourceLookup } from './sources';
import {
  MAX_FRAME,
  allTracks,
  clipEnd,
  isTimedClip,
  sourceOut,
  trackAccepts,
  trackLabel,
  type Clip,
  type ClipKind,
  type Marker,
  type RemovedRegion,
  type Timeline,
  type Track,
  type Transition,
} from './timeline';

/**
 * What makes a timeline valid. On each track, clips are in order of start and do not overlap, except two neighbours
 * joined by a crossfade, which overlap by exactly its duration. A crossfade is shorter than both clips it joins, and
 * the crossfades at the two ends of a clip are together no longer than the clip, so starts and ends both strictly
 * increase along a track. Every clip is at least one frame long and plays only frames its media has (images and titles
 * have no end). Ids are unique. Every command keeps all of this true or is rejected.
 */

export interface TimelineIssue {
  /** What is wrong, in words for the person editing. */
  message: string;
  trackId?: string;
  clipId?: string;
  markerId?: string;
  regionId?: string;
}

/** Everything wrong with a timeline; empty when it is valid. Without `sources`, clips are not checked against media. */
export function validateTimeline(timeline: Timeline, sources?: SourceLookup): TimelineIssue[] {
  const issues = duplicateIdIssues(timeline);
  for (const track of allTracks(timeline)) {
    issues.push(...trackLayoutIssues(timeline, track));
    if (!sources) continue;
    for (const clip of track.clips) {
      const issue = clipSourceIssue(timeline, track, clip, sources);
      if (issue) issues.push(issue);
    }
  }
  issues.push(...markerIssues(timeline.markers));
  issues.push(...regionIssues(timeline, timeline.removedRegions, sources));
  return issues;
}

/** Order, overlap, crossfades and frame bounds of one track's clips; media is `clipSourceIssue`'s business. */
export function trackLayoutIssues(timeline: Timeline, track: Track): TimelineIssue[] {
  const label = trackLabel(timeline, track.id);
  const issues: TimelineIssue[] = [];
  const after = new Map<string, Transition>();
  for (const transition of track.transitions) {
    if (after.has(transition.afterClipId)) {
      const message = `Two crossfades follow one clip on ${label}`;
      issues.push({ trackId: track.id, clipId: transition.afterClipId, message });
    }
    after.set(transition.afterClipId, transition);
  }
  const report = (clip: Clip, message: string) => issues.push({ trackId: track.id, clipId: clip.id, message });
  let followed = 0;
  let incoming = 0;
  for (let index = 0; index < track.clips.length; index += 1) {
    const clip = track.clips[index]!;
    if (!trackAccepts(track.kind, clip.kind)) report(clip, `${CLIP_NOUNS[clip.kind]} cannot go on ${label}`);
    if (!Number.isInteger(clip.start) || clip.start < 0) {
      report(clip, `A clip on ${label} would start before the beginning of the sequence`);
    }
    if (!Number.isInteger(clip.duration) || clip.duration < 1) {
      report(clip, `A clip on ${label} would be shorter than one frame`);
    } else if (clipEnd(clip) > MAX_FRAME) report(clip, `A clip on ${label} would end past the longest sequence allowed`);
    if (isTimedClip(clip) && (!Number.isInteger(clip.sourceIn) || clip.sourceIn < 0)) {
      report(clip, `A clip on ${label} would start before the beginning of its media`);
    }
    const transition = after.size === 0 ? undefined : after.get(clip.id);
    if (transition) followed += 1;
    const next = track.clips[index + 1];
    let outgoing = 0;
    if (!next) {
      if (transition) report(clip, `A crossfade on ${label} has no clip after it to fade into`);
    } else {
      const overlap = clipEnd(clip) - next.start;
      if (!transition) {
        if (overlap > 0) {
          report(clip, `Clips would overlap on ${label} at frame ${next.start}; only a crossfade may overlap two clips`);
        }
      } else if (overlap <= 0) {
        report(clip, `A crossfade on ${label} would join clips that do not touch`);
      } else if (overlap !== transition.duration) {
        report(clip, `Clips would overlap on ${label} at frame ${next.start}, across a crossfade`);
      } else if (transition.duration >= clip.duration || transition.duration >= next.duration) {
        report(clip, `A ${transition.duration}-frame crossfade on ${label} must be shorter than both clips it joins`);
      } else {
        outgoing = transition.duration;
      }
    }
    if (incoming + outgoing > clip.duration) {
      report(clip, `The crossfades at both ends of a clip on ${label} would overlap each other`);
    }
    incoming = outgoing;
  }
  if (followed < after.size) {
    const ids = new Set(track.clips.map((c) => c.id));
    for (const transition of track.transitions) {
      if (!ids.has(transition.afterClipId)) {
        issues.push({ trackId: track.id, message: `A crossfade on ${label} follows a clip that is not on the track` });
      }
    }
  }
  return issues;
}

export interface MediaCheckOptions {
  /**
   * Lets a clip whose media has left the project through, as when a timeline goes back to how it was before: its
   * media was checked then, and a missing file is the renderer's to report.
   */
  allowMissing?: boolean;
}

/** Whether a clip's media is in the project, is the right kind, and lasts long enough for the clip. */
export function clipSourceIssue(
  timeline: Timeline,
  track: Track,
  clip: Clip,
  sources: SourceLookup,
  options: MediaCheckOptions = {},
): TimelineIssue | null {
  if (clip.kind === 'title') return null;
  const problem = mediaProblem(clip.kind, clip.assetId, isTimedClip(clip) ? sourceOut(clip) : 0, sources, options);
  if (problem === null) return null;
  return { trackId: track.id, clipId: clip.id, message: `A clip on ${trackLabel(timeline, track.id)} ${problem}` };
}

export function markerIssues(markers: readonly Marker[]): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  markers.forEach((marker, index) => {
    if (!Number.isInteger(marker.frame) || marker.frame < 0 || marker.frame > MAX_FRAME) {
      issues.push({ markerId: marker.id, message: 'A marker would be outside the sequence' });
    }
    const previous = markers[index - 1];
    if (previous && compareMarkers(previous, marker) >= 0) {
      issues.push({ markerId: marker.id, message: 'Markers are out of order or share an id' });
    }
  });
  return issues;
}

/** The order markers are kept in: by frame, then by id. */
export function compareMarkers(a: Marker, b: Marker): number {
  if (a.frame !== b.frame) return a.frame - b.frame;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Removed regions belong to a track that can hold them and, given `sources`, fit inside their media. */
export function regionIssues(
  timeline: Timeline,
  regions: readonly RemovedRegion[],
  sources?: SourceLookup,
  options: MediaCheckOptions = {},
): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const seen = new Set<string>();
  for (const region of regions) {
    const report = (message: string) => issues.push({ regionId: region.id, trackId: region.trackId, message });
    if (seen.has(region.id)) report(`Two removed parts share the id ${region.id}`);
    seen.add(region.id);
    const track = allTracks(timeline).find((t) => t.id === region.trackId);
    if (!track) report('A removed part belongs to a track that is not in the sequence');
    else if (!trackAccepts(track.kind, region.kind)) {
      report(`A removed part cannot go back on ${trackLabel(timeline, track.id)}`);
    }
    if (region.frame < 0 || region.sourceIn < 0 || region.duration < 1) {
      report('A removed part has a negative position or no length');
    }
    const problem = sources
      ? mediaProblem(region.kind, region.assetId, region.sourceIn + region.duration, sources, options)
      : null;
    if (problem !== null) report(`A removed part ${problem}`);
  }
  return issues;
}

/** Ids that are used twice: by two tracks, two clips (on any tracks), or two markers. */
export function duplicateIdIssues(timeline: Timeline): TimelineIssue[] {
  const issues: TimelineIssue[] = [];
  const trackIds = new Set<string>();
  const clipIds = new Set<string>();
  for (const track of allTracks(timeline)) {
    if (trackIds.has(track.id)) issues.push({ trackId: track.id, message: `Two tracks share the id ${track.id}` });
    trackIds.add(track.id);
    for (const clip of track.clips) {
      if (clipIds.has(clip.id)) {
        issues.push({ trackId: track.id, clipId: clip.id, message: `Two clips share the id ${clip.id}` });
      }
      clipIds.add(clip.id);
    }
  }
  const markerIds = new Set<string>();
  for (const marker of timeline.markers) {
    if (markerIds.has(marker.id)) issues.push({ markerId: marker.id, message: `Two markers share the id ${marker.id}` });
    markerIds.add(marker.id);
  }
  return issues;
}

const CLIP_NOUNS: Record<ClipKind, string> = {
  video: 'A video clip',
  audio: 'An audio clip',
  image: 'An image',
  title: 'A title',
};

/** Why media cannot be used as a clip of this kind, ending at `sourceEnd`, as the end of a sentence; null if it can. */
function mediaProblem(
  kind: Exclude<ClipKind, 'title'>,
  assetId: string,
  sourceEnd: number,
  sources: SourceLookup,
  options: MediaCheckOptions,
): string | null {
  const source = sources.get(assetId);
  if (!source) return options.allowMissing ? null : 'uses media that is not in the project';
  if (kind === 'video' && source.kind !== 'video') {
    return `needs a video file, not ${source.kind === 'image' ? 'an image' : 'an audio file'}`;
  }
  if (kind === 'image' && source.kind !== 'image') return 'needs an image file';
  if (kind === 'audio' && !source.hasSound) return 'needs media with sound';
  if (kind !== 'image' && source.frames !== null && sourceEnd > source.frames) {
    return `runs past the end of its media (to frame ${sourceEnd} of ${source.frames})`;
  }
  return null;
}
