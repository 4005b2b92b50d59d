import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { MediaInfo, VideoInfo } from '../../../shared/media';
import { frameRotation, NotMediaError, parseProbeOutput, withRotation } from './probe-parse';

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

/**
 * Answers kept for files that have not changed since (same size, modification time and inode): one piece of work
 * probes the same file several times (a command checks it, the analysis and the render read it again), each ffprobe
 * about 90 ms. Failures are not kept.
 */
const PROBES_KEPT = 256;
const probed = new Map<string, Promise<MediaInfo>>();

/** Everything Reelsmith reads about a media file with ffprobe. */
export async function probeFile(ffprobe: string, file: string): Promise<MediaInfo> {
  let key: string;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new ProbeError(`${file} is a folder, not a media file.`);
    // ffprobe would only say "Invalid data"; an empty file is usually a copy or download that never finished.
    if (info.size === 0) throw new ProbeError(`${file} is empty (0 bytes); it may not have finished copying or downloading.`);
    key = [ffprobe, file, info.size, info.mtimeMs, info.ino].join('\0');
  } catch (error) {
    if (error instanceof ProbeError) throw error;
    throw new ProbeError(`The file ${file} does not exist.`, 'missing');
  }
  const kept = probed.get(key);
  if (kept) {
    // Most recently used last, so the oldest answer is the one forgotten.
    probed.delete(key);
    probed.set(key, kept);
    return kept;
  }
  const probing = readProbe(ffprobe, file);
  probed.set(key, probing);
  if (probed.size > PROBES_KEPT) probed.delete(probed.keys().next().value!);
  probing.catch(() => probed.delete(key));
  return probing;
}

async function readProbe(ffprobe: string, file: string): Promise<MediaInfo> {
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
  let info: MediaInfo;
  try {
    info = parseProbeOutput(json);
  } catch (error) {
    if (error instanceof NotMediaError) throw new ProbeError(`${file} is not a media file Reelsmith can use: ${error.message}`);
    throw error;
  }
  // A phone's JPEG is stored sideways with an EXIF orientation that ffmpeg applies when decoding; without it the
  // picture's shown size would be its stored one, and every poster and render of it squeezed.
  if (info.kind === 'image' && info.video?.codec === 'mjpeg') {
    const rotation = await firstFrameRotation(ffprobe, file);
    if (rotation !== info.video.rotation) info = { ...info, video: withRotation(info.video, rotation) };
  }
  return info;
}

async function firstFrameRotation(ffprobe: string, file: string): Promise<VideoInfo['rotation']> {
  try {
    const { stdout } = await run(ffprobe, ['-v', 'error', '-of', 'json', '-select_streams', 'v:0', '-read_intervals', '%+#1', '-show_frames', '-show_entries', 'frame=side_data_list', file], {
      maxBuffer: 4 * 1024 * 1024,
    });
    return frameRotation(JSON.parse(stdout));
  } catch {
    // The stream probe already succeeded: a picture whose frame cannot be read keeps its stored orientation.
    return 0;
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
