import type { SceneCutType } from '../../../../shared/analysis/scenes';
import type { FrameFeatures } from './frame-features';

/** A transition found in frames at the analysis rate, before it is put in seconds. */
export interface FoundCut {
  type: SceneCutType;
  /** A cut: the first frame of the new scene; a fade or dissolve: its middle frame. */
  frame: number;
  /** Frames covered, [start, end). */
  start: number;
  end: number;
  score: number;
}

export interface DetectorSettings {
  cutThreshold: number;
  adaptiveRatio: number;
  adaptiveWindow: number;
  maxFlashFrames: number;
  fadeLumaLevel: number;
  minDissolveFrames: number;
  minSceneFrames: number;
}

/** Every transition, each found once, in order, no two closer than the minimum scene length. */
export function detectCuts(features: FrameFeatures, settings: DetectorSettings): FoundCut[] {
  const adaptive = adaptiveRatios(features.content, settings.adaptiveWindow);
  const fades = findFades(features.luma, settings.fadeLumaLevel);
  const dissolves = findDissolves(features, settings).filter((d) => !fades.some((f) => overlaps(f, d)));
  const gradual = [...fades, ...dissolves];
  const cuts = findHardCuts(features, adaptive, settings).filter((c) => !gradual.some((g) => c.frame >= g.start - 1 && c.frame <= g.end));
  return enforceMinSceneLength([...gradual, ...cuts].sort((a, b) => a.frame - b.frame), settings.minSceneFrames);
}

/**
 * The adaptive detector's ratio: each frame's change over the mean change of `window` frames on each side. Camera
 * motion changes every frame about as much, so its ratio stays near 1; a cut stands out of its neighbours.
 */
export function adaptiveRatios(content: Float32Array, window: number): Float32Array {
  const ratios = new Float32Array(content.length);
  for (let k = 0; k < content.length; k += 1) {
    let sum = 0;
    let n = 0;
    for (let j = Math.max(1, k - window); j <= Math.min(content.length - 1, k + window); j += 1) {
      if (j === k) continue;
      sum += content[j]!;
      n += 1;
    }
    // A floor of one level: in a still shot the neighbours' change is only coding noise.
    ratios[k] = content[k]! / Math.max(1, n > 0 ? sum / n : 0);
  }
  return ratios;
}

/** What a frame after a flash may still differ from the frame before it, as a share of the flash's own change. */
const FLASH_MATCH_SHARE = 0.4;

/**
 * Cuts: a frame whose change passes the threshold and stands out of its neighbours (adaptive ratio), unless it is an
 * edge of a flash, i.e. the picture a few frames on matches the one just before.
 */
export function findHardCuts(features: FrameFeatures, adaptive: Float32Array, settings: DetectorSettings): FoundCut[] {
  const { content } = features;
  const cuts: FoundCut[] = [];
  for (let k = 1; k < features.count; k += 1) {
    const score = content[k]!;
    if (score < settings.cutThreshold || adaptive[k]! < settings.adaptiveRatio) continue;
    if (isFlashEdge(features, k, settings.maxFlashFrames)) continue;
    cuts.push({ type: 'cut', frame: k, start: k, end: k + 1, score });
  }
  return cuts;
}

/** Whether frame k starts or ends a flash of up to `maxFlashFrames` frames. */
export function isFlashEdge(features: FrameFeatures, k: number, maxFlashFrames: number): boolean {
  const limit = FLASH_MATCH_SHARE * features.content[k]!;
  for (let length = 1; length <= Math.min(maxFlashFrames, features.lookBack.length); length += 1) {
    // lookBack[length - 1] compares a frame with the one length + 1 before it.
    const backToBefore = features.lookBack[length - 1]!;
    const startsFlash = k + length < features.count && backToBefore[k + length]! <= limit;
    const endsFlash = k - length - 1 >= 0 && backToBefore[k]! <= limit;
    if (startsFlash || endsFlash) return true;
  }
  return false;
}

/** Fade ramps, down into the black (or white) and up out of it, must each run this many frames... */
const MIN_FADE_RAMP_FRAMES = 3;
/** ...and one of them move the mean luma this far... */
const MIN_FADE_RAMP_LUMA = 20;
/** ...by steps of at least this much: a still shot's luma drifts by less, and must not stretch the ramp. */
const MIN_FADE_STEP = 0.5;

