import { describe, expect, it } from 'vitest';
import { locateTool } from '../../ffmpeg/locate';
import { FfmpegCancelled, FfmpegError } from '../../ffmpeg/run-ffmpeg';
import { measure, testMediaFolder } from '../../media/derived/test-media';
import { analysisFrameSize, streamFrames, type FrameStreamOptions } from './frame-stream';

const ffmpeg = locateTool('ffmpeg').path;

function lavfi(source: string, overrides: Partial<FrameStreamOptions> = {}): FrameStreamOptions {
  return { ffmpeg, input: ['-f', 'lavfi', '-i', source], width: 32, height: 18, frameRate: 25, pixelFormat: 'rgb24', duration: 2, ...overrides };
}

describe('streaming small frames from ffmpeg', () => {
  it('delivers every frame at the asked size and rate, with its index and time', async () => {
    const seen: { index: number; time: number; red: number; blue: number }[] = [];
    for await (const frame of streamFrames(lavfi('color=c=red:s=320x180:r=25:d=2'))) {
      seen.push({ index: frame.index, time: frame.time, red: frame.data[0]!, blue: frame.data[2]! });
      expect(frame.data).toHaveLength(32 * 18 * 3);
    }
    expect(seen).toHaveLength(50);
    expect(seen[49]).toMatchObject({ index: 49, time: 49 / 25 });
    expect(seen[0]!.red).toBeGreaterThan(240);
    expect(seen[0]!.blue).toBeLessThan(15);
  });

  it('resamples to the analysis rate and gives luma frames when asked', async () => {
    let count = 0;
    for await (const frame of streamFrames(lavfi('testsrc2=s=320x180:r=30:d=2', { frameRate: 10, pixelFormat: 'gray' }))) {
      expect(frame.data).toHaveLength(32 * 18);
      count += 1;
    }
    expect(count).toBe(20);
  });

  it('tone-maps HDR frames, so they have the contrast of the SDR picture instead of a washed-out grey', async () => {
    const media = await testMediaFolder('frame-stream-hdr');
    try {
      const bars = 'testsrc2=s=320x180:r=25:d=0.2';
      // The same bars written as PQ (BT.2020, 10-bit, tagged so), as an HDR phone clip carries them.
      await media.make(
        '-f', 'lavfi', '-i', `${bars},zscale=tin=bt709:pin=bt709:min=bt709:t=smpte2084:p=bt2020:m=bt2020nc:npl=100,format=yuv420p10le`,
        '-c:v', 'libx264', '-preset', 'ultrafast', '-color_trc', 'smpte2084', '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc', 'bars-pq.mp4',
      );
      const contrast = async (options: FrameStreamOptions) => {
        let deviation = 0;
        for await (const frame of streamFrames({ ...options, width: 160, height: 90, pixelFormat: 'gray', duration: 0.2 })) {
          deviation = measure({ width: frame.width, height: frame.height, pixels: frame.data }).stdDev;
        }
        return deviation;
      };
      const pq = { ...lavfi(bars), input: ['-i', media.at('bars-pq.mp4')] };
      const sdr = await contrast(lavfi(bars));
      const untouched = await contrast(pq);
      const toneMapped = await contrast({ ...pq, hdr: 'pq' });
      expect(untouched / sdr).toBeLessThan(0.5);
      expect(toneMapped / sdr).toBeGreaterThan(0.6);
    } finally {
      await media.remove();
    }
  });

  it('reports progress by time, rising to 1', async () => {
    const fractions: number[] = [];
    for await (const frame of streamFrames(lavfi('testsrc2=s=64x36:r=25:d=2', { onProgress: (f) => fractions.push(f) }))) void frame;
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions.at(-1)).toBe(1);
  });

  it('stops ffmpeg when the signal aborts', async () => {
    const controller = new AbortController();
    const frames = streamFrames(lavfi('testsrc2=s=64x36:r=25:d=600', { signal: controller.signal, duration: 600 }));
    const reading = (async () => {
      for await (const frame of frames) if (frame.index === 10) controller.abort();
    })();
    await expect(reading).rejects.toBeInstanceOf(FfmpegCancelled);
  });

  it('stops ffmpeg when the reader stops early', async () => {
    let last = -1;
    for await (const frame of streamFrames(lavfi('testsrc2=s=64x36:r=25:d=600', { duration: 600 }))) {
      last = frame.index;
      if (frame.index === 5) break;
    }
    expect(last).toBe(5);
  });

  it('fails with a readable error for a file that is not there', async () => {
    const reading = (async () => {
      for await (const frame of streamFrames(lavfi('', { input: ['-i', '/nonexistent/clip.mp4'] }))) void frame;
    })();
    await expect(reading).rejects.toThrow(FfmpegError);
    await expect(reading).rejects.toThrow(/does not exist/);
  });
});

describe('analysis frame size', () => {
  it('keeps the shape at the asked width, even, never wider than the picture', () => {
    expect(analysisFrameSize(1920, 1080, 160)).toEqual({ width: 160, height: 90 });
    expect(analysisFrameSize(1080, 1920, 160)).toEqual({ width: 160, height: 284 });
    expect(analysisFrameSize(100, 50, 160)).toEqual({ width: 100, height: 50 });
  });
});
