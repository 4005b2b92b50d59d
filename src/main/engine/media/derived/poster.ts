import type { VideoInfo } from '../../../../shared/media';
import { alphaDecoderArgs } from '../../ffmpeg/alpha-decoder';
import { FfmpegError } from '../../ffmpeg/run-ffmpeg';
import { fitWithin } from './display-size';
import { runPipedFfmpeg } from './ffmpeg-pipes';
import { grabFrameAt, grabFrames, sampleTimes } from './frame-grab';
import { jpegFileArgs, PICTURE_LABEL, pictureGraph } from './picture-graph';
import { choosePosterFrame, isClearlyGoodPoster, posterCandidates, scoreRgbFrame } from './poster-frames';
import { DerivedMediaError, type DerivedFileRequest } from './request';

/** Gallery tiles are at most 320 px on their long side. */
export const POSTER_LONG_SIDE = 320;

export type PosterResult =
  /** `time` is the second of video the poster shows; null for a still or cover art. */
  | { made: true; time: number | null }
  /** Nothing to show (audio without cover art): not a failure. */
  | { made: false; reason: string };

/**
 * Writes a JPEG poster at most 320 px on its long side, never enlarged, upright and in display aspect. A video's
 * poster is a frame with something to see (never the black leader or the start of a fade-in); an image's is the
 * image with any transparency on mid grey (JPEG so that every poster is one small kind of file); audio's is its
 * cover art.
 */
export async function makePoster(request: DerivedFileRequest): Promise<PosterResult> {
  const { media } = request;
  if (media.kind === 'video' && media.video) return posterFromVideo(request, media.video);
  const picture = media.video ?? media.attachedPicture;
  if (!picture) return { made: false, reason: 'This audio file has no cover art.' };
  const known = media.video
    ? { width: media.video.displayWidth, height: media.video.displayHeight }
    : picture.width && picture.height
      ? { width: picture.width, height: picture.height }
      : null;
  const target = known ? { size: fitWithin(known, POSTER_LONG_SIDE) } : { within: POSTER_LONG_SIDE };
  await runPipedFfmpeg({
    program: request.ffmpeg,
    args: [
      '-i', request.input,
      '-filter_complex', pictureGraph(picture.index, target, { hasAlpha: media.video?.hasAlpha ?? false, hdr: media.video?.hdr ?? null }),
      '-map', PICTURE_LABEL, '-frames:v', '1', ...jpegFileArgs(request.output),
    ],
    signal: request.signal,
  });
  return { made: true, time: null };
}

async function posterFromVideo(request: DerivedFileRequest, video: VideoInfo): Promise<PosterResult> {
  const size = fitWithin({ width: video.displayWidth, height: video.displayHeight }, POSTER_LONG_SIDE);
  const source = { streamIndex: video.index, size, hasAlpha: video.hasAlpha, hdr: video.hdr, decoder: alphaDecoderArgs(video) };
  const candidates = posterCandidates(request.media.duration);
  const firstTime = sampleTimes(candidates)[0]!;
  // Most footage has something to see at the first candidate: then its poster costs one ffmpeg, like a bare thumbnail.
  const first = await grabFrameAt(request, source, firstTime, request.output).catch((error: unknown) => {
    if (error instanceof FfmpegError) return null;
    throw error;
  });
  if (first && isClearlyGoodPoster(scoreRgbFrame(first))) return { made: true, time: firstTime };
  const frames = await grabFrames(request, source, candidates);
  const chosen = choosePosterFrame(frames.map((frame) => (frame ? scoreRgbFrame(frame) : null)));
  // No candidate gives a frame when the duration overstates the video; then the first frame has to do.
  const time = chosen === null ? 0 : sampleTimes(candidates)[chosen]!;
  const frame = chosen === null ? await grabFrameAt(request, source, 0) : frames[chosen]!;
  if (!frame) throw new DerivedMediaError('No picture could be read from this video.');
  await runPipedFfmpeg({
    program: request.ffmpeg,
    args: ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${size.width}x${size.height}`, '-i', 'pipe:0', '-frames:v', '1', ...jpegFileArgs(request.output)],
    input: frame,
    signal: request.signal,
  });
  return { made: true, time };
}
