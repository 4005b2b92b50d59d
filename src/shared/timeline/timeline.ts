import { z } from 'zod';
import { AssetIdSchema } from '../assets';

/**
 * The timeline of a sequence: tracks of clips, crossfades, markers, and the parts an automatic edit removed. Plain
 * data; `commands.ts` changes it, `invariants.ts` says what a valid one is. Runs anywhere: no Node, no DOM.
 *
 * Time is counted in whole frames of the sequence's frame rate, everywhere: positions on the timeline (`start`,
 * `duration`, marker frames) and positions in a clip's media (`sourceIn`). Frame n of a sequence at num/den fps starts
 * at n × den / num seconds, and so does source frame n of any media in it, whatever that media's own rate: a 25 fps or
 * variable-rate source in a 30 fps sequence is sampled at the sequence's frame times (its frames repeat or are skipped),
 * and its sound is cut at those same instants. Integer frames make cuts exact and comparisons free of rounding.
 * Clips play at normal speed, so a clip's media runs from `sourceIn` to `sourceIn + duration` (see `sourceOut`).
 */

export const TimelineIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'Not a timeline id');

/** Over 2,000 hours at 120 fps, far beyond any edit, and small enough that frame arithmetic stays exact. */
export const MAX_FRAME = 1_000_000_000;
export const MAX_TRACKS_PER_KIND = 99;
export const MAX_CLIPS_PER_TRACK = 100_000;

export const FrameSchema = z.number().int().min(0).max(MAX_FRAME);
export const FrameCountSchema = z.number().int().min(1).max(MAX_FRAME);
/** Linear gain: 0 is silent, 1 as recorded, 4 is about +12 dB. */
export const VolumeSchema = z.number().min(0).max(4);

/** Why a clip made by an automatic edit exists (speech kept, scene 3, beat 12), shown on the clip. */
export const REASON_KINDS = ['speech', 'pause', 'scene', 'beat', 'manual'] as const;
export const ClipReasonSchema = z.object({ kind: z.enum(REASON_KINDS), text: z.string().max(500) });
export type ClipReason = z.infer<typeof ClipReasonSchema>;

const clipFields = {
  id: TimelineIdSchema,
  start: FrameSchema,
  duration: FrameCountSchema,
  reason: ClipReasonSchema.optional(),
};
const timedClipFields = { ...clipFields, assetId: AssetIdSchema, sourceIn: FrameSchema, volume: VolumeSchema };

/** A stretch of a video asset: its picture, and its sound when it has some. */
export const VideoClipSchema = z.object({ kind: z.literal('video'), ...timedClipFields });
/** A stretch of the sound of an audio or video asset. */
export const AudioClipSchema = z.object({ kind: z.literal('audio'), ...timedClipFields });
/** A still image held for `duration` frames. */
export const ImageClipSchema = z.object({ kind: z.literal('image'), ...clipFields, assetId: AssetIdSchema });
/** Text drawn over the picture; its look is the renderer's. */
export const TitleClipSchema = z.object({ kind: z.literal('title'), ...clipFields, text: z.string().min(1).max(2000) });
export const ClipSchema = z.discriminatedUnion('kind', [
  VideoClipSchema,
  AudioClipSchema,
  ImageClipSchema,
  TitleClipSchema,
]);

export type VideoClip = z.infer<typeof VideoClipSchema>;
export type AudioClip = z.infer<typeof AudioClipSchema>;
export type ImageClip = z.infer<typeof ImageClipSchema>;
export type TitleClip = z.infer<typeof TitleClipSchema>;
export type Clip = z.infer<typeof ClipSchema>;
/** A clip that plays a stretch of its media, so it has an in-point and a volume. */
export type TimedClip = VideoClip | AudioClip;
export type ClipKind = Clip['kind'];

/**
 * A crossfade from a clip into the next one on its track. The two overlap by exactly `duration` frames: the later clip
 * starts `duration` frames before the earlier one ends, and the picture or sound fades across that overlap.
 */
