import path from 'node:path';
import {
  SceneDetectionParamsSchema,
  type Scene,
  type SceneAnalysis,
  type SceneDetectionParams,
  type SceneDetectionParamsInput,
} from '../../../../shared/analysis/scenes';
import { locateTool } from '../../ffmpeg/locate';
import { probeFile } from '../../media/probe';
import { analysisFrameSize, streamFrames, type VideoFrame } from '../video/frame-stream';
import { detectCuts, adaptiveRatios, type FoundCut } from './detectors';
import { FrameFeatureExtractor, type FrameFeatures } from './frame-features';

export interface DetectScenesOptions {
  signal?: AbortSignal;
  /** Fraction done by time, 0..1. */
  onProgress?: (fraction: number) => void;
  /** ffmpeg and ffprobe to use; found as the rest of the engine finds them when absent. */
  ffmpeg?: string;
  ffprobe?: string;
}

export class NoVideoError extends Error {}

/** Finds the cuts, fades and dissolves of a media file's first video stream, streaming small frames from ffmpeg. */
export async function detectScenes(
  file: string,
  params: SceneDetectionParamsInput = {},
  options: DetectScenesOptions = {},
): Promise<SceneAnalysis> {
  const settings = SceneDetectionParamsSchema.parse(params);
  const input = path.resolve(file);
  const media = await probeFile(options.ffprobe ?? locateTool('ffprobe').path, input);
  const video = media.video;
  if (!video || media.kind === 'image') throw new NoVideoError(`${input} has no moving picture to find scenes in.`);
  const sourceRate = video.frameRate && video.frameRate.num > 0 ? video.frameRate.num / video.frameRate.den : 25;
  const frameRate = settings.analysisFps ?? sourceRate;
  const { width, height } = analysisFrameSize(video.displayWidth, video.displayHeight, settings.analysisWidth);
  const frames = streamFrames({
    ffmpeg: options.ffmpeg ?? locateTool('ffmpeg').path,
    input: ['-i', input],
    width,
    height,
    frameRate,
    pixelFormat: 'rgb24',
    hdr: video.hdr,
    duration: media.duration,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return analyzeSceneFrames(frames, { width, height, frameRate }, settings);
}

export interface FrameShape {
  width: number;
  height: number;
  frameRate: number;
}

/** The analysis over any stream of rgb24 frames of one size and rate (a file, a lavfi source in tests). */
export async function analyzeSceneFrames(
  frames: AsyncIterable<VideoFrame>,
  shape: FrameShape,
  settings: SceneDetectionParams,
): Promise<SceneAnalysis> {
  const { frameRate } = shape;
  const extractor = new FrameFeatureExtractor({
    width: shape.width,
    height: shape.height,
    weights: settings.weights,
    maxFlashFrames: settings.maxFlashFrames,
    // About a tenth of a second each side: short enough for the shortest dissolve, long enough to rise above noise.
    blendSpan: Math.min(6, Math.max(2, Math.round(0.12 * frameRate))),
  });
  for await (const frame of frames) extractor.push(frame.data);
  const features = extractor.finish();
  const found = detectCuts(features, {
    cutThreshold: settings.cutThreshold,
    adaptiveRatio: settings.adaptiveRatio,
    adaptiveWindow: settings.adaptiveWindow,
    maxFlashFrames: settings.maxFlashFrames,
    fadeLumaLevel: settings.fadeLumaLevel,
    minDissolveFrames: Math.max(1, Math.round(settings.minDissolveSeconds * frameRate)),
    minSceneFrames: Math.round(settings.minSceneSeconds * frameRate),
  });
  const duration = features.count / frameRate;
  return {
    frameRate,
    frameCount: features.count,
    duration,
    cuts: found.map((t) => ({
      time: t.frame / frameRate,
      frame: t.frame,
      type: t.type,
      score: round(t.score),
      startFrame: t.start,
      endFrame: t.end,
    })),
    scenes: scenesBetween(found, features.count, frameRate),
    ...(settings.includeFrameScores ? { frameScores: frameScoresOf(features, settings.adaptiveWindow) } : {}),
    params: settings,
  };
}

function scenesBetween(cuts: FoundCut[], frameCount: number, frameRate: number): Scene[] {
  const bounds = [0, ...cuts.map((t) => t.frame).filter((f) => f > 0 && f < frameCount), frameCount];
  return bounds.slice(1).map((endFrame, index) => {
    const startFrame = bounds[index]!;
    return { index, start: startFrame / frameRate, end: endFrame / frameRate, startFrame, endFrame };
  });
}

function frameScoresOf(features: FrameFeatures, adaptiveWindow: number) {
  const list = (values: Float32Array) => Array.from(values, round);
  return {
    content: list(features.content),
    adaptive: list(adaptiveRatios(features.content, adaptiveWindow)),
    luma: list(features.luma),
    blend: list(features.blend),
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
