import type { AudioSegment, Overlay, RenderPlanInput, VideoSegment } from '../render/render-plan';
import type { FrameRate, FrameSize, SampleRate } from '../video-format';
import { timelineDuration, type Timeline, type Transition } from './timeline';

/** Where a clip's media is on disk, and whether it has sound (a video clip carries its own). */
export interface PlanMedia {
  path: string;
  hasSound: boolean;
}

export class UnrenderableSequence extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnrenderableSequence';
  }
}

export interface SequenceForPlan {
  frameRate: FrameRate;
  frameSize: FrameSize;
  timeline: Timeline;
}

/** Images and titles on the overlay track: full-frame pictures, and titles low in the frame in white. */
const TITLE_LOOK = { x: 0.5, y: 0.85, size: 0.08, color: '#ffffff' } as const;

/**
 * The render plan of a sequence: video tracks become layers (bottom first; hidden ones left out), their images still
 * pictures of the layer, the sound of video clips and the audio tracks become audio tracks (muted ones left out), the
 * overlay track's images and titles become overlays, and a
 * crossfade becomes the later clip's `transitionIn`. Both share the model's frame units, so nothing is rounded.
 */
export function sequenceRenderPlan(
  sequence: SequenceForPlan,
  sampleRate: SampleRate,
  media: (assetId: string) => PlanMedia | null,
): RenderPlanInput {
  const { timeline } = sequence;
  const duration = timelineDuration(timeline);
  if (duration === 0) throw new UnrenderableSequence('The sequence is empty: add clips before exporting it.');
  const find = (assetId: string, clipId: string) => {
    const found = media(assetId);
    if (!found) throw new UnrenderableSequence(`Clip ${clipId} uses media that is missing from the project; relink or replace it.`);
    return found;
  };
  const crossfadeInto = (transitions: readonly Transition[], previousClipId: string | undefined) => {
    const transition = previousClipId === undefined ? undefined : transitions.find((t) => t.afterClipId === previousClipId);
    return transition ? { transitionIn: { kind: 'crossfade' as const, frames: transition.duration } } : {};
  };

  const video: { segments: VideoSegment[] }[] = [];
  const audio: { segments: AudioSegment[]; muted: boolean }[] = [];
  const overlays: Overlay[] = [];
  const fullFrame = (source: string, start: number, length: number): Overlay => ({
    kind: 'image',
    source,
    start,
    duration: length,
    x: 0.5,
    y: 0.5,
    width: 1,
  });

  for (const track of timeline.videoTracks) {
    const pictures: VideoSegment[] = [];
    const sound: AudioSegment[] = [];
    let previous: { id: string; hasSound: boolean } | undefined;
    for (const clip of track.clips) {
      const source = find(clip.assetId, clip.id);
      const hasSound = clip.kind !== 'image' && source.hasSound;
      const timing = { source: source.path, timelineStart: clip.start, duration: clip.duration };
      const crossfade = crossfadeInto(track.transitions, previous?.id);
      // An image on a video track is a still picture of that layer: it stays in its layer's place in the stack and
      // crossfades with its neighbours like any clip.
      const sourceStart = clip.kind === 'image' ? 0 : clip.sourceIn;
      if (!track.hidden) pictures.push({ ...timing, ...crossfade, sourceStart });
      // Sound crossfades only from sound: after a silent clip it starts at its cut.
      if (hasSound) sound.push({ ...timing, ...(previous?.hasSound ? crossfade : {}), sourceStart, volume: clip.volume });
      previous = { id: clip.id, hasSound };
    }
    if (pictures.length > 0) video.push({ segments: pictures });
    if (sound.length > 0) audio.push({ segments: sound, muted: track.muted });
  }
  for (const track of timeline.audioTracks) {
    let previous: string | undefined;
    const segments = track.clips.map((clip): AudioSegment => {
      const source = find(clip.assetId, clip.id);
      const segment = {
        source: source.path,
        sourceStart: clip.sourceIn,
        timelineStart: clip.start,
        duration: clip.duration,
        volume: clip.volume,
        ...crossfadeInto(track.transitions, previous),
      };
      previous = clip.id;
      return segment;
    });
    if (segments.length > 0) audio.push({ segments, muted: track.muted });
  }
  if (!timeline.overlayTrack.hidden) {
    for (const clip of timeline.overlayTrack.clips) {
      overlays.push(
        clip.kind === 'title'
          ? { kind: 'title', text: clip.text, start: clip.start, duration: clip.duration, ...TITLE_LOOK }
          : fullFrame(find(clip.assetId, clip.id).path, clip.start, clip.duration),
      );
    }
  }
  return { frameRate: sequence.frameRate, frameSize: sequence.frameSize, sampleRate, duration, video, audio, overlays };
}
