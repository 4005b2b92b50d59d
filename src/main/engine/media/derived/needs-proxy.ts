import type { MediaInfo, VideoInfo } from '../../../../shared/media';

export interface ProxyNeed {
  needed: boolean;
  /** Why, in the user's words; null when the original plays as it is. */
  reason: string | null;
}

/**
 * Whether Chromium (Electron's `<video>`, `<audio>` and `<img>`) can play or show the original as it is. Where
 * support varies by platform or build (HEVC, Matroska holding H.264), the answer is no: a proxy always plays.
 * Only the first audio stream counts, the one a player plays.
 */
export function needsProxy(media: MediaInfo): ProxyNeed {
  if (media.kind === 'image') {
    const codec = media.video?.codec ?? 'unknown';
    return BROWSER_IMAGE_CODECS.has(codec) ? PLAYS : convert(`${nameOf(codec)} images show only after conversion`);
  }
  const family = containerFamily(media.container);
  const video = media.video;
  const audio = media.audio[0] ?? null;
  if (video) {
    const reason = videoProblem(video);
    if (reason) return convert(reason);
  }
  if (audio && !PLAYABLE_AUDIO_CODECS.has(audio.codec)) return convert(`${nameOf(audio.codec)} audio plays only after conversion`);
  if (family === null) return convert(`${containerName(media.container)} files play only after conversion`);
  const allowed = CONTAINER_CODECS[family];
  const videoFits = !video || allowed.video.has(video.codec);
  const audioFits = !audio || allowed.audio.has(audio.codec);
  if (videoFits && audioFits) return PLAYS;
  if (family === 'matroska') return convert('MKV files play only after conversion, unless they are WebM (VP8, VP9 or AV1 with Opus or Vorbis)');
  const misfit = !videoFits ? `${nameOf(video!.codec)} video` : `${nameOf(audio!.codec)} audio`;
  return convert(`${misfit} in ${CONTAINER_NAMES[family]} files plays only after conversion`);
}

const PLAYS: ProxyNeed = Object.freeze({ needed: false, reason: null });
const convert = (reason: string): ProxyNeed => ({ needed: true, reason });

const BROWSER_IMAGE_CODECS = new Set(['png', 'apng', 'mjpeg', 'webp', 'gif', 'bmp']);

