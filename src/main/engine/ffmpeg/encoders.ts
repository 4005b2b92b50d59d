import type { VideoCodecFamily } from '../../../shared/export/presets';
import type { VideoEncoderChoice } from '../export/export-args';

/** Software encoders: always the fallback, and the only choice for intermediates. */
export const SOFTWARE_ENCODERS: Record<VideoCodecFamily, VideoEncoderChoice> = {
  h264: {
    name: 'libx264',
    hardware: false,
    inputArgs: [],
    filterSuffix: 'format=yuv420p',
    codecArgs: ['-c:v', 'libx264', '-preset', 'medium', '-crf', '20', '-profile:v', 'high'],
  },
  prores: {
    name: 'prores_ks',
    hardware: false,
    inputArgs: [],
    filterSuffix: 'format=yuv422p10le',
    codecArgs: ['-c:v', 'prores_ks', '-profile:v', '2', '-vendor', 'apl0'],
  },
  dnxhr: {
    name: 'dnxhd',
    hardware: false,
    inputArgs: [],
    filterSuffix: 'format=yuv422p',
    codecArgs: ['-c:v', 'dnxhd', '-profile:v', 'dnxhr_hq'],
  },
};

/** Hardware H.264 encoders in the order they are preferred. Listing is not enough: each is proven by a test encode. */
export const HARDWARE_H264_ENCODERS: readonly VideoEncoderChoice[] = [
  {
    name: 'h264_nvenc',
    hardware: true,
    inputArgs: [],
    filterSuffix: 'format=yuv420p',
    codecArgs: ['-c:v', 'h264_nvenc', '-preset', 'p5', '-rc', 'vbr', '-cq', '21', '-b:v', '0', '-profile:v', 'high'],
  },
  {
    name: 'h264_videotoolbox',
    hardware: true,
    inputArgs: [],
    filterSuffix: 'format=yuv420p',
    codecArgs: ['-c:v', 'h264_videotoolbox', '-q:v', '65', '-profile:v', 'high'],
  },
  {
    name: 'h264_qsv',
    hardware: true,
    inputArgs: [],
    filterSuffix: 'format=nv12',
    codecArgs: ['-c:v', 'h264_qsv', '-global_quality', '21', '-profile:v', 'high'],
  },
  {
    name: 'h264_amf',
    hardware: true,
    inputArgs: [],
    filterSuffix: 'format=yuv420p',
    codecArgs: ['-c:v', 'h264_amf', '-quality', 'quality', '-rc', 'cqp', '-qp_i', '20', '-qp_p', '22'],
  },
  {
    name: 'h264_vaapi',
    hardware: true,
    inputArgs: ['-vaapi_device', '/dev/dri/renderD128'],
    filterSuffix: 'format=nv12,hwupload',
    codecArgs: ['-c:v', 'h264_vaapi', '-qp', '21', '-profile:v', 'high'],
  },
];

/** Encoder names from `ffmpeg -encoders` output. */
export function parseEncoderList(output: string): Set<string> {
  const names = new Set<string>();
  for (const line of output.split('\n')) {
    const match = /^\s*[VAS][F.][S.][X.][B.][D.]\s+(\S+)/.exec(line);
    if (match) names.add(match[1]!);
  }
  return names;
}

/** The arguments of the one-second test encode that proves an encoder works on this machine. */
export function testEncodeArgs(encoder: VideoEncoderChoice): string[] {
  return [
    '-hide_banner',
    '-loglevel', 'error',
    ...encoder.inputArgs,
    '-f', 'lavfi',
    '-i', 'color=c=black:s=320x240:r=30:d=1',
    ...(encoder.filterSuffix ? ['-vf', encoder.filterSuffix] : []),
    ...encoder.codecArgs,
    '-f', 'null',
    '-',
  ];
}

/** "ffmpeg version 5.1.4-0+deb12u1 Copyright..." → "5.1.4-0+deb12u1" */
export function parseVersion(output: string): string | null {
  return /version\s+(\S+)/.exec(output)?.[1] ?? null;
}

/**
 * The tag ffmpeg writes into the files it makes as their encoder (a WAV's ISFT): libavformat's ident, from the
 * `-version` line "libavformat    59. 27.100 / 59. 27.100" → "Lavf59.27.100".
 */
export function parseEncoderTag(output: string): string | null {
  const match = /^libavformat\s+(\d+)\.\s*(\d+)\.\s*(\d+)/m.exec(output);
  return match ? `Lavf${match[1]}.${match[2]}.${match[3]}` : null;
}
