import type { AssetView, DerivedState } from '../../../src/shared/assets';
import type { MediaKind } from '../../../src/shared/media';

/**
 * A library of `count` made-up assets with the mix a real one has: mostly video, some audio and images, a few
 * missing or broken, a few still having posters or proxies made. Deterministic, so runs compare. Without
 * `posters`, every tile shows its placeholder: the grid's own cost without image decoding.
 */
const NAMES: Record<MediaKind, string> = { video: 'Clip', audio: 'Take', image: 'Still' };
const EXTENSIONS: Record<MediaKind, string> = { video: 'mp4', audio: 'wav', image: 'png' };

export function syntheticAssets(count: number, options: { posters: boolean }): AssetView[] {
  const assets: AssetView[] = [];
  for (let i = 0; i < count; i += 1) {
    const kind: MediaKind = i % 10 < 7 ? 'video' : i % 10 < 9 ? 'audio' : 'image';
    const poster: DerivedState = !options.posters
      ? 'none'
      : i % 50 === 7
        ? 'making'
        : kind === 'audio' && i % 3 === 0
          ? 'none'
          : 'ready';
    const proxy: DerivedState = i % 40 === 3 ? 'making' : 'none';
    const status = i % 97 === 5 ? 'missing' : i % 211 === 9 ? 'error' : 'ready';
    const width = [1920, 3840, 1280, 1080][i % 4]!;
    const height = [1080, 2160, 720, 1920][i % 4]!;
    assets.push({
      id: `a${i}`,
      name: `${NAMES[kind]} ${String(i).padStart(5, '0')}.${EXTENSIONS[kind]}`,
      kind,
      path: `/library/${i}`,
      stored: false,
      fingerprint: `v1:${1000 + i}:${i.toString(16).padStart(64, '0')}`,
      sizeBytes: 1_000_000 + i * 7919,
      addedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      media: {
        kind,
        container: kind === 'video' ? 'mov,mp4,m4a,3gp,3g2,mj2' : kind === 'audio' ? 'wav' : 'png_pipe',
        duration: kind === 'image' ? null : 3 + (i % 600),
        sizeBytes: 1_000_000 + i * 7919,
        bitRate: 8_000_000,
        creationTime: null,
        video:
          kind === 'audio'
            ? null
            : {
                index: 0,
                codec: kind === 'image' ? 'png' : 'h264',
                width,
                height,
                displayWidth: width,
                displayHeight: height,
                sar: { num: 1, den: 1 },
                dar: { num: width, den: height },
                rotation: 0,
                frameRate: kind === 'image' ? null : { num: 30, den: 1 },
                variableFrameRate: false,
                pixelFormat: 'yuv420p',
                bitDepth: 8,
                hasAlpha: false,
                hdr: null,
              },
        audio: [],
        subtitles: [],
        attachedPicture: null,
      },
      tags: i % 5 === 0 ? ['b-roll'] : [],
      favourite: i % 13 === 0,
      status,
      statusMessage: status === 'ready' ? null : 'Synthetic',
      derived: {
        poster,
        filmstrip: kind === 'video' ? 'ready' : 'none',
        filmstripGeometry:
          kind === 'video' ? { tiles: 20, columns: 5, tileWidth: 160, tileHeight: 90, interval: 1 } : null,
        waveform: kind === 'audio' ? 'ready' : 'none',
        proxy,
        proxyProgress: proxy === 'making' ? (i % 100) / 100 : null,
        failure: null,
      },
      playable: proxy !== 'making',
    });
  }
  return assets;
}
