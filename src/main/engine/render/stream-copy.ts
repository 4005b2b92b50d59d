import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import type { VideoPreset } from '../../../shared/export/presets';
import type { RenderPlan } from '../../../shared/render/render-plan';
import type { StreamCopyVerdict } from '../../../shared/render/render-request';
import type { FrameRate } from '../../../shared/video-format';
import { audioCodecArgs, containerArgs } from '../export/export-args';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { filterComplexArgs } from '../ffmpeg/filter-script';
import { FfmpegCancelled, FfmpegError, runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobCancelled, JobFailure, type JobContext } from '../jobs/job-queue';
import { ProbeError } from '../media/probe';
import { buildRenderGraph } from './graph/render-graph';
import { secondsOption } from './graph/timing';
import { probeRenderSources, withProbeFailures } from './render-sources';
import { canStreamCopy, type StreamCopySource } from './stream-copy-check';

const run = promisify(execFile);

/**
 * A lossless render: each video segment is copied packet for packet from its keyframe (`-ss` on the keyframe,
 * `-t` half a frame short of its end, so exactly its frames), the pieces are joined with the concat demuxer with
 * each piece's exact duration, and the sound is rendered by the same sample-exact audio graph as a full render.
 *
 * Why not one pass with the concat demuxer's inpoint/outpoint: outpoint ends a file at the first packet of ANY
 * stream past it, and sound packets interleaved ahead of the last video packets would cut video frames. Why not copy
 * the sound as well: AAC packets hold 1024 samples (21 ms at 48 kHz), so copied sound cannot start or end on a
 * frame, and over 50 cuts the error drifts the sound away from the picture. Rendering it keeps every cut in sync.
 */
