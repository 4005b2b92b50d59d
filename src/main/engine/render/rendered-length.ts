import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { z } from 'zod';

const run = promisify(execFile);

/** ffprobe's seconds ("1.234567"); undefined where it has none ("N/A", or left out). */
const seconds = z.preprocess((v) => {
  const n = typeof v === 'string' ? Number.parseFloat(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}, z.number().optional());

const DurationsSchema = z.object({
  streams: z.array(z.object({ codec_type: z.string(), duration: seconds })).default([]),
  format: z.object({ duration: seconds }).default({}),
});

const STREAM_NAMES: Record<string, string> = { video: 'picture', audio: 'sound' };

/**
 * Why a rendered file is shorter than planned, or null when each of its streams lasts the `planned` seconds (within
 * `tolerance`). ffmpeg can finish a graph early and still exit 0: when one read runs dry, `concat` ends its track
 * there and each output stream stops on its own. So success is judged on the file written, with one ffprobe of its
 * headers (under a tenth of a second, next to a render’s seconds). The `-progress` pipe is no substitute: its last
 * out_time is the furthest any stream got, so a picture that stops early beside sound that goes on looks complete.
 */
export async function renderedShortfall(ffprobe: string, file: string, planned: number, tolerance: number): Promise<string | null> {
  let stdout: string;
  try {
    ({ stdout } = await run(ffprobe, ['-v', 'error', '-of', 'json', '-show_entries', 'stream=codec_type,duration:format=duration', file]));
  } catch (error) {
    const reason = String((error as { stderr?: string }).stderr ?? '').trim() || (error as Error).message;
    return `The rendered file cannot be read back (${reason}), though ffmpeg reported no error.`;
  }
  const { streams, format } = DurationsSchema.parse(JSON.parse(stdout));
  for (const stream of streams) {
    // Some containers (Matroska) keep no duration per stream, only the file's.
    const lasts = stream.duration ?? format.duration;
    if (lasts === undefined || lasts >= planned - tolerance) continue;
    const name = STREAM_NAMES[stream.codec_type] ?? `${stream.codec_type} stream`;
    return `The render stopped early: its ${name} ends at ${lasts.toFixed(2)} s of ${planned.toFixed(2)} s, though ffmpeg reported no error.`;
  }
  return null;
}
