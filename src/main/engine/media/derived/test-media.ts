import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MediaInfo } from '../../../../shared/media';
import { locateTool } from '../../ffmpeg/locate';
import { probeFile } from '../probe';

/** For the derived-media tests: a scratch folder of media made by ffmpeg, and ways to look at what was made. */

const run = promisify(execFile);

export interface GreyPicture {
  width: number;
  height: number;
  /** 8-bit luma, row by row. */
  pixels: Uint8Array;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PictureStats {
  width: number;
  height: number;
  /** Of 8-bit luma over the picture or the region measured. */
  mean: number;
  stdDev: number;
}

export interface TestMediaFolder {
  dir: string;
  ffmpeg: string;
  at(name: string): string;
  /** Runs ffmpeg in the folder (quiet, overwriting). */
  make(...args: string[]): Promise<void>;
  probe(name: string): Promise<MediaInfo>;
  /** The first picture of a file, as grey. */
  grey(name: string): Promise<GreyPicture>;
  /** Brightness and contrast of the first picture of a file, or of a region of it. */
  stats(name: string, region?: Region): Promise<PictureStats>;
  remove(): Promise<void>;
}

export async function testMediaFolder(prefix: string): Promise<TestMediaFolder> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `reelsmith-${prefix}-`));
  const ffmpeg = locateTool('ffmpeg').path;
  const ffprobe = locateTool('ffprobe').path;
  const at = (name: string) => path.join(dir, name);
  const grey = async (name: string): Promise<GreyPicture> => {
    const info = await probeFile(ffprobe, at(name));
    const { stdout } = await run(ffmpeg, ['-v', 'error', '-nostdin', '-i', at(name), '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
      encoding: 'buffer',
      maxBuffer: 64 * 1024 * 1024,
    });
    return { width: info.video?.width ?? 0, height: info.video?.height ?? 0, pixels: new Uint8Array(stdout) };
  };
  return {
    dir,
    ffmpeg,
    at,
    make: async (...args) => {
      await run(ffmpeg, ['-v', 'error', '-nostdin', '-y', ...args], { cwd: dir });
    },
    probe: (name) => probeFile(ffprobe, at(name)),
    grey,
    stats: async (name, region) => measure(await grey(name), region),
    remove: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

export function measure(picture: GreyPicture, region: Region = { x: 0, y: 0, width: picture.width, height: picture.height }): PictureStats {
  let sum = 0;
  let sumOfSquares = 0;
  for (let row = region.y; row < region.y + region.height; row++) {
    for (let column = region.x; column < region.x + region.width; column++) {
      const value = picture.pixels[row * picture.width + column]!;
      sum += value;
      sumOfSquares += value * value;
    }
  }
  const count = region.width * region.height;
  const mean = sum / count;
  return { width: picture.width, height: picture.height, mean, stdDev: Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean)) };
}
