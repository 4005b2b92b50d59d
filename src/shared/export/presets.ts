import { z } from 'zod';

/**
 * Export presets: what a creator picks ("YouTube 1080p", "Vertical", "GIF"), turned into ffmpeg arguments by the
 * engine. The frame is fitted by letterboxing (whole picture, bars) or cropping (fills the frame, edges cut); the
 * first preset keeps the frame as it is, which is what a cut of a 720p or vertical recording wants by default.
 */

export const FIT_MODES = ['letterbox', 'crop'] as const;
export type FitMode = (typeof FIT_MODES)[number];

export type VideoCodecFamily = 'h264' | 'prores' | 'dnxhr';
export type AudioCodec = 'aac' | 'mp3' | 'pcm_s16le';

export interface VideoPreset {
  kind: 'video';
  id: string;
  label: string;
  extension: '.mp4' | '.mov';
  /** `same`: the frame it is given, a sequence's size or a file's own (made even, pixels square). */
  video: { family: VideoCodecFamily; size: { width: number; height: number } | 'same' };
  audio: { codec: AudioCodec; bitrateKbps: number | null };
}

export interface AudioPreset {
  kind: 'audio';
  id: string;
  label: string;
  extension: '.wav' | '.mp3' | '.m4a';
  audio: { codec: AudioCodec; bitrateKbps: number | null };
}

export interface GifPreset {
  kind: 'gif';
  id: string;
  label: string;
  extension: '.gif';
  width: number;
  fps: number;
}

export interface ThumbnailPreset {
  kind: 'thumbnail';
  id: string;
  label: string;
  extension: '.jpg';
  width: number;
  height: number;
}

export type ExportPreset = VideoPreset | AudioPreset | GifPreset | ThumbnailPreset;

export const EXPORT_PRESETS: readonly ExportPreset[] = [
  { kind: 'video', id: 'h264-same-size', label: 'H.264 MP4, same size', extension: '.mp4', video: { family: 'h264', size: 'same' }, audio: { codec: 'aac', bitrateKbps: 192 } },
  { kind: 'video', id: 'h264-1080p', label: 'H.264 MP4 1080p', extension: '.mp4', video: { family: 'h264', size: { width: 1920, height: 1080 } }, audio: { codec: 'aac', bitrateKbps: 192 } },
  { kind: 'video', id: 'h264-4k', label: 'H.264 MP4 4K', extension: '.mp4', video: { family: 'h264', size: { width: 3840, height: 2160 } }, audio: { codec: 'aac', bitrateKbps: 256 } },
  { kind: 'video', id: 'vertical-1080x1920', label: 'Vertical 1080×1920 (Shorts, Reels, TikTok)', extension: '.mp4', video: { family: 'h264', size: { width: 1080, height: 1920 } }, audio: { codec: 'aac', bitrateKbps: 192 } },
  { kind: 'video', id: 'square-1080', label: 'Square 1080×1080', extension: '.mp4', video: { family: 'h264', size: { width: 1080, height: 1080 } }, audio: { codec: 'aac', bitrateKbps: 192 } },
  { kind: 'video', id: 'prores-422-1080p', label: 'ProRes 422 1080p (intermediate)', extension: '.mov', video: { family: 'prores', size: { width: 1920, height: 1080 } }, audio: { codec: 'pcm_s16le', bitrateKbps: null } },
  { kind: 'video', id: 'dnxhr-hq-1080p', label: 'DNxHR HQ 1080p (intermediate)', extension: '.mov', video: { family: 'dnxhr', size: { width: 1920, height: 1080 } }, audio: { codec: 'pcm_s16le', bitrateKbps: null } },
  { kind: 'audio', id: 'audio-wav', label: 'Audio WAV', extension: '.wav', audio: { codec: 'pcm_s16le', bitrateKbps: null } },
  { kind: 'audio', id: 'audio-mp3', label: 'Audio MP3 320 kb/s', extension: '.mp3', audio: { codec: 'mp3', bitrateKbps: 320 } },
  { kind: 'audio', id: 'audio-aac', label: 'Audio AAC 256 kb/s', extension: '.m4a', audio: { codec: 'aac', bitrateKbps: 256 } },
  { kind: 'gif', id: 'gif-480', label: 'GIF 480 px, 15 fps', extension: '.gif', width: 480, fps: 15 },
  { kind: 'thumbnail', id: 'thumbnail-1280', label: 'Thumbnail 1280×720 JPEG', extension: '.jpg', width: 1280, height: 720 },
];

/** The preset an export of pictures starts from: H.264 at the size of what is exported. */
export const DEFAULT_VIDEO_PRESET = 'h264-same-size';

export const PresetIdSchema = z.string().refine((id) => EXPORT_PRESETS.some((p) => p.id === id), {
  message: `Unknown preset. Known presets: ${EXPORT_PRESETS.map((p) => p.id).join(', ')}`,
});

export function findPreset(id: string): ExportPreset | undefined {
  return EXPORT_PRESETS.find((p) => p.id === id);
}
