import type { AudioCodec, ExportPreset, FitMode, VideoPreset } from '../../../shared/export/presets';

/** The video encoder chosen for a job: a detected hardware encoder or the software one, with its settings. */
export interface VideoEncoderChoice {
  name: string;
  hardware: boolean;
  /** Arguments that must come before `-i` (e.g. a VA-API device). */
  inputArgs: readonly string[];
  /** Appended to the video filter chain (e.g. uploading frames to the GPU). */
  filterSuffix: string | null;
  codecArgs: readonly string[];
}

export interface SourceMedia {
  duration: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
}

export interface ExportArgsInput {
  input: string;
  output: string;
  preset: ExportPreset;
  fit: FitMode;
  source: SourceMedia;
  /** Required for video presets. */
  encoder?: VideoEncoderChoice;
}

/** The exact ffmpeg argument list for one export. Pure: same input, same arguments. */
export function buildExportArgs({ input, output, preset, fit, source, encoder }: ExportArgsInput): string[] {
  switch (preset.kind) {
    case 'video': {
      if (!source.hasVideo) throw new Error(`${preset.label} needs a picture, and this file has no video stream.`);
      if (!encoder) throw new Error('A video export needs an encoder.');
      const { size } = preset.video;
      const filters = [size === 'same' ? SAME_SIZE_FILTER : fitFilter(size.width, size.height, fit)];
      if (encoder.filterSuffix) filters.push(encoder.filterSuffix);
      return [
        '-y',
        ...encoder.inputArgs,
        '-i', input,
        '-map', '0:v:0',
        ...(source.hasAudio ? ['-map', '0:a:0'] : []),
        '-vf', filters.join(','),
        ...encoder.codecArgs,
        ...(source.hasAudio ? audioCodecArgs(preset.audio.codec, preset.audio.bitrateKbps) : ['-an']),
        ...containerArgs(preset),
        output,
      ];
    }
    case 'audio': {
      if (!source.hasAudio) throw new Error(`${preset.label} needs sound, and this file has no audio stream.`);
      return ['-y', '-i', input, '-map', '0:a:0', '-vn', ...audioCodecArgs(preset.audio.codec, preset.audio.bitrateKbps), output];
    }
    case 'gif': {
      if (!source.hasVideo) throw new Error('A GIF needs a picture, and this file has no video stream.');
      const graph =
        `[0:v:0]fps=${preset.fps},scale=${preset.width}:-2:flags=lanczos,split[frames][forpalette];` +
        `[forpalette]palettegen=stats_mode=diff[palette];` +
        `[frames][palette]paletteuse=dither=bayer:bayer_scale=5:diff_mode=rectangle[gif]`;
      return ['-y', '-i', input, '-filter_complex', graph, '-map', '[gif]', '-loop', '0', output];
    }
    case 'thumbnail': {
      if (!source.hasVideo) throw new Error('A thumbnail needs a picture, and this file has no video stream.');
      // A tenth of the way in skips black lead-ins and title fades; seeking before -i is fast.
      const at = source.duration !== null && source.duration > 0 ? source.duration * 0.1 : 0;
      return [
        '-y',
        '-ss', at.toFixed(3),
        '-i', input,
        '-frames:v', '1',
        '-vf', fitFilter(preset.width, preset.height, fit),
        '-q:v', '3',
        output,
      ];
    }
  }
}

/**
 * Scale into the frame keeping the aspect ratio, then pad (letterbox) or crop to the exact size. The bars are
 * `padColor`: a layer drawn over others pads with transparent `black@0`.
 */
/** The picture at its own size, pixels made square and sides even (H.264 in 4:2:0 needs both); a no-op for most. */
const SAME_SIZE_FILTER = 'scale=trunc(iw*sar/2)*2:trunc(ih/2)*2,setsar=1';

export function fitFilter(width: number, height: number, fit: FitMode, padColor = 'black'): string {
  return fit === 'letterbox'
    ? `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=${padColor},setsar=1`
    : `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height},setsar=1`;
}

export function audioCodecArgs(codec: AudioCodec, bitrateKbps: number | null): string[] {
  const name = codec === 'mp3' ? 'libmp3lame' : codec;
  return ['-c:a', name, ...(bitrateKbps === null ? [] : ['-b:a', `${bitrateKbps}k`])];
}

export function containerArgs(preset: VideoPreset): string[] {
  // MP4s start playing before they are fully downloaded when the index is at the front.
  return preset.extension === '.mp4' ? ['-movflags', '+faststart'] : [];
}