export async function runStreamCopy(
  ctx: JobContext,
  capabilities: FfmpegCapabilities,
  plan: RenderPlan,
  partial: string,
  preset: VideoPreset,
  keyframes: KeyframeIndex,
): Promise<void> {
  ctx.report({ stage: 'Reading sources' });
  const facts = await withProbeFailures(readFacts(capabilities, plan, keyframes));
  const verdict = canStreamCopy(plan, facts, path.extname(partial));
  if (!verdict.ok) throw new JobFailure({ message: `This sequence cannot be rendered losslessly: ${verdict.reason}` });
  const sources = await withProbeFailures(probeRenderSources(capabilities.ffprobe.path, plan));
  const segments = plan.video.find((layer) => layer.segments.length > 0)!.segments;
  // Beside the output, not in the temp folder: the pieces are as large as the output itself.
  const workDir = await ctx.scratch(partial);
  try {
    const list = ['ffconcat version 1.0'];
    for (const [index, segment] of segments.entries()) {
      ctx.report({ stage: `Copying segment ${index + 1} of ${segments.length}`, progress: (0.5 * index) / segments.length });
      const piece = path.join(workDir, `${index}.mov`);
      await ffmpeg(ctx, capabilities, [
        '-y',
        '-ss', keyframeSeek(facts.get(segment.source)!, segment.sourceStart, plan.frameRate),
        '-i', segment.source,
        '-t', copyDuration(facts.get(segment.source)!, segment.duration, plan.frameRate),
        '-map', '0:v:0',
        '-c', 'copy',
        piece,
      ], null, null);
      list.push(`file ${concatQuoted(piece)}`, `duration ${secondsOption(segment.duration, plan.frameRate)}`);
    }
    const listFile = path.join(workDir, 'pieces.ffconcat');
    await fs.writeFile(listFile, `${list.join('\n')}\n`);

    ctx.report({ stage: 'Joining and rendering sound', progress: 0.5 });
    const graph = buildRenderGraph(plan, sources, { video: null, audio: true }, null);
    const filter = await filterComplexArgs(graph.graph, capabilities.ffmpeg.version);
    try {
      await ffmpeg(
        ctx,
        capabilities,
        [
          '-y',
          ...graph.inputArgs,
          '-f', 'concat', '-safe', '0', '-i', listFile,
          ...filter.args,
          '-map', `${graph.inputCount}:v:0`,
          '-c:v', 'copy',
          '-map', graph.audioOut!,
          ...audioCodecArgs(preset.audio.codec, preset.audio.bitrateKbps),
          ...containerArgs(preset),
          partial,
        ],
        graph.durationSeconds,
        (fraction) => 0.5 + 0.5 * fraction,
      );
    } finally {
      await filter.dispose();
    }
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** Whether `plan` can be rendered losslessly into a file with `extension`, reading each source's keyframes once. */
export async function checkStreamCopy(
  capabilities: FfmpegCapabilities,
  plan: RenderPlan,
  extension: string,
  keyframes: KeyframeIndex,
): Promise<StreamCopyVerdict> {
  try {
    return canStreamCopy(plan, await readFacts(capabilities, plan, keyframes), extension);
  } catch (error) {
    if (error instanceof ProbeError) return { ok: false, reason: error.message };
    throw error;
  }
}

async function readFacts(capabilities: FfmpegCapabilities, plan: RenderPlan, keyframes: KeyframeIndex): Promise<Map<string, StreamCopySource>> {
  const files = [...new Set(plan.video.flatMap((layer) => layer.segments.map((s) => s.source)))];
  return new Map(await Promise.all(files.map(async (file) => [file, await keyframes.read(capabilities.ffprobe.path, file)] as const)));
}

/**
 * The `-ss` that starts a copy on the keyframe at `frame`: its own time, rounded up to the microsecond ffmpeg keeps,
 * so the seek lands on it and not on the keyframe before, and the keyframe is not dropped as too early.
 */
function keyframeSeek(source: StreamCopySource, frame: number, rate: FrameRate): string {
  const fps = rate.num / rate.den;
  const time = source.keyframes.find((k) => Math.round(k * fps) === frame) ?? frame / fps;
  return (Math.ceil(time * 1e6) / 1e6).toFixed(6);
}

/**
 * The `-t` that copies exactly `frames` frames. A copy stops at the first packet whose decoding time reaches it;
 * half a frame short of the end keeps the last frame and not the next, and with B-frames decoding times run
 * `decodeDelay` ahead of display times (the next GOP's keyframe is decoded before this GOP's last frames are shown).
 */
function copyDuration(source: StreamCopySource, frames: number, rate: FrameRate): string {
  return (((frames - 0.5) * rate.den) / rate.num - source.decodeDelay).toFixed(6);
}

/** Runs one ffmpeg step of a stream copy, turning its failures into job failures. */
async function ffmpeg(
  ctx: JobContext,
  capabilities: FfmpegCapabilities,
  args: string[],
  duration: number | null,
  progress: ((fraction: number) => number) | null,
): Promise<void> {
  try {
    await runFfmpeg({
      program: capabilities.ffmpeg.path,
      args,
      duration,
      signal: ctx.signal,
      onProgress: (p) => {
        if (progress && p.fraction !== null) ctx.report({ progress: progress(p.fraction), eta: p.eta });
      },
    });
  } catch (error) {
    if (error instanceof FfmpegCancelled) throw new JobCancelled();
    if (!(error instanceof FfmpegError)) throw error;
    throw new JobFailure({ message: error.message, commandLine: error.commandLine, stderrTail: error.stderrTail });
  }
}

/** A path in an ffconcat `file` line: single-quoted, a quote inside closed, escaped and reopened. */
function concatQuoted(file: string): string {
  return `'${file.split("'").join("'\\''")}'`;
}

const FactsSchema = z.object({
  streams: z
    .array(
      z.object({
        codec_name: z.string(),
        profile: z.string().optional(),
        width: z.number(),
        height: z.number(),
        pix_fmt: z.string().optional(),
        sample_aspect_ratio: z.string().optional(),
        r_frame_rate: z.string(),
        avg_frame_rate: z.string(),
        has_b_frames: z.number().optional(),
        extradata_hash: z.string().optional(),
        disposition: z.object({ attached_pic: z.number() }).partial().optional(),
      }),
    )
    .default([]),
  format: z.object({ start_time: z.string().optional() }).default({}),
});

const CACHE_LIMIT = 500;

/**
 * Keyframe times and video coding of source files, read with ffprobe (packets only, nothing is decoded) and kept
 * per file for as long as its size and modification time stay the same.
 */
export class KeyframeIndex {
  private readonly cache = new Map<string, { version: string; facts: Promise<StreamCopySource> }>();

  async read(ffprobe: string, file: string): Promise<StreamCopySource> {
    let version: string;
    try {
      const stat = await fs.stat(file);
      version = `${stat.size}:${stat.mtimeMs}`;
    } catch {
      throw new ProbeError(`The file ${file} does not exist.`, 'missing');
    }
    const cached = this.cache.get(file);
    if (cached?.version === version) return cached.facts;
    const facts = readStreamCopySource(ffprobe, file);
    this.cache.set(file, { version, facts });
    facts.catch(() => this.cache.delete(file));
    if (this.cache.size > CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    return facts;
  }
}

async function readStreamCopySource(ffprobe: string, file: string): Promise<StreamCopySource> {
  let streams: string;
  let packets: string;
  try {
    [{ stdout: streams }, { stdout: packets }] = await Promise.all([
      run(ffprobe, [
        '-v', 'error', '-select_streams', 'v:0', '-show_data_hash', 'MD5',
        '-show_entries',
        'stream=codec_name,profile,width,height,pix_fmt,sample_aspect_ratio,r_frame_rate,avg_frame_rate,has_b_frames,extradata_hash:stream_disposition=attached_pic:format=start_time',
        '-of', 'json', file,
      ]),
      run(ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,dts_time,flags', '-of', 'csv=p=0', file], {
        maxBuffer: 256 * 1024 * 1024,
      }),
    ]);
  } catch {
    throw new ProbeError(`${file} is damaged or is not a media file ffmpeg can read.`);
  }
  const parsed = FactsSchema.parse(JSON.parse(streams));
  const stream = parsed.streams[0];
  const startTime = Number(parsed.format.start_time ?? 0) || 0;
  const keyframes: number[] = [];
  let frameCount = 0;
  let decodeDelay: number | null = null;
  for (const line of packets.split('\n')) {
    const [pts, dts, flags] = line.split(',');
    if (!pts || flags === undefined) continue;
    frameCount += 1;
    decodeDelay ??= dts ? Math.max(0, Number(pts) - Number(dts)) : 0;
    if (flags.includes('K')) keyframes.push(Number(pts) - startTime);
  }
  keyframes.sort((a, b) => a - b);
  const frameRate = stream ? parseRate(stream.avg_frame_rate) : null;
  const video =
    stream && frameRate && stream.disposition?.attached_pic !== 1
      ? {
          codec: stream.codec_name,
          profile: stream.profile ?? null,
          width: stream.width,
          height: stream.height,
          pixelFormat: stream.pix_fmt ?? null,
          sampleAspectRatio: stream.sample_aspect_ratio ?? null,
          frameRate,
          constantFrameRate: stream.r_frame_rate === stream.avg_frame_rate,
          extradataHash: stream.extradata_hash ?? null,
          bFrames: (stream.has_b_frames ?? 0) > 0,
        }
      : null;
  return { video, keyframes, frameCount, decodeDelay: decodeDelay ?? 0 };
}

/** "30000/1001" → { num: 30000, den: 1001 }; null for "0/0" (stills, unknown). */
function parseRate(text: string): { num: number; den: number } | null {
  const [num, den] = text.split('/').map(Number);
  return num && den ? { num, den } : null;
}
