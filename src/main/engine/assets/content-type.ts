import path from 'node:path';
import type { MediaKind } from '../../../shared/media';

/** Types by extension for the files players care about; the probed kind decides the fallback. */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.ogv': 'video/ogg',
  '.avi': 'video/x-msvideo',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

const FALLBACK: Readonly<Record<MediaKind, string>> = {
  video: 'video/mp4',
  audio: 'audio/mpeg',
  image: 'application/octet-stream',
};

/**
 * The Content-Type a media server sends for a file. Browsers sniff audio and video containers, so for a probed file
 * with an odd extension the kind's common type still lets `<video>` and `<audio>` try it.
 */
export function contentTypeFor(file: string, kind: MediaKind | null): string {
  return BY_EXTENSION[path.extname(file).toLowerCase()] ?? (kind ? FALLBACK[kind] : 'application/octet-stream');
}
