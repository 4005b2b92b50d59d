import { describe, expect, it } from 'vitest';
import { locateTool } from '../../ffmpeg/locate';
import { FfmpegCancelled, FfmpegError } from '../../ffmpeg/run-ffmpeg';
import { runPipedFfmpeg } from './ffmpeg-pipes';

const ffmpeg = locateTool('ffmpeg').path;
/** Ten frames of 4×2 grey RGB. */
const greyFrames = ['-f', 'lavfi', '-i', 'color=c=gray:s=4x2:r=10:d=1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];

describe('runPipedFfmpeg', () => {
  it('hands over what ffmpeg writes to stdout', async () => {
    const chunks: Buffer[] = [];
    await runPipedFfmpeg({ program: ffmpeg, args: greyFrames, onOutput: (chunk) => chunks.push(chunk) });
    expect(Buffer.concat(chunks)).toEqual(Buffer.alloc(10 * 4 * 2 * 3, 128));
  });

  it('feeds input to stdin', async () => {
    const chunks: Buffer[] = [];
    const frame = new Uint8Array(4 * 2 * 3).map((_, i) => i);
    await runPipedFfmpeg({
      program: ffmpeg,
      args: ['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', '4x2', '-i', 'pipe:0', '-vf', 'hflip', '-f', 'rawvideo', 'pipe:1'],
      input: frame,
      onOutput: (chunk) => chunks.push(chunk),
    });
    expect(Array.from(Buffer.concat(chunks).subarray(0, 3))).toEqual([9, 10, 11]);
  });

  it('explains a failure the way runFfmpeg does', async () => {
    const failing = runPipedFfmpeg({ program: ffmpeg, args: ['-i', '/no/such/file.mp4', '-f', 'null', '-'] });
    await expect(failing).rejects.toBeInstanceOf(FfmpegError);
    await expect(failing).rejects.toThrow(/does not exist/);
  });

  it('stops at once when cancelled, or when the reader fails', async () => {
    const endless = ['-f', 'lavfi', '-i', 'testsrc2=s=640x360', '-f', 'rawvideo', 'pipe:1'];
    const controller = new AbortController();
    let abortedAt = 0;
    const cancelled = runPipedFfmpeg({
      program: ffmpeg,
      args: endless,
      signal: controller.signal,
      onOutput: () => {
        abortedAt ||= performance.now();
        controller.abort();
      },
    });
    await expect(cancelled).rejects.toBeInstanceOf(FfmpegCancelled);
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    const refused = runPipedFfmpeg({
      program: ffmpeg,
      args: endless,
      onOutput: () => {
        throw new Error('not what I expected');
      },
    });
    await expect(refused).rejects.toThrow('not what I expected');
  });
});
