import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import type { FitMode } from '../../../shared/export/presets';
import type { RenderPlan } from '../../../shared/render/render-plan';
import type { RenderMethod } from '../../../shared/render/render-request';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { filterComplexArgs } from '../ffmpeg/filter-script';
import { JobFailure, type JobContext, type JobSpec } from '../jobs/job-queue';
import { encodeWithFallback } from '../export/encode-with-fallback';
import { encoderChoices, presetForOutput } from '../export/export-job';
import { buildRenderGraph } from './graph/render-graph';
import { buildRenderArgs, renderTarget, type RenderPreset } from './render-args';
import { planSources, probeRenderSources, withProbeFailures } from './render-sources';
import { runStreamCopy, type KeyframeIndex } from './stream-copy';
import { findTitleFont } from './title-font';

export interface RenderRequest {
  plan: RenderPlan;
  output: string;
  presetId: string;
  /** How the sequence's frame fills the preset's frame when their shapes differ. */
  fit: FitMode;
  /** Use only software encoders (for users whose GPU driver misbehaves). */
  softwareOnly?: boolean;
  /** Encode by default. A stream copy keeps the sources' frame size: the preset gives only its container and sound. */
  method?: RenderMethod;
}

export interface RenderDependencies {
  /** Where stream copies look up keyframes; shared so each file is read once. */
  keyframes: KeyframeIndex;
  /** A font for titles; found on the system when not given. */
  fontFile?: string | null;
}

/** A render of a plan to a file, as a job: probe the sources, build one graph, encode (hardware first, then software). */
export function renderJob(capabilities: FfmpegCapabilities, request: RenderRequest, deps: RenderDependencies): JobSpec {
  const preset = presetForOutput(request.presetId, request.output);
  if (preset.kind !== 'video' && preset.kind !== 'audio') {
    throw new ApiError('INVALID_PARAMS', `A sequence renders to a video or audio preset; ${preset.label} is neither.`);
  }
  if (planSources(request.plan).some((source) => path.resolve(source) === path.resolve(request.output))) {
    throw new ApiError('INVALID_PARAMS', 'The output would overwrite one of the sequence’s sources; choose another name.');
  }
  if (request.method === 'stream-copy' && preset.kind !== 'video') {
    throw new ApiError('INVALID_PARAMS', 'A lossless stream copy makes a video file; choose a video preset.');
  }
  return {
    kind: 'render',
    title: `Render → ${path.basename(request.output)} (${request.method === 'stream-copy' ? 'lossless' : preset.label})`,
    resource: 'cpu',
    run: async (ctx) => {
      if (request.method === 'stream-copy' && preset.kind === 'video') {
        await runStreamCopy(ctx, capabilities, request.plan, await ctx.output(request.output), preset, deps.keyframes);
        return path.basename(request.output);
      }
      return runEncode(ctx, capabilities, preset, request, deps.fontFile === undefined ? findTitleFont() : deps.fontFile);
    },
  };
}

async function runEncode(
  ctx: JobContext,
  capabilities: FfmpegCapabilities,
  preset: RenderPreset,
  request: RenderRequest,
  fontFile: string | null,
): Promise<string> {
  ctx.report({ stage: 'Reading sources' });
  const sources = await withProbeFailures(probeRenderSources(capabilities.ffprobe.path, request.plan));
  const partial = await ctx.output(request.output);
  const encoders = encoderChoices(capabilities, preset, request.softwareOnly ?? false);
  return encodeWithFallback(ctx, {
    ffmpeg: capabilities.ffmpeg.path,
    encoders,
    partial,
    output: request.output,
    stage: 'Rendering',
    prepare: async (encoder) => {
      let graph;
      try {
        graph = buildRenderGraph(request.plan, sources, renderTarget(preset, request.fit, encoder), fontFile);
      } catch (error) {
        throw new JobFailure({ message: (error as Error).message });
      }
      const filter = await filterComplexArgs(graph.graph, capabilities.ffmpeg.version);
      const args = buildRenderArgs({ graph, filterArgs: filter.args, output: partial, preset, ...(encoder ? { encoder } : {}) });
      return { args, duration: graph.durationSeconds, dispose: filter.dispose };
    },
  });
}
