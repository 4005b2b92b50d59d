import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FfmpegCancelled } from '../../ffmpeg/run-ffmpeg';
import { needsProxy } from './needs-proxy';
import { makeProxy } from './proxy';
import { testMediaFolder, type TestMediaFolder } from './test-media';

let media: TestMediaFolder;
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast'];
const picture = (size: string, seconds: number, rate = 25) => ['-f', 'lavfi', '-i', `testsrc2=s=${size}:r=${rate}:d=${seconds}`];
const tone = (seconds: number) => ['-f', 'lavfi', '-i', `sine=f=440:d=${seconds}`];

beforeAll(async () => {
  media = await testMediaFolder('proxy');
  await Promise.all([
    media.make(...picture('160x90', 1), ...tone(1), '-c:v', 'libx265', '-preset', 'ultrafast', '-x265-params', 'log-level=none', '-c:a', 'aac', 'hevc.mkv'),
    media.make(...picture('320x180', 2), ...X264, '-pix_fmt', 'yuv420p10le', 'ten-bit.mp4'),
    media.make(...picture('320x180', 2), ...X264, '-pix_fmt', 'yuv422p', 'four-two-two.mp4'),
    media.make(...picture('240x180', 2), '-vf', 'setsar=4/3', ...X264, '-pix_fmt', 'yuv422p', 'anamorphic.mp4'),
    media.make(...picture('320x180', 2), ...X264, '-pix_fmt', 'yuv444p', 'upright.mp4').then(() =>
      media.make('-i', 'upright.mp4', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', 'rotated.mp4'),
    ),
    // 15 frames at 30 fps, then 15 at 10 fps: 2 s of variable frame rate.
    media.make(...picture('160x90', 1, 30), '-vf', "setpts='if(lt(N,15),N/30,0.5+(N-15)/10)/TB'", '-fps_mode', 'vfr', ...X264, '-pix_fmt', 'yuv444p', 'vfr.mp4'),
    media.make(...tone(2), '-c:a', 'alac', 'lossless.m4a'),
    media.make(...picture('640x360', 30), ...X264, '-pix_fmt', 'yuv422p', 'long.mp4'),
  ]);
}, 60_000);
afterAll(() => media.remove());

async function proxy(name: string) {
  const source = await media.probe(name);
  expect(needsProxy(source).needed).toBe(true);
  const fractions: number[] = [];
  await makeProxy({ ffmpeg: media.ffmpeg, input: media.at(name), media: source, output: media.at(`${name}.proxy.tmp`), onProgress: (f) => fractions.push(f) });
  const made = await media.probe(`${name}.proxy.tmp`);
  expect(needsProxy(made)).toEqual({ needed: false, reason: null });
  return { source, made, fractions };
}

describe('makeProxy', () => {
  it('turns HEVC in Matroska into H.264 and AAC in MP4, reporting progress to the end', async () => {
    const { source, made, fractions } = await proxy('hevc.mkv');
    expect(made).toMatchObject({ container: expect.stringContaining('mp4'), video: { codec: 'h264', pixelFormat: 'yuv420p', width: 160, height: 90 } });
    expect(made.audio).toMatchObject([{ codec: 'aac', channels: 1 }]);
    expect(Math.abs(made.duration! - source.duration!)).toBeLessThan(0.05);
    expect(fractions.at(-1)).toBe(1);
  });

  it('brings 10-bit and 4:2:2 video down to 8-bit 4:2:0', async () => {
    for (const name of ['ten-bit.mp4', 'four-two-two.mp4']) {
      const { made } = await proxy(name);
      expect(made.video).toMatchObject({ codec: 'h264', pixelFormat: 'yuv420p', bitDepth: 8, width: 320, height: 180 });
      expect(made.audio).toEqual([]);
    }
  });

  it('keeps the shape people see: upright and square-pixelled', async () => {
    const rotated = await proxy('rotated.mp4');
    expect(rotated.made.video).toMatchObject({ width: 180, height: 320, displayWidth: 180, displayHeight: 320, rotation: 0 });
    const anamorphic = await proxy('anamorphic.mp4');
    expect(anamorphic.made.video).toMatchObject({ width: 320, height: 180, sar: { num: 1, den: 1 } });
  });

  it('keeps the timing of a variable frame rate', async () => {
    const { source, made } = await proxy('vfr.mp4');
    expect(made.video?.variableFrameRate).toBe(true);
    expect(Math.abs(made.duration! - source.duration!)).toBeLessThan(1 / 30);
  });

  it('converts Apple Lossless to AAC without inventing a picture', async () => {
    const { source, made } = await proxy('lossless.m4a');
    expect(made).toMatchObject({ kind: 'audio', video: null, audio: [{ codec: 'aac' }] });
    expect(Math.abs(made.duration! - source.duration!)).toBeLessThan(0.05);
  });

  it('stops soon after it is cancelled', async () => {
    const controller = new AbortController();
    let cancelledAt = 0;
    const making = makeProxy({
      ffmpeg: media.ffmpeg,
      input: media.at('long.mp4'),
      media: await media.probe('long.mp4'),
      output: media.at('long.proxy.tmp'),
      signal: controller.signal,
      onProgress: () => {
        if (cancelledAt) return;
        cancelledAt = performance.now();
        controller.abort();
      },
    });
    await expect(making).rejects.toBeInstanceOf(FfmpegCancelled);
    expect(performance.now() - cancelledAt).toBeLessThan(1500);
  });
});
