import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

const FfprobeOutputSchema = z.object({
  format: z
    .object({ format_name: z.string().optional(), duration: z.string().optional() })
    .optional(),
  streams: z
    .array(
      z.object({
        index: z.number(),
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        width: z.number().optional(),
        height: z.number().optional(),
        duration: z.string().optional(),
        disposition: z.object({ attached_pic: z.number().optional() }).partial().optional(),
      }),
    )
    .default([]),
});

export interface ProbedMedia {
  container: string | null;
  duration: number | null;
  hasVideo: boolean;
  hasAudio: boolean;
  width: number | null;
  height: number | null;
}

export class ProbeError extends Error {}

/** What an export needs to know about a file. Cover art (attached pictures) does not count as video. */
export async function probeMedia(ffprobe: string, file: string): Promise<ProbedMedia> {
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, ['-v', 'error', '-of', 'json', '-show_format', '-show_streams', file], {
      maxBuffer: 16 * 1024 * 1024,
    }));
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    if (/No such file/i.test(stderr)) throw new ProbeError(`The file ${file} does not exist.`);
    throw new ProbeError(`${file} is damaged or is not a media file ffmpeg can read.`);
  }
  const parsed = FfprobeOutputSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new ProbeError(`ffprobe gave an answer Reelsmith could not understand for ${file}.`);
  const { format, streams } = parsed.data;
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new ProbeError(`${file} has no video or audio stream.`);
  const duration = Number(format?.duration ?? video?.duration ?? audio?.duration);
  return {
    container: format?.format_name ?? null,
    duration: Number.isFinite(duration) && duration > 0 ? duration : null,
    hasVideo: video !== undefined,
    hasAudio: audio !== undefined,
    width: video?.width ?? null,
    height: video?.height ?? null,
  };
}
