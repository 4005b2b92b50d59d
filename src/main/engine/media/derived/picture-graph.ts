import type { VideoInfo } from '../../../../shared/media';
import { toneMapFilters } from '../../ffmpeg/tone-map';
import type { Size } from './display-size';

/** Transparent pixels are shown on mid grey: dark and light artwork both stay visible on it, in any theme. */
const FLATTEN_GREY = 128;

/** The label of the graph's output, for `-map`. */
export const PICTURE_LABEL = '[picture]';

/**
 * An ffmpeg filter graph from one stream of input 0 to packed RGB pictures: scaled to `size` (or to fit within a
 * square of `within` pixels, never enlarged, when the size is not known), square pixels, HDR tone-mapped to SDR, and
 * with any alpha flattened on grey. `sampling` filters come first (say, `fps` to keep a frame now and then). Rotation
 * is not here: ffmpeg turns display-matrix video upright as it decodes.
 */
export function pictureGraph(
  streamIndex: number,
  target: { size: Size } | { within: number },
  picture: { hasAlpha: boolean; hdr: VideoInfo['hdr'] },
  sampling?: string,
): string {
  const { hasAlpha } = picture;
  const scale =
    'size' in target
      ? `scale=${target.size.width}:${target.size.height}`
      : `scale='min(${target.within},iw)':'min(${target.within},ih)':force_original_aspect_ratio=decrease`;
  const input = `[0:${streamIndex}]${[...(sampling ? [sampling] : []), ...toneMapFilters(picture.hdr), scale, 'setsar=1'].join(',')}`;
  if (!hasAlpha) return `${input},format=rgb24${PICTURE_LABEL}`;
  // The grey backdrop is made from each frame itself, so it always has the frame's size and timestamp.
  const grey = `lutrgb=r=${FLATTEN_GREY}:g=${FLATTEN_GREY}:b=${FLATTEN_GREY}:a=255`;
  return `${input},format=rgba,split[fg][base];[base]${grey}[bg];[bg][fg]overlay=format=auto,format=rgb24${PICTURE_LABEL}`;
}

/** Output arguments for a JPEG at exactly `output`: the image2 muxer's `update` mode never reads `%` in it as a pattern. */
export function jpegFileArgs(output: string): string[] {
  return ['-c:v', 'mjpeg', '-pix_fmt', 'yuvj420p', '-q:v', '3', '-f', 'image2', '-update', '1', '-y', output];
}
