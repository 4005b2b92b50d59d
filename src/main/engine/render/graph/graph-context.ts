import type { RenderPlan } from '../../../../shared/render/render-plan';
import type { GraphWriter } from './graph-writer';
import type { InputList } from './inputs';

/** What the graph builder needs to know about a source, from probing it. */
export interface RenderSourceInfo {
  hasVideo: boolean;
  /** The sound a render reads (the first audio stream), as ffprobe names its codec; null for a source without sound. */
  audio: { codec: string; channels: number } | null;
  /** A still image (photo, PNG): shown for as long as its segment lasts. */
  still: boolean;
  /** Seconds the source lasts, by its container; null for a still or when unknown. Reads seek well before it. */
  duration: number | null;
  /** Seconds its picture lasts when the picture stream says, which can be less than `duration`; else null. */
  pictureDuration: number | null;
  /** Sample (pixel) aspect ratio; non-square pixels are made square before fitting. Rotation is applied by ffmpeg. */
  sar: { num: number; den: number };
  /** The picture's size as shown (pixel shape and rotation applied); null when unknown. */
  displayWidth: number | null;
  displayHeight: number | null;
  /** Input options that pick the decoder (libvpx for a WebM with alpha); none when ffmpeg's choice is right. */
  decoder?: readonly string[];
  /** HDR pictures are tone-mapped to the SDR every export preset writes. */
  hdr?: 'pq' | 'hlg' | null;
}

export interface GraphContext {
  plan: RenderPlan;
  writer: GraphWriter;
  inputs: InputList;
  source(path: string): RenderSourceInfo;
}

/** What is known about each source of a plan; every source is probed before rendering, so a missing one is a bug. */
export function sourceLookup(sources: ReadonlyMap<string, RenderSourceInfo>): (file: string) => RenderSourceInfo {
  return (file) => {
    const info = sources.get(file);
    if (!info) throw new Error(`No information about ${file}; every source of a plan is probed before rendering.`);
    return info;
  };
}
