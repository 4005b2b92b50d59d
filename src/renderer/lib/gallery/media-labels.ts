import type { VideoInfo } from '../../../shared/media';

/** Short words for media properties, as the gallery's badges and the detail panel show them. */

type Rational = { num: number; den: number };

const RESOLUTION_CLASSES: [longSide: number, label: string][] = [
  [7680, '8K'],
  [3840, '4K'],
  [2560, '1440p'],
  [1920, '1080p'],
  [1280, '720p'],
];

/**
 * "4K", "1080p", "720p" by the long side of the picture as displayed (so a portrait phone clip is still 1080p);
 * anything smaller or odd, like a square 1080, as "1080×1080".
 */
export function resolutionLabel(video: Pick<VideoInfo, 'displayWidth' | 'displayHeight'>): string {
  const long = Math.max(video.displayWidth, video.displayHeight);
  const short = Math.min(video.displayWidth, video.displayHeight);
  for (const [longSide, label] of RESOLUTION_CLASSES) {
    // A class needs a picture near its usual 16:9 shape, not a thin strip or a square as wide.
    if (long >= longSide && short >= longSide * 0.4 && short < long) return label;
  }
  return sizeLabel(video.displayWidth, video.displayHeight);
}

export function sizeLabel(width: number, height: number): string {
  return `${width}×${height}`;
}

/** "29.97 fps", "25 fps", "23.976 fps". */
export function frameRateLabel(rate: Rational): string {
  if (rate.den === 0) return 'unknown';
  return `${Number((rate.num / rate.den).toFixed(3))} fps`;
}

/** "16:9", reduced. */
export function ratioLabel(ratio: Rational): string {
  const divisor = gcd(Math.abs(ratio.num), Math.abs(ratio.den)) || 1;
  return `${ratio.num / divisor}:${ratio.den / divisor}`;
}

export function channelsLabel(channels: number, layout: string | null): string {
  if (layout) return layout;
  if (channels === 1) return 'mono';
  if (channels === 2) return 'stereo';
  return `${channels} channels`;
}

/** "8.2 Mb/s", "320 kb/s". */
export function bitRateLabel(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${Number((bitsPerSecond / 1_000_000).toFixed(1))} Mb/s`;
  return `${Math.round(bitsPerSecond / 1000)} kb/s`;
}

/** "3 relinked, 1 still missing", after looking for missing files in a folder. */
export function relinkLabel(result: { relinked: number; missing: number }): string {
  if (result.relinked === 0 && result.missing === 0) return 'No asset was missing.';
  const found = result.relinked === 0 ? 'None found in that folder' : `${result.relinked} relinked`;
  return result.missing === 0 ? `${found}, none missing any more` : `${found}, ${result.missing} still missing`;
}

/** "48 kHz", "44.1 kHz". */
export function sampleRateLabel(hertz: number): string {
  return `${Number((hertz / 1000).toFixed(1))} kHz`;
}

/**
 * ffprobe names a container by every format it could be ("mov,mp4,m4a,3gp,3g2,mj2"): the one matching the file's
 * extension reads best, the first one otherwise. Still images come through its image readers ("image2",
 * "png_pipe"), which say nothing to a user: the extension does.
 */
export function containerLabel(container: string, fileName: string): string {
  const names = container.split(',').map((name) => name.trim()).filter(Boolean);
  const extension = /\.([^./]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const imageReader = names.every((name) => name === 'image2' || name.endsWith('_pipe'));
  const chosen = (imageReader ? extension : names.find((name) => name === extension)) ?? names[0] ?? container;
  return chosen.toUpperCase();
}

/** The fingerprint's first 12 hash digits: enough to tell two files apart at a glance. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.split(':')[2]?.slice(0, 12) ?? fingerprint;
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
