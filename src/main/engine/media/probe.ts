import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { MediaInfo } from '../../../shared/media';
import { NotMediaError, parseProbeOutput } from './probe-parse';

const run = promisify(execFile);

export interface ProbedMedia {
  container: string | null;
  duration: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
  width: number | null;
  height: number | null;
}

export class ProbeError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'not-media' = 'not-media',
  ) {
    super(message);
  }
}

/** Everything Reelsmith reads about a media file with ffprobe. */
export async function probeFile(ffprobe: string, file: string): Promise<MediaInfo> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new ProbeError(`${file} is a folder, not a media file.`);
    // ffprobe would only say "Invalid data"; an empty file is usually a copy or download that never finished.
    if (info.size === 0) throw new ProbeError(`${file} is empty (0 bytes); it may not have finished copying or downloading.`);
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    throw new ProbeError(`The file ${file} does not exist.`, 'missing');
  }
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', file], {
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    if (/No such file/i.test(stderr)) throw new ProbeError(`The file ${file} does not exist.`, 'missing');
    throw new ProbeError(`${file} is damaged or is not a media file ffmpeg can read.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    throw new ProbeError(`ffprobe gave an answer Reelsmith could not understand for ${file}.`);
  }
  try {
    return parseProbeOutput(json);
  } catch (error) {
    if (error instanceof NotMediaError) throw new ProbeError(`${file} is not a media file Reelsmith can use: ${error.message}`);
    throw error;
  }
}

/** What an export needs to know about a file. Cover art (attached pictures) does not count as video. */
export async function probeMedia(ffprobe: string, file: string): Promise<ProbedMedia> {
  const info = await probeFile(ffprobe, file);
  return {
    container: info.container,
    duration: info.duration,
    hasVideo: info.video !== null,
    hasAudio: info.audio.length > 0,
    width: info.video?.width ?? null,
    height: info.video?.height ?? null,
  };
}
