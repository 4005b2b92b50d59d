import { z } from 'zod';
import type { AudioStreamInfo, MediaInfo, SubtitleStreamInfo, VideoInfo } from '../../../shared/media';

/**
 * Turns ffprobe's `-show_format -show_streams -of json` answer into MediaInfo. Pure: no I/O, so it is tested with
 * hand-written ffprobe documents. Lenient: unknown fields are ignored, numbers given as strings are read as numbers,
 * and a field that does not parse is treated as absent rather than failing the whole probe.
 */

const num = z.preprocess((v) => {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '' && v !== 'N/A') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}, z.number().optional());
const str = z.preprocess((v) => (typeof v === 'string' && v !== '' && v !== 'N/A' ? v : undefined), z.string().optional());
const tags = z.preprocess(
  (v) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), String(x)])) : {}),
  z.record(z.string(), z.string()),
);

const sideDataList = z.preprocess(
  (v) => (Array.isArray(v) ? v : []),
  z.array(z.preprocess((v) => (v && typeof v === 'object' ? v : {}), z.object({ side_data_type: str, rotation: num }))),
);

const StreamSchema = z.object({
  index: num,
  codec_type: str,
  codec_name: str,
  color_transfer: str,
  width: num,
  height: num,
  sample_aspect_ratio: str,
  display_aspect_ratio: str,
  pix_fmt: str,
  bits_per_raw_sample: num,
  r_frame_rate: str,
  avg_frame_rate: str,
  nb_frames: num,
  duration: num,
  sample_rate: num,
  channels: num,
  channel_layout: str,
  disposition: z.preprocess((v) => (v && typeof v === 'object' ? v : {}), z.object({ attached_pic: num })),
  tags,
  side_data_list: sideDataList,
});
type Stream = z.infer<typeof StreamSchema>;

/** `ffprobe -show_frames` of a first frame: its side data (a JPEG's EXIF orientation arrives here as a display matrix). */
const FirstFrameSchema = z.object({ frames: z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(z.object({ side_data_list: sideDataList }))) });

export const FfprobeOutputSchema = z.object({
  format: z.preprocess(
    (v) => (v && typeof v === 'object' ? v : {}),
    z.object({ format_name: str, duration: num, size: num, bit_rate: num, tags }),
  ),
  streams: z.preprocess(
    (v) => (Array.isArray(v) ? v.filter((s) => s && typeof s === 'object') : []),
    z.array(StreamSchema),
  ),
});

export class NotMediaError extends Error {}

const IMAGE_FORMATS = /(^|,)(image2|[a-z0-9]+_pipe|apng|gif)(,|$)/;
const IMAGE_CODECS = new Set(['png', 'mjpeg', 'webp', 'bmp', 'tiff', 'gif', 'jpeg2000', 'jpegls', 'ppm', 'pgm', 'pam', 'qoi', 'apng']);

/** @throws NotMediaError when the document has no video, image or audio stream. */
export function parseProbeOutput(raw: unknown): MediaInfo {
  const parsed = FfprobeOutputSchema.safeParse(raw);
  if (!parsed.success) throw new NotMediaError('ffprobe gave an answer Reelsmith could not understand.');
  const { format, streams } = parsed.data;

  const videoStreams = streams.filter((s) => s.codec_type === 'video');
  const cover = videoStreams.find((s) => s.disposition.attached_pic === 1) ?? null;
  const main = videoStreams.find((s) => s.disposition.attached_pic !== 1) ?? null;
  const audio = streams.filter((s) => s.codec_type === 'audio').map(audioInfo);
  const subtitles = streams.filter((s) => s.codec_type === 'subtitle').map(subtitleInfo);
  if (!main && audio.length === 0) {
    throw new NotMediaError(cover ? 'It holds only a cover picture, no video or audio.' : 'It has no video or audio stream.');
  }

  const isImage = main !== null && audio.length === 0 && looksLikeImage(format.format_name, format.duration, main);
  const streamDurations = streams.map((s) => s.duration ?? 0).filter((d) => d > 0);
  const duration = isImage ? null : (format.duration ?? (streamDurations.length > 0 ? Math.max(...streamDurations) : null));

  return {
    kind: isImage ? 'image' : main ? 'video' : 'audio',
    container: format.format_name ?? null,
    duration: duration !== null && duration > 0 ? duration : null,
    sizeBytes: format.size !== undefined ? Math.round(format.size) : null,
    bitRate: format.bit_rate !== undefined ? Math.round(format.bit_rate) : null,
    creationTime: format.tags['creation_time'] ?? streams.map((s) => s.tags['creation_time']).find((t) => t !== undefined) ?? null,
    video: main ? videoInfo(main, isImage) : null,
    audio,
    subtitles,
    attachedPicture: cover
      ? { index: cover.index ?? 0, codec: cover.codec_name ?? 'unknown', width: cover.width ?? null, height: cover.height ?? null }
      : null,
  };
}

function looksLikeImage(formatName: string | undefined, formatDuration: number | undefined, s: Stream): boolean {
  const single = (s.nb_frames === undefined || s.nb_frames <= 1) && formatDuration === undefined;
  if (formatName !== undefined && IMAGE_FORMATS.test(formatName)) return s.nb_frames === undefined || s.nb_frames <= 1;
  return single && s.codec_name !== undefined && IMAGE_CODECS.has(s.codec_name);
}

