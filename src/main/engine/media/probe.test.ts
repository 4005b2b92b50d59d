import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateTool } from '../ffmpeg/locate';
import { probeFile, ProbeError } from './probe';

const run = promisify(execFile);
let dir: string;
let ffprobe: string;

async function ffmpeg(...args: string[]) {
  await run(locateTool('ffmpeg').path, ['-v', 'error', '-nostdin', '-y', ...args], { cwd: dir });
}
const at = (name: string) => path.join(dir, name);
const clip = (size = '64x48', rate = 25) => ['-f', 'lavfi', '-i', `testsrc2=s=${size}:r=${rate}:d=1`];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-probe-'));
  ffprobe = locateTool('ffprobe').path;
  await fs.writeFile(at('s.srt'), '1\n00:00:00,000 --> 00:00:00,900\nHello\n');
  await Promise.all([
    // ffmpeg 5.1 drops `rotate` when encoding; a stream copy writes it as a display matrix.
    ffmpeg(...clip('64x48', 30), '-f', 'lavfi', '-i', 'sine=d=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-metadata', 'creation_time=2024-05-01T10:00:00Z', 'plain.mp4').then(() =>
      ffmpeg('-i', 'plain.mp4', '-c', 'copy', '-metadata:s:v:0', 'rotate=90', 'rotated.mp4'),
    ),
    ffmpeg(...clip('64x48', 30), '-vf', "setpts='if(lt(N,15),N/30,0.5+(N-15)/10)/TB'", '-fps_mode', 'vfr', '-c:v', 'libx264', '-preset', 'ultrafast', 'vfr.mp4'),
    ffmpeg('-f', 'lavfi', '-i', 'sine=d=1,aformat=channel_layouts=5.1', '-ac', '6', 'six.wav'),
    ffmpeg('-f', 'lavfi', '-i', 'color=c=red@0.5:s=64x64,format=rgba', '-frames:v', '1', 'alpha.png'),
    ffmpeg('-f', 'lavfi', '-i', 'color=c=blue:s=32x32', '-frames:v', '1', 'cover.jpg').then(() =>
      ffmpeg('-f', 'lavfi', '-i', 'sine=d=1', '-i', 'cover.jpg', '-map', '0', '-map', '1', '-c:a', 'libmp3lame', '-c:v', 'copy', '-disposition:v', 'attached_pic', '-id3v2_version', '3', 'song.mp3'),
    ),
    ffmpeg(...clip(), '-i', 's.srt', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:s', 'srt', '-metadata:s:s:0', 'language=eng', 'subs.mkv'),
    ffmpeg(...clip(), '-vf', 'setsar=4/3', '-c:v', 'libx264', '-preset', 'ultrafast', 'anamorphic.mp4'),
    ffmpeg('-f', 'lavfi', '-i', 'color=c=red:s=64x32', '-frames:v', '1', 'upright.jpg').then(async () =>
      fs.writeFile(at('sideways.jpg'), withExifOrientation(await fs.readFile(at('upright.jpg')), 6)),
    ),
  ]);
}, 60_000);
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('probeFile on real media', () => {
  it('reads a rotated clip with audio and a creation time', async () => {
    const plain = await probeFile(ffprobe, at('plain.mp4'));
    expect(plain).toMatchObject({ kind: 'video', creationTime: expect.stringMatching(/^2024-05-01T10:00:00/) });
    expect(plain.duration).toBeCloseTo(1, 1);
    const info = await probeFile(ffprobe, at('rotated.mp4'));
    expect(info.video).toMatchObject({ codec: 'h264', width: 64, height: 48, displayWidth: 48, displayHeight: 64, frameRate: { num: 30, den: 1 }, variableFrameRate: false, pixelFormat: 'yuv420p', bitDepth: 8, hasAlpha: false });
    expect([90, 270]).toContain(info.video?.rotation);
    expect(info.audio).toEqual([{ index: 1, codec: 'aac', channels: 1, channelLayout: 'mono', sampleRate: 44100, language: null }]);
  });

  it('flags a variable frame rate', async () => {
    const info = await probeFile(ffprobe, at('vfr.mp4'));
    expect(info.video?.variableFrameRate).toBe(true);
    const fps = info.video!.frameRate!.num / info.video!.frameRate!.den;
    expect(fps).toBeGreaterThan(12);
    expect(fps).toBeLessThan(20);
  });

  it('reads six-channel audio-only wav', async () => {
    const info = await probeFile(ffprobe, at('six.wav'));
    expect(info).toMatchObject({ kind: 'audio', container: 'wav', video: null, attachedPicture: null });
    expect(info.audio).toEqual([{ index: 0, codec: 'pcm_s16le', channels: 6, channelLayout: '5.1', sampleRate: 44100, language: null }]);
  });

  it('reads a PNG with alpha as an image without duration', async () => {
    const info = await probeFile(ffprobe, at('alpha.png'));
    expect(info).toMatchObject({ kind: 'image', duration: null, container: 'png_pipe', video: { width: 64, height: 64, hasAlpha: true, pixelFormat: 'rgba', frameRate: null } });
    expect((await probeFile(ffprobe, at('cover.jpg'))).kind).toBe('image');
  });

  it('keeps an mp3 cover apart from the video', async () => {
    const info = await probeFile(ffprobe, at('song.mp3'));
    expect(info).toMatchObject({ kind: 'audio', video: null, attachedPicture: { index: 1, codec: 'mjpeg', width: 32, height: 32 } });
  });

  it('lists subtitle streams', async () => {
    const info = await probeFile(ffprobe, at('subs.mkv'));
    expect(info).toMatchObject({ kind: 'video', container: 'matroska,webm', subtitles: [{ index: 1, codec: 'subrip', language: 'eng' }] });
  });

  it('turns a JPEG by its EXIF orientation, as a phone photo is shown', async () => {
    const sideways = await probeFile(ffprobe, at('sideways.jpg'));
    expect(sideways.kind).toBe('image');
    expect(sideways.video).toMatchObject({ width: 64, height: 32, rotation: 90, displayWidth: 32, displayHeight: 64 });
    expect((await probeFile(ffprobe, at('upright.jpg'))).video).toMatchObject({ rotation: 0, displayWidth: 64, displayHeight: 32 });
  });

  it('applies an anamorphic sample aspect ratio', async () => {
    const info = await probeFile(ffprobe, at('anamorphic.mp4'));
    expect(info.video).toMatchObject({ sar: { num: 4, den: 3 }, dar: { num: 16, den: 9 }, displayWidth: 85, displayHeight: 48, rotation: 0 });
  });

  it('asks ffprobe once for a file that has not changed, again once it has, and again after a failure', async () => {
    // An ffprobe that counts its runs, and fails while a flag file exists.
    const counter = at('probe-runs.txt');
    const failFlag = at('probe-fails');
    const counting = at('counting-ffprobe.sh');
    await fs.writeFile(counting, `#!/bin/sh\necho run >> '${counter}'\n[ -e '${failFlag}' ] && exit 1\nexec '${ffprobe}' "$@"\n`, { mode: 0o755 });
    const runs = async () => (await fs.readFile(counter, 'utf8').catch(() => '')).split('\n').filter(Boolean).length;
    await fs.copyFile(at('plain.mp4'), at('cached.mp4'));

    const [first, second] = await Promise.all([probeFile(counting, at('cached.mp4')), probeFile(counting, at('cached.mp4'))]);
    expect(await probeFile(counting, at('cached.mp4'))).toEqual(first);
    expect(second).toEqual(first);
    expect(await runs()).toBe(1);

    // The same path with other content: a new answer.
    await fs.copyFile(at('rotated.mp4'), at('cached.mp4'));
    await fs.utimes(at('cached.mp4'), new Date(), new Date(Date.now() + 5000));
    expect((await probeFile(counting, at('cached.mp4'))).video?.rotation).toBe(270);
    expect(await runs()).toBe(2);

    await fs.copyFile(at('plain.mp4'), at('flaky.mp4'));
    await fs.writeFile(failFlag, '');
    await expect(probeFile(counting, at('flaky.mp4'))).rejects.toBeInstanceOf(ProbeError);
    await fs.rm(failFlag);
    expect((await probeFile(counting, at('flaky.mp4'))).kind).toBe('video');
    expect(await runs()).toBe(4);
  });

  it('explains missing files and non-media files', async () => {
    await expect(probeFile(ffprobe, at('nope.mp4'))).rejects.toMatchObject({ reason: 'missing', message: expect.stringMatching(/does not exist/) });
    await expect(probeFile(ffprobe, at('s.srt'))).rejects.toBeInstanceOf(ProbeError);
    await fs.writeFile(at('notes.txt'), 'just text\n');
    await expect(probeFile(ffprobe, at('notes.txt'))).rejects.toThrow(/not a media file/);
    await expect(probeFile(ffprobe, dir)).rejects.toThrow(/folder/);
  });
});

/** A JPEG with an EXIF block holding only the orientation tag (1 upright, 6 turned a quarter clockwise, …). */
function withExifOrientation(jpeg: Buffer, orientation: number): Buffer {
  // Little-endian TIFF header, one IFD entry: tag 0x0112 (Orientation), type SHORT, count 1, the value; no next IFD.
  const tiff = Buffer.from([0x49, 0x49, 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00, 0x01, 0x00, 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, orientation, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]);
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff]);
  const length = payload.length + 2;
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, length >> 8, length & 0xff]), payload]);
  // Right after the start-of-image marker, where cameras write it.
  return Buffer.concat([jpeg.subarray(0, 2), app1, jpeg.subarray(2)]);
}
