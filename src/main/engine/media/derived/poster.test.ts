import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePoster } from './poster';
import { testMediaFolder, type TestMediaFolder } from './test-media';

let media: TestMediaFolder;
const X264 = ['-c:v', 'libx264', '-preset', 'ultrafast'];
const clip = (filters = '') => ['-f', 'lavfi', '-i', `testsrc2=s=320x180:r=25:d=4${filters}`];

beforeAll(async () => {
  media = await testMediaFolder('poster');
  await Promise.all([
    media.make(...clip(), ...X264, 'plain.mp4'),
    media.make(...clip(",drawbox=c=black:t=fill:enable='lt(t,1.5)'"), ...X264, 'black-start.mp4'),
    media.make(...clip(',fade=in:st=0:d=2'), ...X264, 'fade-in.mp4'),
    // Long enough for candidates to be reached by seeking rather than in one pass.
    media.make('-f', 'lavfi', '-i', "testsrc2=s=160x90:r=10:d=12,drawbox=c=black:t=fill:enable='lt(t,4)'", ...X264, '-g', '10', 'long-black-start.mp4'),
    media.make('-f', 'lavfi', '-i', 'color=c=black:s=320x180:r=25:d=2', ...X264, 'all-black.mp4'),
    // White on the left: turned a quarter clockwise it is on top, anticlockwise at the bottom.
    media.make('-f', 'lavfi', '-i', 'color=c=white:s=160x180:r=25:d=2,pad=320:180:0:0:color=black', ...X264, 'upright.mp4').then(() =>
      media.make('-i', 'upright.mp4', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', 'rotated.mp4'),
    ),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=240x180:r=25:d=2', '-vf', 'setsar=4/3', ...X264, 'anamorphic.mp4'),
    media.make('-f', 'lavfi', '-i', 'color=c=white:s=200x200,format=rgba,pad=400:200:0:0:color=black@0', '-frames:v', '1', 'half-transparent.png'),
    // The transparent half is red underneath: only a decoder that reads the alpha shows it on grey.
    media.make('-f', 'lavfi', '-i', 'color=c=white:s=200x200:r=25:d=1,format=rgba,pad=400:200:0:0:color=red@0', '-c:v', 'libvpx-vp9', '-pix_fmt', 'yuva420p', 'half-transparent.webm'),
    media.make('-f', 'lavfi', '-i', 'testsrc2=s=500x500', '-frames:v', '1', 'cover.jpg').then(() =>
      media.make('-f', 'lavfi', '-i', 'sine=d=1', '-i', 'cover.jpg', '-map', '0', '-map', '1', '-c:a', 'libmp3lame', '-c:v', 'copy', '-disposition:v', 'attached_pic', 'song.mp3'),
    ),
    media.make('-f', 'lavfi', '-i', 'sine=d=1', 'tone.wav'),
    // The same bars as SDR and as HDR (PQ, BT.2020, 10-bit), as a phone or an HDR export would write them.
    media.make(...clip(), ...X264, 'bars-sdr.mp4'),
    media.make(
      ...clip(',zscale=tin=bt709:pin=bt709:min=bt709:t=smpte2084:p=bt2020:m=bt2020nc:npl=100,format=yuv420p10le'),
      ...X264, '-color_trc', 'smpte2084', '-color_primaries', 'bt2020', '-colorspace', 'bt2020nc', 'bars-pq.mp4',
    ),
  ]);
}, 30_000);
afterAll(() => media.remove());

async function poster(name: string) {
  const request = { ffmpeg: media.ffmpeg, input: media.at(name), media: await media.probe(name), output: media.at(`${name}.poster.jpg`) };
  const started = performance.now();
  const result = await makePoster(request);
  const elapsed = performance.now() - started;
  return { result, elapsed, stats: result.made ? await media.stats(`${name}.poster.jpg`) : null };
}

describe('makePoster', () => {
  it('shows a frame of the picture, at most 320 px wide, in well under a second', async () => {
    const { result, stats, elapsed } = await poster('plain.mp4');
    expect(result).toEqual({ made: true, time: 0.4 });
    expect(stats).toMatchObject({ width: 320, height: 180 });
    expect(stats!.stdDev).toBeGreaterThan(40);
    // Typically 0.2 s; the margin is for a busy test machine.
    expect(elapsed).toBeLessThan(1500);
  });

  it('skips a second and a half of black at the start', async () => {
    const { result, stats } = await poster('black-start.mp4');
    expect(result.made && result.time).toBeGreaterThanOrEqual(1.5);
    expect(stats!.mean).toBeGreaterThan(60);
    expect(stats!.stdDev).toBeGreaterThan(40);
  });

  it('skips a black start in a longer clip too', async () => {
    const { result, stats } = await poster('long-black-start.mp4');
    expect(result).toEqual({ made: true, time: expect.closeTo(6, 1) });
    expect(stats).toMatchObject({ width: 160, height: 90 });
    expect(stats!.stdDev).toBeGreaterThan(40);
  });

  it('waits for a fade-in to come up', async () => {
    const plain = await poster('plain.mp4');
    const { result, stats } = await poster('fade-in.mp4');
    expect(result.made && result.time).toBeGreaterThanOrEqual(1.5);
    expect(stats!.stdDev).toBeGreaterThan(0.75 * plain.stats!.stdDev);
  });

  it('still makes a poster of a clip that is black throughout', async () => {
    const { result, stats } = await poster('all-black.mp4');
    expect(result.made).toBe(true);
    expect(stats).toMatchObject({ width: 320, height: 180 });
  });

  it('stands a rotated clip upright and widens an anamorphic one', async () => {
    expect((await poster('rotated.mp4')).stats).toMatchObject({ width: 180, height: 320 });
    const clockwise = (await media.probe('rotated.mp4')).video?.rotation === 90;
    const top = (await media.stats('rotated.mp4.poster.jpg', { x: 0, y: 0, width: 180, height: 150 })).mean;
    const bottom = (await media.stats('rotated.mp4.poster.jpg', { x: 0, y: 170, width: 180, height: 150 })).mean;
    const [white, black] = clockwise ? [top, bottom] : [bottom, top];
    expect(white).toBeGreaterThan(240);
    expect(black).toBeLessThan(15);
    expect((await poster('anamorphic.mp4')).stats).toMatchObject({ width: 320, height: 180 });
  });

  it('shrinks an image and shows its transparent part on mid grey', async () => {
    const { result } = await poster('half-transparent.png');
    expect(result).toEqual({ made: true, time: null });
    const opaque = await media.stats('half-transparent.png.poster.jpg', { x: 5, y: 5, width: 150, height: 150 });
    const transparent = await media.stats('half-transparent.png.poster.jpg', { x: 165, y: 5, width: 150, height: 150 });
    expect(opaque).toMatchObject({ width: 320, height: 160 });
    expect(opaque.mean).toBeGreaterThan(245);
    expect(transparent.mean).toBeGreaterThan(118);
    expect(transparent.mean).toBeLessThan(138);
  });

  it('shows the transparent part of a WebM (VP9 with alpha) on mid grey too', async () => {
    const { result } = await poster('half-transparent.webm');
    expect(result.made).toBe(true);
    const transparent = await media.stats('half-transparent.webm.poster.jpg', { x: 165, y: 5, width: 150, height: 150 });
    expect(transparent.mean).toBeGreaterThan(118);
    expect(transparent.mean).toBeLessThan(138);
  });

  it('tone-maps an HDR clip, so its poster has the contrast of the SDR one instead of a washed-out grey', async () => {
    const sdr = await poster('bars-sdr.mp4');
    const hdr = await poster('bars-pq.mp4');
    // Shown as decoded, the PQ bars measure a third of the SDR contrast; tone-mapped, three quarters of it (49 against
    // 66), about as bright (mean 110 against 123).
    expect(Math.abs(hdr.stats!.mean - sdr.stats!.mean)).toBeLessThan(20);
    expect(hdr.stats!.stdDev / sdr.stats!.stdDev).toBeGreaterThan(0.6);
  });

  it('uses cover art for audio, and says there is nothing to show without it', async () => {
    const { result, stats } = await poster('song.mp3');
    expect(result).toEqual({ made: true, time: null });
    expect(stats).toMatchObject({ width: 320, height: 320 });
    expect((await poster('tone.wav')).result).toEqual({ made: false, reason: expect.stringMatching(/no cover art/) });
  });
});
