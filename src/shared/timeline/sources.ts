import type { Asset } from '../assets';
import type { MediaKind } from '../media';
import type { FrameRate } from '../video-format';
import { secondsToFrames } from './time';

/** What the timeline needs to know about a clip's media to keep clips inside it. */
export interface SourceInfo {
  kind: MediaKind;
  /** Whole frames of the sequence's rate the media lasts; null when it has no end (an image) or it is unknown. */
  frames: number | null;
  hasSound: boolean;
}

/** Finds an asset's source info by id; a Map is one. */
export interface SourceLookup {
  get(assetId: string): SourceInfo | undefined;
}

/**
 * The source info of a project's assets at a sequence's frame rate. The media's length is rounded down to whole
 * frames, so a clip never asks for a frame past the end. Built on first use: most commands look up one asset or none.
 */
export function sourcesFromAssets(assets: readonly Pick<Asset, 'id' | 'kind' | 'media'>[], rate: FrameRate): SourceLookup {
  let byId: Map<string, SourceInfo> | null = null;
  return {
    get(assetId) {
      byId ??= new Map(assets.map((asset) => [asset.id, sourceInfo(asset, rate)]));
      return byId.get(assetId);
    },
  };
}

function sourceInfo(asset: Pick<Asset, 'kind' | 'media'>, rate: FrameRate): SourceInfo {
  const { duration } = asset.media;
  return {
    kind: asset.kind,
    frames: asset.kind === 'image' || duration === null ? null : secondsToFrames(duration, rate, 'floor'),
    hasSound: asset.media.audio.length > 0,
  };
}
