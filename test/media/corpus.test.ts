import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { locateTool } from '../../src/main/engine/ffmpeg/locate';
import { ensureTestMedia } from './corpus';

const corpus = await ensureTestMedia();
const run = promisify(execFile);
const ffmpeg = locateTool('ffmpeg').path;

/** What ffmpeg's filters print about a file (they report on stderr). */
async function filterReport(file: string, filter: string, stream: 'a' | 'v'): Promise<string> {
  const { stderr } = await run(ffmpeg, ['-hide_banner', '-nostdin', '-i', file, `-${stream}f`, filter, '-f', 'null', '-']);
  return stderr;
}

describe('the generated test media', () => {
  it('holds every file it describes, good ones with content', async () => {
    for (const media of corpus.all) {
      const { size } = await fs.stat(media.path);
      if (!media.bad) expect(size, media.name).toBeGreaterThan(0);
    }
    expect((await fs.stat(corpus.bad['empty.mp4'].path)).size).toBe(0);
    expect((await fs.stat(corpus.bad['random.mov'].path)).size).toBe(64 * 1024);
  });

  it('cuts the truncated file before its index', async () => {
    const bytes = await fs.readFile(corpus.bad['truncated.mp4'].path);
    expect(bytes.includes('moov')).toBe(false);
  });

  it('keeps the duplicate byte for byte', async () => {
    const original = await fs.readFile(corpus.good['h264-aac.mp4'].path);
    expect((await fs.readFile(corpus.good['duplicate-of-h264-aac.mp4'].path)).equals(original)).toBe(true);
  });

  it('keeps quotes, a colon and accents in the hostile name', () => {
    const hostile = corpus.good[`it's "quoted": café – naïve.mp4`];
    expect(hostile.path).toMatch(process.platform === 'win32' ? /it's "quoted"_ café – naïve\.mp4$/ : /it's "quoted": café – naïve\.mp4$/);
  });

  it('shows the phone clip upright: the stored top-left corner ends up top-right, as after a clockwise turn', async () => {
    // ffmpeg applies the display matrix as players do, giving the 180x320 upright picture.
    const { stdout } = await run(ffmpeg, ['-v', 'error', '-i', corpus.good['phone-rotated.mp4'].path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], {
      encoding: 'buffer',
      maxBuffer: 1024 * 1024,
    });
    const width = 180;
    expect(stdout.length).toBe(width * 320 * 3);
    const redAt = (x: number, y: number) => stdout[(y * width + x) * 3]! > 200 && stdout[(y * width + x) * 3 + 1]! < 60;
    expect(redAt(width - 10, 10)).toBe(true);
    expect(redAt(10, 10)).toBe(false);
    expect(redAt(10, 310)).toBe(false);
  });

  it('starts black-start.mp4 with black for as long as it says', async () => {
    const report = await filterReport(corpus.good['black-start.mp4'].path, 'blackdetect=d=0.5', 'v');
    const [, start, end] = /black_start:(\S+) black_end:(\S+)/.exec(report) ?? [];
    expect(Number(start)).toBe(0);
    expect(Number(end)).toBeCloseTo(corpus.good['black-start.mp4'].blackLeadInSeconds ?? Number.NaN, 1);
  });

  it('has audible speech in speech.wav', async () => {
    const report = await filterReport(corpus.good['speech.wav'].path, 'volumedetect', 'a');
    const [, maxVolume] = /max_volume: (\S+) dB/.exec(report) ?? [];
    expect(Number(maxVolume)).toBeGreaterThan(-20);
  });
});
