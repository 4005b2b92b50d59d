import { framesToSeconds, type RenderPlan } from '../../../../shared/render/render-plan';
import type { FitMode } from '../../../../shared/export/presets';
import { fitFilter } from '../../export/export-args';
import { mixAudioTracks } from './audio-tracks';
import { sourceLookup, type GraphContext, type RenderSourceInfo } from './graph-context';
import { GraphWriter } from './graph-writer';
import { InputList } from './inputs';
import { drawOverlays } from './overlays';
import { composeVideoLayers } from './video-layers';

export type { RenderSourceInfo } from './graph-context';

export interface RenderTarget {
  /** The picture to make: the plan's frame fitted into this size, then the encoder's own filters. Null: sound only. */
  video: { width: number; height: number; fit: FitMode; filterSuffix: string | null } | null;
  audio: boolean;
  /** Filters the mixed sound goes through before it is encoded (loudness normalisation); none when absent. */
  audioFilters?: readonly string[];
}

export interface RenderGraph {
  /** Input arguments (`-ss … -t … -i file` per input), in input order. */
  inputArgs: string[];
  /** How many inputs those are: an input added after them has this index. */
  inputCount: number;
  /** The filter graph text, for `filterComplexArgs`. */
  graph: string;
  /** Output labels to `-map`. */
  videoOut: string | null;
  audioOut: string | null;
  /** Length of the output, for progress. */
  durationSeconds: number;
}

/**
 * The single ffmpeg pass that renders `plan`: every layer, track and overlay in one filter graph.
 * Pure: the same plan, sources and target give the same graph.
 */
export function buildRenderGraph(
  plan: RenderPlan,
  sources: ReadonlyMap<string, RenderSourceInfo>,
  target: RenderTarget,
  fontFile: string | null,
): RenderGraph {
  const writer = new GraphWriter();
  const ctx: GraphContext = {
    plan,
    writer,
    inputs: new InputList(plan.frameRate),
    source: sourceLookup(sources),
  };
  let videoOut: string | null = null;
  if (target.video) {
    const { width, height, fit, filterSuffix } = target.video;
    const picture = drawOverlays(ctx, composeVideoLayers(ctx), fontFile);
    const finish = [
      ...(width === plan.frameSize.width && height === plan.frameSize.height ? [] : [fitFilter(width, height, fit)]),
      ...(filterSuffix ? [filterSuffix] : []),
    ];
    videoOut = '[vout]';
    writer.chain([picture], finish.length > 0 ? finish : ['null'], [videoOut]);
  }
  let audioOut = target.audio ? mixAudioTracks(ctx) : null;
  if (audioOut !== null && target.audioFilters && target.audioFilters.length > 0) {
    const mix = audioOut;
    audioOut = '[afinal]';
    writer.chain([mix], target.audioFilters, [audioOut]);
  }
  return {
    inputArgs: ctx.inputs.args(),
    inputCount: ctx.inputs.count(),
    graph: writer.text(),
    videoOut,
    audioOut,
    durationSeconds: framesToSeconds(plan.duration, plan.frameRate),
  };
}
