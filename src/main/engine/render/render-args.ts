import type { AudioPreset, FitMode, VideoPreset } from '../../../shared/export/presets';
import type { FrameSize } from '../../../shared/video-format';
import { audioCodecArgs, containerArgs, type VideoEncoderChoice } from '../export/export-args';
import type { RenderGraph, RenderTarget } from './graph/render-graph';

/** Presets a sequence renders to: a video file or a sound file. */
export type RenderPreset = VideoPreset | AudioPreset;

/**
 * What the graph must make for `preset`: the preset's frame (the sequence fitted into it; the sequence's own frame
 * for a same-size preset) and the encoder's filters.
 */
export function renderTarget(preset: RenderPreset, fit: FitMode, encoder: VideoEncoderChoice | undefined, sequenceFrame: FrameSize): RenderTarget {
  if (preset.kind === 'audio') return { video: null, audio: true };
  if (!encoder) throw new Error('A video render needs an encoder.');
  const { width, height } = preset.video.size === 'same' ? sequenceFrame : preset.video.size;
  return { video: { width, height, fit, filterSuffix: encoder.filterSuffix }, audio: true };
}

export interface RenderArgsInput {
  graph: RenderGraph;
  /** `-filter_complex …` or its script-file form, from filterComplexArgs. */
  filterArgs: readonly string[];
  output: string;
  preset: RenderPreset;
  encoder?: VideoEncoderChoice;
}

/** The ffmpeg arguments of a one-pass render, with the preset's encoders, exactly as an export uses them. */
export function buildRenderArgs({ graph, filterArgs, output, preset, encoder }: RenderArgsInput): string[] {
  const video =
    graph.videoOut !== null && encoder && preset.kind === 'video'
      ? ['-map', graph.videoOut, ...encoder.codecArgs]
      : ['-vn'];
  const audio = graph.audioOut !== null ? ['-map', graph.audioOut, ...audioCodecArgs(preset.audio.codec, preset.audio.bitrateKbps)] : ['-an'];
  return [
    '-y',
    ...(encoder?.inputArgs ?? []),
    ...graph.inputArgs,
    ...filterArgs,
    ...video,
    ...audio,
    ...(preset.kind === 'video' ? containerArgs(preset) : []),
    output,
  ];
}
