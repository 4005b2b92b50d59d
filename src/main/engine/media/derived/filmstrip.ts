import type { FilmstripGeometry } from '../../../../shared/assets';
import { alphaDecoderArgs } from '../../ffmpeg/alpha-decoder';
import { runPipedFfmpeg } from './ffmpeg-pipes';
import { fillMissingTiles, planFilmstrip } from './filmstrip-plan';
import { grabFrameAt, grabFrames } from './frame-grab';
import { jpegFileArgs } from './picture-graph';
import { DerivedMediaError, type DerivedFileRequest } from './request';

/**
 * Writes a JPEG sprite of evenly spaced frames of a video, left to right and top to bottom (see planFilmstrip), and
 * returns its geometry. Only for video: images and audio have no filmstrip.
 */
export async function makeFilmstrip(request: DerivedFileRequest): Promise<FilmstripGeometry> {
  const { video, duration } = request.media;
  if (request.media.kind !== 'video' || !video) throw new DerivedMediaError('Only videos have a filmstrip.');
  if (duration === null) throw new DerivedMediaError('The length of this video is unknown, so its filmstrip cannot be spaced.');
  const { rows, ...geometry } = planFilmstrip(duration, { width: video.displayWidth, height: video.displayHeight });
  const size = { width: geometry.tileWidth, height: geometry.tileHeight };
  const source = { streamIndex: video.index, size, hasAlpha: video.hasAlpha, hdr: video.hdr, decoder: alphaDecoderArgs(video) };
  const frames = await grabFrames(request, source, { count: geometry.tiles, interval: geometry.interval });
  // A clip of a few frames can end before the first sample time: its first frame then stands for all of it.
  let tiles = fillMissingTiles(frames);
  if (!tiles) {
    const first = await grabFrameAt(request, source, 0);
    tiles = first ? frames.map(() => first) : null;
  }
  if (!tiles) throw new DerivedMediaError('No picture could be read from this video.');
  await runPipedFfmpeg({
    program: request.ffmpeg,
    args: [
      '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${size.width}x${size.height}`, '-i', 'pipe:0',
      '-vf', `tile=${geometry.columns}x${rows}`, '-frames:v', '1', ...jpegFileArgs(request.output),
    ],
    input: Buffer.concat(tiles),
    signal: request.signal,
  });
  return geometry;
}
