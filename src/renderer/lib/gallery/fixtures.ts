import type { AssetView } from '../../../shared/assets';
import type { MediaInfo, VideoInfo } from '../../../shared/media';

/** A 1080p video stream for tests. */
export function videoStream(overrides: Partial<VideoInfo> = {}): VideoInfo {
  return {
    index: 0,
    codec: 'h264',
    width: 1920,
    height: 1080,
    displayWidth: 1920,
    displayHeight: 1080,
    sar: { num: 1, den: 1 },
    dar: { num: 16, den: 9 },
    rotation: 0,
    frameRate: { num: 30000, den: 1001 },
    variableFrameRate: false,
    pixelFormat: 'yuv420p',
    bitDepth: 8,
    hasAlpha: false,
    hdr: null,
    ...overrides,
  };
}

/** A ready, playable ten-second video asset for tests, with the fields a test cares about overridden. */
export function asset(id: string, overrides: Partial<AssetView> = {}, media: Partial<MediaInfo> = {}): AssetView {
  return {
    id,
    name: `${id}.mp4`,
    kind: 'video',
    path: `/media/${id}.mp4`,
    stored: false,
    fingerprint: `v1:1000:${'0'.repeat(64)}`,
    sizeBytes: 1000,
    addedAt: '2026-01-01T10:00:00.000Z',
    media: {
      kind: 'video',
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      duration: 10,
      sizeBytes: 1000,
      bitRate: 800,
      creationTime: null,
      video: videoStream(),
      audio: [],
      subtitles: [],
      attachedPicture: null,
      ...media,
    },
    tags: [],
    favourite: false,
    status: 'ready',
    statusMessage: null,
    derived: {
      poster: 'ready',
      filmstrip: 'ready',
      filmstripGeometry: { tiles: 10, columns: 5, tileWidth: 160, tileHeight: 90, interval: 1 },
      waveform: 'none',
      proxy: 'none',
      proxyProgress: null,
      failure: null,
    },
    playable: true,
    ...overrides,
  };
}