/** Chromium decodes these wherever they are allowed (see CONTAINER_CODECS). ALAC, AC-3 and DTS are not among them. */
const PLAYABLE_AUDIO_CODECS = new Set(['aac', 'mp3', 'opus', 'vorbis', 'flac', 'pcm_u8', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le']);
const PCM = ['pcm_u8', 'pcm_s16le', 'pcm_s24le', 'pcm_s32le', 'pcm_f32le'];

type ContainerFamily = 'mp4' | 'matroska' | 'ogg' | 'mp3' | 'wav' | 'flac' | 'aac';

const CONTAINER_CODECS: Record<ContainerFamily, { video: ReadonlySet<string>; audio: ReadonlySet<string> }> = {
  mp4: { video: new Set(['h264', 'vp9', 'av1']), audio: new Set(['aac', 'mp3', 'opus', 'flac']) },
  // Matroska and WebM share ffprobe's format name; only WebM's codecs are sure to play.
  matroska: { video: new Set(['vp8', 'vp9', 'av1']), audio: new Set(['opus', 'vorbis']) },
  ogg: { video: new Set(), audio: new Set(['opus', 'vorbis', 'flac']) },
  mp3: { video: new Set(), audio: new Set(['mp3']) },
  wav: { video: new Set(), audio: new Set(PCM) },
  flac: { video: new Set(), audio: new Set(['flac']) },
  aac: { video: new Set(), audio: new Set(['aac']) },
};

const CONTAINER_NAMES: Record<ContainerFamily, string> = {
  mp4: 'MP4 and MOV',
  matroska: 'MKV',
  ogg: 'Ogg',
  mp3: 'MP3',
  wav: 'WAV',
  flac: 'FLAC',
  aac: 'AAC',
};

/** ffprobe's format_name lists the demuxer's aliases: `mov,mp4,m4a,3gp,3g2,mj2`, `matroska,webm`. */
function containerFamily(container: string | null): ContainerFamily | null {
  const names = new Set((container ?? '').split(','));
  if (names.has('mp4') || names.has('mov')) return 'mp4';
  if (names.has('matroska') || names.has('webm')) return 'matroska';
  for (const family of ['ogg', 'mp3', 'wav', 'flac', 'aac'] as const) if (names.has(family)) return family;
  return null;
}

/** Why this picture stream cannot play in Chromium in any container; null when it can. */
function videoProblem(video: VideoInfo): string | null {
  // Browsers show HDR as the screen allows; the preview shows what the SDR export will.
  if (video.hdr) return `HDR (${video.hdr === 'pq' ? 'PQ' : 'HLG'}) video is previewed from a tone-mapped copy`;
  const rule = VIDEO_RULES[video.codec];
  if (!rule) return `${nameOf(video.codec)} video plays only after conversion`;
  const depth = video.bitDepth ?? 8;
  if (depth > rule.maxBitDepth) return `${depth}-bit video plays only after conversion`;
  const chroma = chromaOf(video.pixelFormat);
  if (chroma === null) return `Video in the ${video.pixelFormat} pixel format plays only after conversion`;
  if (chroma !== '4:2:0') return `${chroma} video plays only after conversion`;
  return null;
}

/** 4:2:0 only; AV1's 10-bit main profile decodes everywhere Chromium runs (dav1d), VP9 profile 2 is left out. */
const VIDEO_RULES: Readonly<Record<string, { maxBitDepth: number }>> = {
  h264: { maxBitDepth: 8 },
  vp8: { maxBitDepth: 8 },
  vp9: { maxBitDepth: 8 },
  av1: { maxBitDepth: 10 },
};

/** The chroma subsampling of a pixel format, or null when it is not a YUV format this knows. */
function chromaOf(pixelFormat: string | null): string | null {
  if (pixelFormat === null) return '4:2:0';
  if (/^(yuvj?420p|yuva420p|nv12|nv21)/.test(pixelFormat)) return '4:2:0';
  if (/^(yuvj?422p|nv16|yuva422p)/.test(pixelFormat)) return '4:2:2';
  if (/^(yuvj?444p|yuva444p|gbrp)/.test(pixelFormat)) return '4:4:4';
  return null;
}

const CODEC_NAMES: Readonly<Record<string, string>> = {
  hevc: 'HEVC',
  h264: 'H.264',
  prores: 'ProRes',
  dnxhd: 'DNxHD',
  mpeg2video: 'MPEG-2',
  mpeg1video: 'MPEG-1',
  mpeg4: 'MPEG-4 Part 2',
  msmpeg4v3: 'DivX 3',
  mjpeg: 'Motion JPEG',
  wmv3: 'Windows Media',
  vc1: 'VC-1',
  theora: 'Theora',
  cfhd: 'CineForm',
  dvvideo: 'DV',
  rawvideo: 'Uncompressed',
  vp8: 'VP8',
  vp9: 'VP9',
  av1: 'AV1',
  alac: 'Apple Lossless (ALAC)',
  ac3: 'Dolby Digital (AC-3)',
  eac3: 'Dolby Digital Plus (E-AC-3)',
  truehd: 'Dolby TrueHD',
  dts: 'DTS',
  wmav2: 'Windows Media',
  amr_nb: 'AMR',
  aac: 'AAC',
  mp3: 'MP3',
  opus: 'Opus',
  vorbis: 'Vorbis',
  flac: 'FLAC',
  tiff: 'TIFF',
  jpeg2000: 'JPEG 2000',
  exr: 'OpenEXR',
  psd: 'Photoshop',
  dpx: 'DPX',
};

function nameOf(codec: string): string {
  if (codec.startsWith('pcm_')) return 'Uncompressed (PCM)';
  return CODEC_NAMES[codec] ?? codec.toUpperCase();
}

const CONTAINER_DISPLAY_NAMES: Readonly<Record<string, string>> = {
  avi: 'AVI',
  mpegts: 'MPEG transport stream (MTS, M2TS, TS)',
  mpeg: 'MPEG program stream (MPG, VOB)',
  asf: 'Windows Media (WMV, ASF)',
  flv: 'Flash video (FLV)',
  mxf: 'MXF',
  dv: 'DV',
  aiff: 'AIFF',
};

function containerName(container: string | null): string {
  const first = (container ?? 'unknown').split(',')[0]!;
  return CONTAINER_DISPLAY_NAMES[first] ?? first.toUpperCase();
}
