import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import { findPreset, type ExportPreset, type FitMode } from '../../../shared/export/presets';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { HARDWARE_H264_ENCODERS, SOFTWARE_ENCODERS } from '../ffmpeg/encoders';
import { JobFailure, type JobContext, type JobSpec } from '../jobs/job-queue';
import { probeMedia, ProbeError } from '../media/probe';
import { encodeWithFallback } from './encode-with-fallback';
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

  return encodeWithFallback(ctx, {
    ffmpeg: capabilities.ffmpeg.path,
    encoders,
    partial,
    output: request.output,
    stage: 'Encoding',
    prepare: async (encoder) => {
      try {
        const args = buildExportArgs({ input: request.input, output: partial, preset, fit: request.fit, source, ...(encoder ? { encoder } : {}) });
        return { args, duration };
      } catch (error) {
        throw new JobFailure({ message: (error as Error).message });
      }
    },
  });
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
