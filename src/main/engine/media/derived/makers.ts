import type { DerivedKind, DerivedMediaMakers, DerivedRequest } from '../../assets/asset-library';
import { DERIVED_FILES, DERIVED_MEDIA_VERSION } from './files';
import { makeFilmstrip } from './filmstrip';
import { needsProxy } from './needs-proxy';
import { makePoster } from './poster';
import { makeProxy } from './proxy';
import { DerivedMediaError } from './request';
import { makeWaveformPeaks } from './waveform';

/** The real makers of derived media, for the asset library; `ffmpeg` is looked up when a job runs. */
export function derivedMediaMakers(ffmpeg: () => string): DerivedMediaMakers {
  const request = (r: DerivedRequest) => ({ ffmpeg: ffmpeg(), ...r });
  return {
    version: DERIVED_MEDIA_VERSION,
    files: DERIVED_FILES,
    applies: (kind: DerivedKind, media) => {
      switch (kind) {
        case 'poster':
          return media.kind !== 'audio' || media.attachedPicture !== null;
        case 'filmstrip':
          return media.kind === 'video' && (media.duration ?? 0) > 0;
        case 'waveform':
          return media.audio.length > 0;
        case 'proxy':
          // An image Chromium cannot show (TIFF, HEIC) is shown by its poster instead: there is nothing to play.
          return media.kind !== 'image' && needsProxy(media).needed;
      }
    },
    poster: async (r) => {
      const result = await makePoster(request(r));
      if (!result.made) throw new DerivedMediaError(result.reason);
    },
    filmstrip: (r) => makeFilmstrip(request(r)),
    waveform: async (r) => {
      await makeWaveformPeaks(request(r));
    },
    proxy: (r) => makeProxy(request(r)),
  };
}
