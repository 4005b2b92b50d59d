import type {
  AudioClip,
  AudioTrack,
  ClipReason,
  Marker,
  RemovedRegion,
  Timeline,
  Transition,
  VideoClip,
  VideoTrack,
} from '../../src/shared/timeline/timeline';
import { MARKER_COLOURS, REASON_KINDS } from '../../src/shared/timeline/timeline';

/**
 * The timelines the bench opens: `count` clips on V1 and `count` on A1 laid end to end, the way an automatic edit
 * leaves them (every seventh video clip and every eleventh audio clip carries a reason label), five crossfades per
 * track, a marker every fortieth of the way and a few removed parts shown as ghosts. The 20-clip baseline and the
 * 2,000-clip sequence have the same shape, so the only difference the bench sees is how many clips there are.
 */

/** Frames between clip starts; a clip of the sequence lasts this long (video) or a little less (audio, leaving gaps). */
export const CLIP_STRIDE = 30;
const AUDIO_DURATION = 25;
const CROSSFADE = 10;
const CROSSFADES_PER_TRACK = 5;

export interface SourceMedia {
  assetId: string;
  /** Whole frames of the sequence's rate the media lasts. */
  frames: number;
}

export interface BenchTimeline {
  timeline: Pick<Timeline, 'videoTracks' | 'audioTracks' | 'markers' | 'removedRegions'>;
  /** The frame just after the last clip. */
  duration: number;
  clips: number;
}

/** Clips after which a crossfade runs into the next clip: five, spread evenly along the track. */
function crossfadeIndices(count: number): Set<number> {
  const every = Math.max(2, Math.floor(count / CROSSFADES_PER_TRACK));
  const indices = new Set<number>();
  for (let i = Math.floor(every / 2); i < count - 1 && indices.size < CROSSFADES_PER_TRACK; i += every) indices.add(i);
  return indices;
}

function reason(i: number, every: number): { reason?: ClipReason } {
  if (i % every !== 0) return {};
  const kind = REASON_KINDS[(i / every) % REASON_KINDS.length]!;
  return { reason: { kind, text: `${kind} ${i / every + 1}` } };
}

/** A source stretch for clip `i` that leaves room for `longest` frames. */
function sourceIn(i: number, media: SourceMedia, longest: number): number {
  const room = media.frames - longest;
  if (room < 0) throw new Error(`The bench media ${media.assetId} lasts ${media.frames} frames; clips need ${longest}.`);
  return i % (room + 1);
}

export function benchTimeline(
  count: number,
  tracks: { videoTrackId: string; audioTrackId: string },
  video: SourceMedia,
  audio: SourceMedia,
): BenchTimeline {
  const fades = crossfadeIndices(count);
  const longest = CLIP_STRIDE + CROSSFADE;
  const videoClips: VideoClip[] = [];
  const audioClips: AudioClip[] = [];
  const videoFades: Transition[] = [];
  const audioFades: Transition[] = [];
  for (let i = 0; i < count; i += 1) {
    const start = i * CLIP_STRIDE;
    // A crossfade overlaps the next clip by its length: the clip before it runs on under the next one.
    const fade = fades.has(i) ? CROSSFADE : 0;
    const videoId = `v${i}`;
    const audioId = `a${i}`;
    videoClips.push({
      kind: 'video',
      id: videoId,
      assetId: video.assetId,
      start,
      duration: CLIP_STRIDE + fade,
      sourceIn: sourceIn(i, video, longest),
      volume: 1,
      ...reason(i, 7),
    });
    audioClips.push({
      kind: 'audio',
      id: audioId,
      assetId: audio.assetId,
      start,
      duration: fade > 0 ? CLIP_STRIDE + fade : AUDIO_DURATION,
      sourceIn: sourceIn(i, audio, longest),
      volume: 1,
      ...reason(i, 11),
    });
    if (fade > 0) {
      videoFades.push({ afterClipId: videoId, duration: fade });
      audioFades.push({ afterClipId: audioId, duration: fade });
    }
  }
  const duration = (count - 1) * CLIP_STRIDE + (fades.has(count - 1) ? CLIP_STRIDE + CROSSFADE : CLIP_STRIDE);

  const markerEvery = Math.max(5, Math.floor(count / 40));
  const markers: Marker[] = [];
  for (let i = markerEvery; i < count; i += markerEvery) {
    markers.push({
      id: `m${i}`,
      frame: i * CLIP_STRIDE,
      label: `marker ${markers.length + 1}`,
      colour: MARKER_COLOURS[markers.length % MARKER_COLOURS.length]!,
    });
  }

  // Removed parts sit between the crossfades, half a clip in, as an automatic edit's cut pauses would.
  const regionEvery = Math.max(4, Math.floor(count / 5));
  const removedRegions: RemovedRegion[] = [];
  for (let i = 3; i < count; i += regionEvery) {
    removedRegions.push({
      id: `r${i}`,
      trackId: tracks.videoTrackId,
      frame: i * CLIP_STRIDE,
      kind: 'video',
      assetId: video.assetId,
      sourceIn: 0,
      duration: 15,
      reason: { kind: 'pause', text: 'silence' },
    });
  }

  const videoTrack: VideoTrack = {
    kind: 'video',
    id: tracks.videoTrackId,
    muted: false,
    hidden: false,
    clips: videoClips,
    transitions: videoFades,
  };
  const audioTrack: AudioTrack = { kind: 'audio', id: tracks.audioTrackId, muted: false, clips: audioClips, transitions: audioFades };
  return {
    timeline: { videoTracks: [videoTrack], audioTracks: [audioTrack], markers, removedRegions },
    duration,
    clips: count * 2,
  };
}
