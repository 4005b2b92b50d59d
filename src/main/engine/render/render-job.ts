import path from 'node:path';
import { ApiError } from '../../../shared/errors';
import type { FitMode } from '../../../shared/export/presets';
import { framesToSeconds, type LoudnessNormalise, type RenderPlan } from '../../../shared/render/render-plan';
import type { RenderMethod } from '../../../shared/render/render-request';
import type { FfmpegCapabilities } from '../ffmpeg/capabilities';
import { filterComplexArgs } from '../ffmpeg/filter-script';
import { JobFailure, type JobContext, type JobSpec } from '../jobs/job-queue';
import { encodeWithFallback } from '../export/encode-with-fallback';
import { encoderChoices, presetForOutput } from '../export/export-job';
import { mixLayout } from './graph/audio-tracks';
import { sourceLookup } from './graph/graph-context';
import { buildRenderGraph } from './graph/render-graph';
import {
  describeNormalisation,
  gainMode,
  loudnessNormaliseFilters,
  measureFileLoudness,
  measurePlanLoudness,
  planSamples,
  truePeakCeiling,
  type NormalisationResult,
} from './loudness-normalise';
import { checkSampleCopy, writeSampleCopy } from './pcm-copy';
import { buildRenderArgs, renderTarget, type RenderPreset } from './render-args';
import { renderedShortfall } from './rendered-length';
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
  /** Normalise the sound's loudness (two passes); the sound is mixed as it is when absent. */
  normalise?: LoudnessNormalise;
}

export interface RenderDependencies {
  /** Where stream copies look up keyframes; shared so each file is read once. */
  keyframes: KeyframeIndex;
  /** A font for titles; found on the system when not given. */
  fontFile?: string | null;
  /** Told the loudness before and after when a normalised render succeeds (an auto-edit's report shows them). */
  onNormalised?: (result: NormalisationResult) => void;
}

/**
 * A render of a plan to a file, as a job: probe the sources, build one graph, encode (hardware first, then software),
 * and check that the file lasts as long as the plan.
 * Sound alone that the graph would only cut copies samples instead (pcm-copy.ts), with the same bytes as a result.
 */
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
  if (request.method === 'stream-copy' && request.normalise) {
    throw new ApiError('INVALID_PARAMS', 'Loudness normalisation needs a full render; turn off the lossless stream copy to use it.');
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
      return runEncode(ctx, capabilities, preset, request, deps);
    },
  };
}

async function runEncode(
  ctx: JobContext,
  capabilities: FfmpegCapabilities,
  preset: RenderPreset,
  request: RenderRequest,
  deps: RenderDependencies,
): Promise<string> {
  const fontFile = deps.fontFile === undefined ? findTitleFont() : deps.fontFile;
  ctx.report({ stage: 'Reading sources' });
  const sources = await withProbeFailures(probeRenderSources(capabilities.ffprobe.path, request.plan));
  const { normalise } = request;
  const sampleCopy = await checkSampleCopy({ plan: request.plan, preset, normalise, encoderTag: capabilities.encoderTag }, sources);
  if (sampleCopy.ok) {
    await writeSampleCopy(ctx, sampleCopy.copy, await ctx.output(request.output));
    return path.basename(request.output);
  }
  const ceiling = truePeakCeiling(preset.audio.codec);
  if (normalise) ctx.report({ stage: 'Measuring loudness', progress: 0 });
  const before = normalise ? await measurePlanLoudness(ctx, capabilities.ffmpeg, request.plan, sources) : null;
  const layout = mixLayout(request.plan, sourceLookup(sources));
  const audioFilters =
    normalise && before
      ? loudnessNormaliseFilters(before, normalise.target, ceiling, request.plan.sampleRate, planSamples(request.plan), layout)
      : [];
  const partial = await ctx.output(request.output);
  const durationSeconds = framesToSeconds(request.plan.duration, request.plan.frameRate);
  const encoders = encoderChoices(capabilities, preset, request.softwareOnly ?? false);
  const written = await encodeWithFallback(ctx, {
    ffmpeg: capabilities.ffmpeg.path,
    encoders,
    partial,
    output: request.output,
    stage: 'Rendering',
    prepare: async (encoder) => {
      let graph;
      try {
        graph = buildRenderGraph(request.plan, sources, { ...renderTarget(preset, request.fit, encoder, request.plan.frameSize), audioFilters }, fontFile);
      } catch (error) {
        throw new JobFailure({ message: (error as Error).message });
      }
      const filter = await filterComplexArgs(graph.graph, capabilities.ffmpeg.version);
      const args = buildRenderArgs({ graph, filterArgs: filter.args, output: partial, preset, ...(encoder ? { encoder } : {}) });
      return { args, duration: graph.durationSeconds, dispose: filter.dispose };
    },
    // Half a frame: a stream a frame short fails, while MP4's sound, timed in milliseconds, passes.
    inspect: () => renderedShortfall(capabilities.ffprobe.path, partial, durationSeconds, framesToSeconds(0.5, request.plan.frameRate)),
  });
  if (!normalise) return written;
  if (!before) return `${written} · silent, so its loudness was left as it is`;
  ctx.report({ stage: 'Measuring the result', progress: 0 });
  const after = await measureFileLoudness(ctx, capabilities.ffmpeg.path, partial, layout, durationSeconds);
  if (!after) return `${written} · normalised, but its loudness could not be measured`;
  const result: NormalisationResult = { target: normalise.target, before, after, gain: gainMode(before, normalise.target, ceiling) };
  deps.onNormalised?.(result);
  return `${written} · ${describeNormalisation(result)}`;
}
