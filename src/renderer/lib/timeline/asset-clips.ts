import type { AssetView } from '../../../shared/assets';
import type { TimelineCommand } from '../../../shared/timeline/commands';
import { secondsToFrames } from '../../../shared/timeline/time';
import { sourcesFromAssets } from '../../../shared/timeline/sources';
import { clipEnd, type Clip, type Timeline, type TrackKind } from '../../../shared/timeline/timeline';
import type { FrameRate } from '../../../shared/video-format';

/** Turning gallery assets into clips: dropped on a track, or appended to a sequence with "Add to timeline". */

/** How long a still image lasts when it is added. */
export const IMAGE_SECONDS = 5;

export type ClipAsset = Pick<AssetView, 'id' | 'kind' | 'media' | 'name'>;

export type ClipForAsset = { clip: Clip } | { refusal: string };

/**
 * A clip playing the whole of an asset (or the stretch `range` of it, in source seconds) from `start` on a track of
 * `trackKind`, or why that track cannot take it.
 */
export function clipForAsset(
  asset: ClipAsset,
  trackKind: TrackKind,
  start: number,
  rate: FrameRate,
  id: string,
  range?: { from: number; to: number },
): ClipForAsset {
  const source = sourcesFromAssets([asset], rate).get(asset.id)!;
  if (asset.kind === 'image') {
    if (trackKind === 'audio') return { refusal: `“${asset.name}” is a picture; it goes on a video or overlay track` };
    return { clip: { kind: 'image', id, assetId: asset.id, start, duration: secondsToFrames(IMAGE_SECONDS, rate) } };
  }
  if (source.frames === null || source.frames < 1) return { refusal: `“${asset.name}” has no known length to add` };
  const sourceIn = range ? Math.min(source.frames - 1, Math.max(0, secondsToFrames(range.from, rate))) : 0;
  const sourceOut = range ? Math.min(source.frames, secondsToFrames(range.to, rate)) : source.frames;
  if (sourceOut <= sourceIn) return { refusal: `That part of “${asset.name}” is shorter than a frame` };
  const timed = { id, assetId: asset.id, start, duration: sourceOut - sourceIn, sourceIn, volume: 1 };
  if (trackKind === 'overlay') return { refusal: 'The overlay track holds pictures and titles' };
  if (trackKind === 'audio') {
    return source.hasSound ? { clip: { kind: 'audio', ...timed } } : { refusal: `“${asset.name}” has no sound` };
  }
  return asset.kind === 'video'
    ? { clip: { kind: 'video', ...timed } }
    : { refusal: `“${asset.name}” is sound only; it goes on an audio track` };
}

export interface AppendPlan {
  commands: TimelineCommand[];
  refusals: string[];
}

/**
 * Commands that append assets one after another at the end of V1 (video and images) or A1 (audio), in the order
 * given. `newId` names each new clip.
 */
export function appendAssets(
  timeline: Timeline,
  assets: readonly ClipAsset[],
  rate: FrameRate,
  newId: () => string,
): AppendPlan {
  const plan: AppendPlan = { commands: [], refusals: [] };
  const ends = new Map<string, number>();
  for (const asset of assets) {
    const track = asset.kind === 'audio' ? timeline.audioTracks[0] : timeline.videoTracks[0];
    if (!track) {
      plan.refusals.push(`This sequence has no ${asset.kind === 'audio' ? 'audio' : 'video'} track for “${asset.name}”`);
      continue;
    }
    const last = track.clips.at(-1);
    const start = ends.get(track.id) ?? (last ? clipEnd(last) : 0);
    const made = clipForAsset(asset, track.kind, start, rate, newId());
    if ('refusal' in made) {
      plan.refusals.push(made.refusal);
      continue;
    }
    ends.set(track.id, clipEnd(made.clip));
    plan.commands.push({ type: 'clip.add', trackId: track.id, clip: made.clip, ripple: false });
  }
  return plan;
}
