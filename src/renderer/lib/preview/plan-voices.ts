import { framesToSeconds, segmentEnd, type Overlay, type RenderPlanInput } from '../../../shared/render/render-plan';
import { lastStartingBy } from '../../../shared/timeline/timeline';

/**
 * What the preview plays at a frame of a sequence's render plan, as "voices": each video layer and each audio track
 * has two media elements that take its segments in turn (even segments on one, odd on the other, an A/B roll), so a
 * crossfade has both playing and the next segment can wait, loaded and seeked, on the idle one until its cut.
 * Pure: the player in `sequence-player.svelte.ts` turns this into element state.
 */

export type VoiceKind = 'picture' | 'sound';

export interface Voice {
  /** Stable across frames: `picture-<layer>-<0|1>` or `sound-<track>-<0|1>`. */
  key: string;
  kind: VoiceKind;
  /** The video layer (bottom first) or audio track. */
  lane: number;
  /** The plan's `source` of the segment: what the preview loads. */
  source: string;
  /** Where in its source the voice is at the frame, in seconds. */
  sourceSeconds: number;
  /** active: seen or heard now. cued: the lane's next segment, waiting at its first frame. */
  state: 'active' | 'cued';
  /** Pictures: 0..1, drawn over the other voice of the lane. Sounds: linear gain, fades and volumes applied. */
  level: number;
}

export interface PreviewFrame {
  voices: Voice[];
  overlays: Overlay[];
}

interface TimedSegment {
  source: string;
  sourceStart: number;
  timelineStart: number;
  duration: number;
  transitionIn?: { frames: number } | undefined;
  volume?: number | undefined;
}

/**
 * The voices at `frame` (which may fall between frames while playing) and the overlays shown. A lane's next segment
 * is cued when it starts within `cueFrames`.
 */
export function previewFrame(plan: RenderPlanInput, frame: number, cueFrames: number): PreviewFrame {
  const voices: Voice[] = [];
  const at = (frames: number) => framesToSeconds(frames, plan.frameRate);
  const lane = (kind: VoiceKind, index: number, segments: readonly TimedSegment[], gain: number) => {
    const last = lastStartingBy(segments, frame, (segment) => segment.timelineStart);
    const covering = [last - 1, last].filter((i) => {
      const segment = segments[i];
      return segment !== undefined && frame >= segment.timelineStart && frame < segmentEnd(segment);
    });
    for (const i of covering) {
      const segment = segments[i]!;
      const fadeIn = fadeProgress(segment, frame);
      const next = segments[i + 1];
      // A sound fades out over the next segment's crossfade; a picture stays under the incoming one.
      const fadeOut = kind === 'sound' && next && covering.includes(i + 1) ? 1 - fadeProgress(next, frame) : 1;
      voices.push({
        key: `${kind}-${index}-${i % 2}`,
        kind,
        lane: index,
        source: segment.source,
        sourceSeconds: at(segment.sourceStart + (frame - segment.timelineStart)),
        state: 'active',
        level: kind === 'picture' ? fadeIn : fadeIn * fadeOut * (segment.volume ?? 1) * gain,
      });
    }
    const upcoming = segments[last + 1];
    const parity = (last + 1) % 2;
    if (
      upcoming &&
      upcoming.timelineStart - frame <= cueFrames &&
      !covering.some((i) => i % 2 === parity)
    ) {
      voices.push({
        key: `${kind}-${index}-${parity}`,
        kind,
        lane: index,
        source: upcoming.source,
        sourceSeconds: at(upcoming.sourceStart),
        state: 'cued',
        level: 0,
      });
    }
  };
  plan.video.forEach((layer, index) => lane('picture', index, layer.segments, 1));
  plan.audio.forEach((track, index) => lane('sound', index, track.segments, track.muted ? 0 : (track.volume ?? 1)));
  const overlays = (plan.overlays ?? []).filter((o) => frame >= o.start && frame < o.start + o.duration);
  return { voices, overlays };
}

/** How far into its crossfade a segment is at `frame`: 1 when it has none or it is over. */
function fadeProgress(segment: TimedSegment, frame: number): number {
  const frames = segment.transitionIn?.frames;
  if (!frames) return 1;
  return Math.min(1, Math.max(0, (frame - segment.timelineStart + 0.5) / frames));
}
