import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { writeFileAtomic } from '../storage/atomic-write';
import { HARDWARE_H264_ENCODERS, parseEncoderList, parseEncoderTag, parseVersion, testEncodeArgs } from './encoders';
import { locateTool, type LocatedTool } from './locate';

const run = promisify(execFile);

export const FfmpegCapabilitiesSchema = z.object({
  key: z.string(),
  ffmpeg: z.object({ path: z.string(), source: z.enum(['env', 'bundled', 'path']), version: z.string().nullable() }),
  ffprobe: z.object({ path: z.string(), source: z.enum(['env', 'bundled', 'path']), version: z.string().nullable() }),
  /** What this ffmpeg writes into a file as its encoder ("Lavf59.27.100"); null when its version output does not say. */
  encoderTag: z.string().nullable(),
  encoders: z.array(z.string()),
  /** Hardware encoders that passed a test encode, in order of preference. */
  workingHardwareEncoders: z.array(z.string()),
  checkedAt: z.string(),
});
export type FfmpegCapabilities = z.infer<typeof FfmpegCapabilitiesSchema>;

/**
 * Finds ffmpeg and ffprobe and learns what this ffmpeg can do. Hardware encoders are proven by a one-second test
 * encode (a listed encoder often has no driver behind it), and the answer is cached in the config folder for as
 * long as the ffmpeg binary stays the same.
 */
export async function detectCapabilities(configDir: string, options: { refresh?: boolean } = {}): Promise<FfmpegCapabilities> {
  const ffmpeg = locateTool('ffmpeg');
  const ffprobe = locateTool('ffprobe');
  const key = await binaryKey(ffmpeg);
  const cacheFile = path.join(configDir, 'ffmpeg-capabilities.json');
  if (!options.refresh) {
    const cached = await readCache(cacheFile);
    if (cached?.key === key && cached.ffprobe.path === ffprobe.path) return cached;
  }
  const [ffmpegVersionText, ffprobeVersionText, encoderList] = await Promise.all([
    versionText(ffmpeg),
    versionText(ffprobe),
    run(ffmpeg.path, ['-hide_banner', '-encoders'], { maxBuffer: 8 * 1024 * 1024 }).then((r) => r.stdout),
  ]);
  const encoders = parseEncoderList(encoderList);
  const workingHardwareEncoders: string[] = [];
  for (const candidate of HARDWARE_H264_ENCODERS.filter((e) => encoders.has(e.name))) {
    const works = await run(ffmpeg.path, testEncodeArgs(candidate), { timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (works) workingHardwareEncoders.push(candidate.name);
  }
  const capabilities: FfmpegCapabilities = {
    key,
    ffmpeg: { path: ffmpeg.path, source: ffmpeg.source, version: parseVersion(ffmpegVersionText) },
    ffprobe: { path: ffprobe.path, source: ffprobe.source, version: parseVersion(ffprobeVersionText) },
    encoderTag: parseEncoderTag(ffmpegVersionText),
    encoders: [...encoders].sort(),
    workingHardwareEncoders,
    checkedAt: new Date().toISOString(),
  };
  await fs.mkdir(configDir, { recursive: true });
  await writeFileAtomic(cacheFile, JSON.stringify(capabilities, null, 2));
  return capabilities;
}

async function binaryKey(tool: LocatedTool): Promise<string> {
  const stat = await fs.stat(tool.path);
  return `${tool.path}|${stat.size}|${stat.mtimeMs}`;
}

/** `-version`'s output; empty when the tool does not answer. */
async function versionText(tool: LocatedTool): Promise<string> {
  try {
    return (await run(tool.path, ['-version'])).stdout;
  } catch {
    return '';
  }
}

async function readCache(file: string): Promise<FfmpegCapabilities | null> {
  try {
    const parsed = FfmpegCapabilitiesSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