export const TransitionSchema = z.object({ afterClipId: TimelineIdSchema, duration: FrameCountSchema });
export type Transition = z.infer<typeof TransitionSchema>;

const trackFields = { id: TimelineIdSchema, transitions: z.array(TransitionSchema).max(MAX_CLIPS_PER_TRACK) };

/** Picture (and the sound of its video clips). `hidden` drops the picture, `muted` the sound. */
export const VideoTrackSchema = z.object({
  kind: z.literal('video'),
  ...trackFields,
  muted: z.boolean(),
  hidden: z.boolean(),
  clips: z.array(z.discriminatedUnion('kind', [VideoClipSchema, ImageClipSchema])).max(MAX_CLIPS_PER_TRACK),
});
export const AudioTrackSchema = z.object({
  kind: z.literal('audio'),
  ...trackFields,
  muted: z.boolean(),
  clips: z.array(AudioClipSchema).max(MAX_CLIPS_PER_TRACK),
});
/** Images and titles above every video track. It has no sound, so it can be hidden but not muted. */
export const OverlayTrackSchema = z.object({
  kind: z.literal('overlay'),
  ...trackFields,
  hidden: z.boolean(),
  clips: z.array(z.discriminatedUnion('kind', [ImageClipSchema, TitleClipSchema])).max(MAX_CLIPS_PER_TRACK),
});
export type VideoTrack = z.infer<typeof VideoTrackSchema>;
export type AudioTrack = z.infer<typeof AudioTrackSchema>;
export type OverlayTrack = z.infer<typeof OverlayTrackSchema>;
export type Track = VideoTrack | AudioTrack | OverlayTrack;
export type TrackKind = Track['kind'];

export const MARKER_COLOURS = ['red', 'orange', 'yellow', 'green', 'blue', 'purple'] as const;
export const MarkerSchema = z.object({
  id: TimelineIdSchema,
  frame: FrameSchema,
  label: z.string().max(200),
  colour: z.enum(MARKER_COLOURS),
});
export type Marker = z.infer<typeof MarkerSchema>;

/**
 * Media an automatic edit cut out (a pause, a filler word), kept so it can be shown as a ghost and put back: restoring
 * inserts it on its track at `frame` and moves what follows on that track later by its duration.
 */
export const RemovedRegionSchema = z.object({
  id: TimelineIdSchema,
  trackId: TimelineIdSchema,
  frame: FrameSchema,
  kind: z.enum(['video', 'audio']),
  assetId: AssetIdSchema,
  sourceIn: FrameSchema,
  duration: FrameCountSchema,
  reason: ClipReasonSchema.optional(),
});
export type RemovedRegion = z.infer<typeof RemovedRegionSchema>;

/**
 * Video tracks are listed bottom first: where several show a picture at once, the last one in the list wins, and the
 * overlay track is above them all. Clips on a track are in order of `start`; empty space between clips is a gap.
 * Markers are in order of frame, then id.
 */
export const TimelineSchema = z.object({
  videoTracks: z.array(VideoTrackSchema).max(MAX_TRACKS_PER_KIND),
  audioTracks: z.array(AudioTrackSchema).max(MAX_TRACKS_PER_KIND),
  overlayTrack: OverlayTrackSchema,
  markers: z.array(MarkerSchema).max(10_000),
  removedRegions: z.array(RemovedRegionSchema).max(MAX_CLIPS_PER_TRACK),
});
export type Timeline = z.infer<typeof TimelineSchema>;

/** A new sequence's timeline: one video track, one audio track and the overlay track, all empty. */
export function newTimeline(): Timeline {
  return {
    videoTracks: [{ kind: 'video', id: 'video-1', muted: false, hidden: false, clips: [], transitions: [] }],
    audioTracks: [{ kind: 'audio', id: 'audio-1', muted: false, clips: [], transitions: [] }],
    overlayTrack: { kind: 'overlay', id: 'overlay', hidden: false, clips: [], transitions: [] },
    markers: [],
    removedRegions: [],
  };
}