/**
 * Fades through black or white: a run of near-black (or near-white) frames inside the media, reached and left by
 * ramps of steadily changing luma. A flash has no ramps, a dark shot cut to has none on one side, and black at the
 * very start or end is not a transition.
 */
export function findFades(luma: Float32Array, level: number): FoundCut[] {
  const extremeOf = (k: number) => (luma[k]! <= level ? -1 : luma[k]! >= 255 - level ? 1 : 0);
  const fades: FoundCut[] = [];
  for (let s = 0; s < luma.length; ) {
    const extreme = extremeOf(s);
    let e = s + 1;
    while (e < luma.length && extremeOf(e) === extreme) e += 1;
    if (extreme !== 0 && s > 0 && e < luma.length) {
      // For black, luma rises going away from the run; for white it falls.
      const away = (from: number, to: number) => (luma[to]! - luma[from]!) * -extreme >= MIN_FADE_STEP;
      let before = s;
      while (before > 0 && away(before, before - 1)) before -= 1;
      let after = e - 1;
      while (after < luma.length - 1 && away(after, after + 1)) after += 1;
      const rampBefore = s - before;
      const rampAfter = after - (e - 1);
      const depth = Math.max(Math.abs(luma[before]! - luma[s]!), Math.abs(luma[after]! - luma[e - 1]!));
      if (Math.min(rampBefore, rampAfter) >= MIN_FADE_RAMP_FRAMES && depth >= MIN_FADE_RAMP_LUMA) {
        fades.push({ type: 'fade', frame: Math.floor((before + after + 1) / 2), start: before, end: after + 1, score: depth });
      }
    }
    s = e;
  }
  return fades;
}

/** A frame is dissolve-like when it is this close to the mix of its neighbours, relative to how far they differ... */
const MAX_BLEND_RESIDUAL = 0.25;
/**
 * ...and the picture moves at least this many luma levels a frame (block means), so that still shots and slow zooms
 * over smooth pictures, which are mixes of their neighbours too, are not dissolves.
 */
const MIN_BLEND_CHANGE_PER_FRAME = 1;

/**
 * Dissolves: a run of frames each of which is the even mix of the frames a few before and after it (a linear
 * blend), long enough, and changing the picture as much as a cut would over its length. Camera motion moves edges,
 * so a frame in a pan is not the mix of its neighbours.
 */
export function findDissolves(features: FrameFeatures, settings: DetectorSettings): FoundCut[] {
  const span = features.blendSpan;
  const minChange = MIN_BLEND_CHANGE_PER_FRAME * 2 * span;
  const isBlend = (k: number) => features.blendChange[k]! >= minChange && features.blend[k]! <= MAX_BLEND_RESIDUAL;
  // A dissolve of n frames gives n + 2 - 2 * span blend-like frames.
  const minRun = Math.max(2, settings.minDissolveFrames + 2 - 2 * span);
  const dissolves: FoundCut[] = [];
  for (let k = 0; k < features.count; ) {
    if (!isBlend(k)) {
      k += 1;
      continue;
    }
    let end = k + 1;
    // One frame off the blend (coding noise) does not break a run.
    while (end < features.count && (isBlend(end) || (end + 1 < features.count && isBlend(end + 1)))) end += 1;
    if (end - k >= minRun) {
      const start = Math.max(0, k - span + 1);
      const stop = Math.min(features.count, end + span - 1);
      let change = 0;
      for (let j = start; j < stop; j += 1) change += features.content[j]!;
      if (change >= settings.cutThreshold) {
        dissolves.push({ type: 'dissolve', frame: start + Math.floor((stop - start) / 2), start, end: stop, score: Math.min(255, change) });
      }
    }
    k = end;
  }
  return dissolves;
}

/** Drops a transition closer than `minSceneFrames` to the one kept before it, keeping a fade or dissolve over a cut, else the stronger. */
export function enforceMinSceneLength(cuts: FoundCut[], minSceneFrames: number): FoundCut[] {
  const kept: FoundCut[] = [];
  for (const t of cuts) {
    const last = kept.at(-1);
    if (!last || t.frame - last.frame >= minSceneFrames) {
      kept.push(t);
      continue;
    }
    const lastWins = last.type !== 'cut' || (t.type === 'cut' && last.score >= t.score);
    if (!lastWins) kept[kept.length - 1] = t;
  }
  return kept;
}

function overlaps(a: FoundCut, b: FoundCut): boolean {
  return a.start < b.end && b.start < a.end;
}
