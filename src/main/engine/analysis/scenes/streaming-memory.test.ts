import { describe, expect, it } from 'vitest';
import { SceneDetectionParamsSchema } from '../../../../shared/analysis/scenes';
import { locateTool } from '../../ffmpeg/locate';
import { streamFrames, type VideoFrame } from '../video/frame-stream';
import { analyzeSceneFrames } from './detect-scenes';

const ffmpeg = locateTool('ffmpeg').path;
const WIDTH = 128;
const HEIGHT = 72;
const RATE = 25;

/** Passes the frames on while noting the most memory (JS heap and buffers) in use above what it was at the start. */
async function* measured(frames: AsyncIterable<VideoFrame>, peak: { bytes: number }): AsyncGenerator<VideoFrame> {
  const used = () => {
    const usage = process.memoryUsage();
    return usage.heapUsed + usage.arrayBuffers;
  };
  const start = used();
  for await (const frame of frames) {
    if (frame.index % 250 === 0) peak.bytes = Math.max(peak.bytes, used() - start);
    yield frame;
  }
}

async function analysePeak(seconds: number): Promise<{ bytes: number; frames: number }> {
  const peak = { bytes: 0 };
  const frames = streamFrames({
    ffmpeg,
    input: ['-f', 'lavfi', '-i', `testsrc2=s=${WIDTH}x${HEIGHT}:r=${RATE}:d=${seconds}`],
    width: WIDTH,
    height: HEIGHT,
    frameRate: RATE,
    pixelFormat: 'rgb24',
    duration: seconds,
  });
  const analysis = await analyzeSceneFrames(measured(frames, peak), { width: WIDTH, height: HEIGHT, frameRate: RATE }, SceneDetectionParamsSchema.parse({}));
  return { bytes: peak.bytes, frames: analysis.frameCount };
}

describe('scene analysis memory', () => {
  it('stays flat: ten minutes of video use no more than thirty seconds do', { timeout: 120_000 }, async () => {
    const short = await analysePeak(30);
    const long = await analysePeak(600);
    expect(long.frames).toBe(600 * RATE);
    // Twenty times the frames (400 MB of pixels through the pipe); only the per-frame scores (about 30 bytes a
    // frame, under 0.5 MB here) may add to the peak, plus garbage not yet collected (up to 17 MB seen on a loaded
    // machine). Keeping even a tenth of the frames would add 40 MB.
    expect(long.bytes - short.bytes, JSON.stringify({ short, long })).toBeLessThan(32 * 1024 * 1024);
  });
});
