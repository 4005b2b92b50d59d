import { runFfmpeg } from '../../ffmpeg/run-ffmpeg';
import { buildProxyArgs } from './proxy-args';
import { DerivedMediaError, type DerivedFileRequest } from './request';

/**
 * Writes a copy of a video or audio file that Chromium plays (see buildProxyArgs), reporting progress. Cancelling
 * through `signal` rejects with FfmpegCancelled. Images get no proxy.
 */
export async function makeProxy(request: DerivedFileRequest): Promise<void> {
  const { media } = request;
  if (media.kind === 'image') throw new DerivedMediaError('Images have no playable copy.');
  await runFfmpeg({
    program: request.ffmpeg,
    args: buildProxyArgs(request.input, request.output, media),
    duration: media.duration,
    signal: request.signal,
    onProgress: (progress) => {
      if (progress.fraction !== null) request.onProgress?.(progress.fraction);
    },
  });
}
