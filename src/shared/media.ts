import { z } from 'zod';

/** What Reelsmith knows about a media file after probing it. Runs anywhere: no Node, no DOM. */

const RationalSchema = z.object({ num: z.number().int(), den: z.number().int().positive() });

export const VideoInfoSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** Size as shown: sample aspect ratio applied, then rotation. */
  displayWidth: z.number().int(),
  displayHeight: z.number().int(),
  /** Sample (pixel) aspect ratio, 1:1 when unknown. */
  sar: RationalSchema,
  /** Display aspect ratio before rotation. */
  dar: RationalSchema,
  /** Clockwise rotation the player applies: 0, 90, 180 or 270. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Average frame rate; null for images or when unknown. */
  frameRate: RationalSchema.nullable(),
  variableFrameRate: z.boolean(),
  pixelFormat: z.string().nullable(),
  bitDepth: z.number().int().nullable(),
  hasAlpha: z.boolean(),
  /** High dynamic range by its transfer: PQ (HDR10, Dolby Vision's base) or HLG (phones, broadcast); null for SDR. */
  hdr: z.enum(['pq', 'hlg']).nullable().default(null),
  /**
   * Seconds the picture stream lasts by its own header, when the container gives one (MP4, MOV; not Matroska): a
   * picture can stop before the file's sound does. Absent when unknown.
   */
  duration: z.number().positive().optional(),
});
export type VideoInfo = z.infer<typeof VideoInfoSchema>;

export const AudioStreamInfoSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  channels: z.number().int(),
  channelLayout: z.string().nullable(),
  sampleRate: z.number().int().nullable(),
  language: z.string().nullable(),
});
export type AudioStreamInfo = z.infer<typeof AudioStreamInfoSchema>;

export const SubtitleStreamInfoSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  language: z.string().nullable(),
});
export type SubtitleStreamInfo = z.infer<typeof SubtitleStreamInfoSchema>;

export const AttachedPictureSchema = z.object({
  index: z.number().int(),
  codec: z.string(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});

export const MEDIA_KINDS = ['video', 'audio', 'image'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const MediaInfoSchema = z.object({
  kind: z.enum(MEDIA_KINDS),
  container: z.string().nullable(),
  /** Seconds; null for images and when unknown. */
  duration: z.number().nullable(),
  sizeBytes: z.number().int().nullable(),
  bitRate: z.number().int().nullable(),
  creationTime: z.string().nullable(),
  /** The main picture; never cover art. Null for audio-only files. */
  video: VideoInfoSchema.nullable(),
  audio: z.array(AudioStreamInfoSchema),
  subtitles: z.array(SubtitleStreamInfoSchema),
  /** Cover art (a video stream marked attached_pic), which is not the video. */
  attachedPicture: AttachedPictureSchema.nullable(),
});
export type MediaInfo = z.infer<typeof MediaInfoSchema>;