/** The first frame after the clip. */
export function clipEnd(clip: { start: number; duration: number }): number {
  return clip.start + clip.duration;
}

/** The source frame just after the last one the clip plays. */
export function sourceOut(clip: TimedClip): number {
  return clip.sourceIn + clip.duration;
}

export function isTimedClip(clip: Clip): clip is TimedClip {
  return clip.kind === 'video' || clip.kind === 'audio';
}

/** Which clips a track of each kind holds. */
export function trackAccepts(track: TrackKind, clip: ClipKind): boolean {
  switch (track) {
    case 'video':
      return clip === 'video' || clip === 'image';
    case 'audio':
      return clip === 'audio';
    case 'overlay':
      return clip === 'image' || clip === 'title';
  }
}

/** Every track, in drawing order: video tracks bottom to top, the overlay, then the audio tracks. */
export function allTracks(timeline: Timeline): Track[] {
  return [...timeline.videoTracks, timeline.overlayTrack, ...timeline.audioTracks];
}

export function findTrack(timeline: Timeline, trackId: string): Track | undefined {
  return allTracks(timeline).find((t) => t.id === trackId);
}

/** The name people see: V1 is the bottom video track, A1 the first audio track. */
export function trackLabel(timeline: Timeline, trackId: string): string {
  const video = timeline.videoTracks.findIndex((t) => t.id === trackId);
  if (video >= 0) return `V${video + 1}`;
  const audio = timeline.audioTracks.findIndex((t) => t.id === trackId);
  if (audio >= 0) return `A${audio + 1}`;
  return timeline.overlayTrack.id === trackId ? 'Overlay' : 'a track that is gone';
}

/**
 * The sequence's length in frames: the end of its last clip. Starts and ends both increase along a track (see
 * invariants.ts), so each track's last clip is the one that ends last.
 */
export function timelineDuration(timeline: Timeline): number {
  let end = 0;
  for (const track of allTracks(timeline)) {
    const last = track.clips.at(-1);
    if (last) end = Math.max(end, clipEnd(last));
  }
  return end;
}

export interface ClipOnTrack {
  track: Track;
  clip: Clip;
}

/** The clips that show or sound at a frame, in drawing order; two on one track when the frame is in a crossfade. */
export function clipsAtFrame(timeline: Timeline, frame: number): ClipOnTrack[] {
  const found: ClipOnTrack[] = [];
  for (const track of allTracks(timeline)) {
    const last = lastClipStartingBy(track.clips, frame);
    for (const index of [last - 1, last]) {
      const clip = track.clips[index];
      if (clip && clip.start <= frame && frame < clipEnd(clip)) found.push({ track, clip });
    }
  }
  return found;
}

/** The index of the last clip starting at or before `frame` (-1 when none does), by binary search over the starts. */
export function lastClipStartingBy(clips: readonly Clip[], frame: number): number {
  return lastStartingBy(clips, frame, (clip) => clip.start);
}

/** The index of the last item starting at or before `frame` (-1 when none does), for items in order of `start`. */
export function lastStartingBy<T>(items: readonly T[], frame: number, start: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (start(items[middle]!) <= frame) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

/** The timeline with every asset id swapped by `idFor`, as when a timeline file's media has been imported. */
export function replaceAssetIds(timeline: Timeline, idFor: (assetId: string) => string): Timeline {
  const swap = <C extends Clip>(clip: C): C => ('assetId' in clip ? { ...clip, assetId: idFor(clip.assetId) } : clip);
  return {
    ...timeline,
    videoTracks: timeline.videoTracks.map((t) => ({ ...t, clips: t.clips.map(swap) })),
    audioTracks: timeline.audioTracks.map((t) => ({ ...t, clips: t.clips.map(swap) })),
    overlayTrack: { ...timeline.overlayTrack, clips: timeline.overlayTrack.clips.map(swap) },
    removedRegions: timeline.removedRegions.map((r) => ({ ...r, assetId: idFor(r.assetId) })),
  };
}
