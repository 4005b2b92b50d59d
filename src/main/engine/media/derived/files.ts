/**
 * Bump when any derived file changes in format or in how it is made (sizes, codecs, peak resolution, poster choice),
 * so the fingerprint-keyed cache stops serving files made the old way.
 */
export const DERIVED_MEDIA_VERSION = 1;

/** The name of each derived file inside an asset's cache folder. */
export const DERIVED_FILES = {
  poster: 'poster.jpg',
  filmstrip: 'filmstrip.jpg',
  filmstripGeometry: 'filmstrip.json',
  waveform: 'waveform.peaks',
  proxy: 'proxy.mp4',
} as const;
