import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFilmstrip } from './filmstrip';
import { measure, testMediaFolder, type TestMediaFolder } from './test-media';

let media: TestMediaFolder;
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
/** Grey that brightens steadily, `perSecond` levels a second, so a tile's brightness tells the time it shows. */
const ramp = (size: string, rate: number, seconds: number, perSecond: number) => [
  '-f', 'lavfi', '-i', `color=c=black:s=${size}:r=${rate}:d=${seconds},format=gray,geq=lum='${perSecond}*T'`,
];

beforeAll(async () => {
  media = await testMediaFolder('filmstrip');
  await Promise.all([
    media.make(...ramp('320x180', 25, 4, 60), ...X264, 'ramp.mp4'),
    // Long enough that tiles are six seconds apart and each is reached by seeking; tiny so it is quick to make.
    media.make(...ramp('64x36', 2, 240, 1), ...X264, '-g', '12', 'long-ramp.mp4'),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=2', ...X264, 'upright.mp4').then(() =>
      media.make('-i', 'upright.mp4', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', 'rotated.mp4'),
    ),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=320x180', '-frames:v', '1', 'still.png'),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=1920x1080:r=30', '-frames:v', '2', ...X264, 'two-frames.mp4'),
  ]);
}, 30_000);
afterAll(() => media.remove());

async function filmstrip(name: string, onProgress?: (fraction: number) => void) {
  const output = `${name}.filmstrip.jpg`;
  const geometry = await makeFilmstrip({ ffmpeg: media.ffmpeg, input: media.at(name), media: await media.probe(name), output: media.at(output), onProgress });
  return { geometry, sprite: await media.stats(output), output };
}

/** Mean brightness of each tile, left to right, top to bottom. */
async function tileBrightness(output: string, geometry: { tiles: number; columns: number; tileWidth: number; tileHeight: number }) {
  const sprite = await media.grey(output);
  return Array.from({ length: geometry.tiles }, (_, i) => {
    const x = (i % geometry.columns) * geometry.tileWidth;
    const y = Math.floor(i / geometry.columns) * geometry.tileHeight;
    return measure(sprite, { x: x + 4, y: y + 4, width: geometry.tileWidth - 8, height: geometry.tileHeight - 8 }).mean;
  });
}

describe('makeFilmstrip', () => {
  it('lays out a tile a second, each showing the middle of its second', async () => {
    const fractions: number[] = [];
    const { geometry, sprite, output } = await filmstrip('ramp.mp4', (f) => fractions.push(f));
    expect(geometry).toEqual({ tiles: 4, columns: 4, tileWidth: 160, tileHeight: 90, interval: expect.closeTo(1, 2) });
    expect(sprite).toMatchObject({ width: 640, height: 90 });
    const means = await tileBrightness(output, geometry);
    // 60 levels a second: 0.5 s is 30, 1.5 s is 90, and so on (within a frame and JPEG's rounding).
    means.forEach((mean, i) => expect(Math.abs(mean - 60 * (i + 0.5))).toBeLessThan(5));
    expect(fractions.at(-1)).toBe(1);
  });

  it('fills the strip with the first frame of a clip that ends before its first sample time', async () => {
    const { geometry, sprite } = await filmstrip('two-frames.mp4');
    expect(geometry.tiles).toBe(1);
    expect(sprite).toMatchObject({ width: 160, height: 90 });
  });

  it('seeks to each of forty tiles of a long video, in rows of ten', async () => {
    const { geometry, sprite, output } = await filmstrip('long-ramp.mp4');
    expect(geometry).toMatchObject({ tiles: 40, columns: 10, tileWidth: 160, tileHeight: 90 });
    expect(geometry.interval).toBeCloseTo(6, 1);
    expect(sprite).toMatchObject({ width: 1600, height: 360 });
    const means = await tileBrightness(output, geometry);
    // One level a second: tile i shows second 6i + 3.
    means.forEach((mean, i) => expect(Math.abs(mean - (6 * i + 3))).toBeLessThan(3));
  });

  it('makes upright tiles for a rotated video', async () => {
    const { geometry, sprite } = await filmstrip('rotated.mp4');
    expect(geometry).toMatchObject({ tiles: 2, columns: 2, tileWidth: 160, tileHeight: 284 });
    expect(sprite).toMatchObject({ width: 320, height: 284 });
  });

  it('refuses a still image', async () => {
    await expect(filmstrip('still.png')).rejects.toThrow(/Only videos/);
  });
});