export function parseRational(text: string | undefined, separator: ':' | '/' = '/'): { num: number; den: number } | null {
  if (text === undefined) return null;
  const [a, b] = text.split(separator);
  const n = Number(a);
  const d = b === undefined ? 1 : Number(b);
  if (!Number.isInteger(n) || !Number.isInteger(d) || n <= 0 || d <= 0) return null;
  const g = gcd(n, d);
  return { num: n / g, den: d / g };
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** Clockwise rotation, normalised to 0/90/180/270. Display matrices hold counter-clockwise angles; the `rotate` tag is clockwise. */
export function rotationOf(s: Stream): VideoInfo['rotation'] {
  const matrix = s.side_data_list.find((d) => d.rotation !== undefined);
  const tag = s.tags['rotate'] !== undefined ? Number(s.tags['rotate']) : undefined;
  const clockwise = matrix?.rotation !== undefined ? -matrix.rotation : tag !== undefined && Number.isFinite(tag) ? tag : 0;
  return quarterTurn(clockwise);
}

/** Degrees clockwise to the nearest quarter turn, 0/90/180/270. */
function quarterTurn(clockwise: number): VideoInfo['rotation'] {
  return ((((Math.round(clockwise / 90) * 90) % 360) + 360) % 360) as VideoInfo['rotation'];
}

/**
 * A picture's video info turned by `rotation` (clockwise), as the decoder will show it: a JPEG's EXIF orientation
 * arrives with its first frame, not with the stream, so the probe learns it apart.
 */
export function withRotation(video: VideoInfo, rotation: VideoInfo['rotation']): VideoInfo {
  const turnsNow = video.rotation === 90 || video.rotation === 270;
  const turns = rotation === 90 || rotation === 270;
  const [width, height] = turnsNow === turns ? [video.displayWidth, video.displayHeight] : [video.displayHeight, video.displayWidth];
  return { ...video, rotation, displayWidth: width, displayHeight: height };
}

/** The rotation a frame's side data gives (ffprobe -show_frames), clockwise, or 0. */
export function frameRotation(raw: unknown): VideoInfo['rotation'] {
  const parsed = FirstFrameSchema.safeParse(raw);
  if (!parsed.success) return 0;
  const rotation = parsed.data.frames[0]?.side_data_list.find((d) => d.rotation !== undefined)?.rotation;
  return rotation === undefined ? 0 : quarterTurn(-rotation);
}

const ALPHA_PIX_FMT = /^(rgba|bgra|argb|abgr|ya8|ya16|yuva|gbrap|rgba64|bgra64|ayuv|vuya|rgb32|bgr32|0rgb)/;

export function pixelFormatHasAlpha(pixFmt: string | undefined): boolean {
  if (pixFmt === undefined) return false;
  if (/^(0rgb|rgb0|0bgr|bgr0)/.test(pixFmt)) return false;
  return ALPHA_PIX_FMT.test(pixFmt);
}

function bitDepthOf(s: Stream): number | null {
  if (s.bits_per_raw_sample !== undefined && s.bits_per_raw_sample > 0) return s.bits_per_raw_sample;
  const fmt = s.pix_fmt;
  if (fmt === undefined) return null;
  const m = /(\d+)(le|be)$/.exec(fmt) ?? /^p0(\d\d)/.exec(fmt);
  if (m) {
    const bits = Number(m[1]);
    return bits >= 8 && bits <= 16 ? bits : 8;
  }
  if (/^(rgb48|rgba64|bgr48|bgra64|gray16|ya16)/.test(fmt)) return 16;
  return 8;
}

function videoInfo(s: Stream, isImage: boolean): VideoInfo {
  const width = s.width ?? 0;
  const height = s.height ?? 0;
  const sar = parseRational(s.sample_aspect_ratio, ':') ?? { num: 1, den: 1 };
  const sarWidth = Math.round((width * sar.num) / sar.den);
  const dar = parseRational(s.display_aspect_ratio, ':') ?? parseRational(`${sarWidth}/${height || 1}`) ?? { num: 1, den: 1 };
  const rotation = rotationOf(s);
  const swap = rotation === 90 || rotation === 270;
  const avg = isImage ? null : parseRational(s.avg_frame_rate);
  const real = isImage ? null : parseRational(s.r_frame_rate);
  const frameRate = avg ?? real;
  const variableFrameRate =
    avg !== null && real !== null && Math.abs(avg.num / avg.den - real.num / real.den) / (real.num / real.den) > 0.01;
  return {
    index: s.index ?? 0,
    codec: s.codec_name ?? 'unknown',
    width,
    height,
    displayWidth: swap ? height : sarWidth,
    displayHeight: swap ? sarWidth : height,
    sar,
    dar,
    rotation,
    frameRate,
    variableFrameRate,
    pixelFormat: s.pix_fmt ?? null,
    bitDepth: bitDepthOf(s),
    // VP8/VP9 in WebM carry alpha in a side channel the decoder's pixel format does not show; the muxer tags it.
    hasAlpha: pixelFormatHasAlpha(s.pix_fmt) || s.tags['alpha_mode'] === '1',
    hdr: s.color_transfer === 'smpte2084' ? 'pq' : s.color_transfer === 'arib-std-b67' ? 'hlg' : null,
    ...(!isImage && s.duration !== undefined && s.duration > 0 ? { duration: s.duration } : {}),
  };
}

function language(s: Stream): string | null {
  const lang = s.tags['language'];
  return lang === undefined || lang === 'und' ? null : lang;
}

function audioInfo(s: Stream): AudioStreamInfo {
  return {
    index: s.index ?? 0,
    codec: s.codec_name ?? 'unknown',
    channels: s.channels ?? 0,
    channelLayout: s.channel_layout ?? null,
    sampleRate: s.sample_rate !== undefined ? Math.round(s.sample_rate) : null,
    language: language(s),
  };
}

function subtitleInfo(s: Stream): SubtitleStreamInfo {
  return { index: s.index ?? 0, codec: s.codec_name ?? 'unknown', language: language(s) };
}
