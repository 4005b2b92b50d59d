import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import { findPreset, type ExportPreset, type FitMode } from '../../../shared/export/presets';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { HARDWARE_H264_ENCODERS, SOFTWARE_ENCODERS } from '../ffmpeg/encoders';
import { FfmpegCancelled, FfmpegError, runFfmpeg } from '../ffmpeg/run-ffmpeg';
import { JobCancelled, JobFailure, type JobContext, type JobSpec } from '../jobs/job-queue';
import { probeMedia, ProbeError } from '../media/probe';
import { buildExportArgs, type VideoEncoderChoice } from './export-args';

export interface ExportRequest {
  input: string;
  output: string;
  presetId: string;
  fit: FitMode;
  /** Use only software encoders (for users whose GPU driver misbehaves). */
  softwareOnly?: boolean;
}

/** An export of one media file with a preset, as a job: probe, encode (hardware first), fall back to software. */
export function exportJob(capabilities: FfmpegCapabilities, request: ExportRequest): JobSpec {
  const preset = presetForOutput(request.presetId, request.output);
  if (path.resolve(request.output) === path.resolve(request.input)) {
    throw new ApiError('INVALID_PARAMS', 'The output would overwrite the source; choose another name.');
  }
  return {
    kind: 'export',
    title: `Export ${path.basename(request.input)} → ${preset.label}`,
    resource: 'cpu',
    run: (ctx) => runExport(ctx, capabilities, preset, request),
  };
}

/** The preset called `presetId`, checked against the name of the file it will write. */
export function presetForOutput(presetId: string, output: string): ExportPreset {
  const preset = findPreset(presetId);
  if (!preset) throw new ApiError('INVALID_PARAMS', `There is no export preset called ${presetId}.`);
  if (path.extname(output).toLowerCase() !== preset.extension) {
    throw new ApiError(
      'INVALID_PARAMS',
      `${preset.label} writes ${preset.extension} files; name the output ${path.basename(output, path.extname(output))}${preset.extension}.`,
    );
  }
  return preset;
}

async function runExport(
  ctx: JobContext,
  capabilities: FfmpegCapabilities,
  preset: ExportPreset,
  request: ExportRequest,
): Promise<string> {
  ctx.report({ stage: 'Reading source' });
  let source;
  try {
    source = await probeMedia(capabilities.ffprobe.path, request.input);
  } catch (error) {
    if (error instanceof ProbeError) throw new JobFailure({ message: error.message });
    throw error;
  }
  const partial = await ctx.output(request.output);
  const encoders = encoderChoices(capabilities, preset, request.softwareOnly ?? false);
  const duration = preset.kind === 'thumbnail' ? null : source.duration;

  for (const [attempt, encoder] of encoders.entries()) {
    let args: string[];
    try {
      args = buildExportArgs({ input: request.input, output: partial, preset, fit: request.fit, source, ...(encoder ? { encoder } : {}) });
    } catch (error) {
      throw new JobFailure({ message: (error as Error).message });
    }
    ctx.report({ stage: encoder ? `Encoding (${encoder.name})` : 'Encoding', progress: 0 });
    try {
      await runFfmpeg({
        program: capabilities.ffmpeg.path,
        args,
        duration,
        signal: ctx.signal,
        onProgress: (p) => ctx.report({ progress: p.fraction, eta: p.eta }),
      });
      return path.basename(request.output);
    } catch (error) {
      if (error instanceof FfmpegCancelled) throw new JobCancelled();
      if (!(error instanceof FfmpegError)) throw error;
      const fallback = encoders[attempt + 1];
      if (encoder?.hardware && fallback) {
        ctx.report({ stage: `${encoder.name} failed; retrying with ${fallback.name}` });
        continue;
      }
      // The user chose the output path; the temporary beside it is an implementation detail.
      const message = error.message.split(partial).join(request.output);
      throw new JobFailure({ message, commandLine: error.commandLine, stderrTail: error.stderrTail });
    }
  }
  throw new JobFailure({ message: 'No encoder could make this export.' });
}

/** Working hardware encoders first (for H.264), the software encoder last; a single `undefined` for non-video presets. */
export function encoderChoices(
  capabilities: FfmpegCapabilities,
  preset: ExportPreset,
  softwareOnly: boolean,
): (VideoEncoderChoice | undefined)[] {
  if (preset.kind !== 'video') return [undefined];
  const software = SOFTWARE_ENCODERS[preset.video.family];
  if (preset.video.family !== 'h264' || softwareOnly) return [software];
  const hardware = HARDWARE_H264_ENCODERS.filter((e) => capabilities.workingHardwareEncoders.includes(e.name));
  return [...hardware, software];
}
