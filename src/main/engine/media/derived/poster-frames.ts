import type { EvenSampling } from './frame-grab';

/**
 * Choosing a poster frame: a few evenly spread times are decoded, each frame is scored by its brightness and
 * contrast, and the earliest frame that is not blank and has nearly the best contrast wins. Pure: frames come in
 * as RGB bytes.
 */

export interface FrameScore {
  /** Mean luma, 0 (black) to 255 (white). */
  mean: number;
  /** Standard deviation of luma: how much there is to see. */
  stdDev: number;
  /** Black, white or one flat colour: a title card fading in, a dropped frame, a flash. */
  blank: boolean;
}

/** Candidates at 10, 30, 50, 70 and 90 % of the clip: the very start, where fades and black leaders are, is skipped. */
const CANDIDATES = 5;
/** Without a known duration, candidates a couple of seconds apart from the start; those past the end give no frame. */
const WITHOUT_DURATION: EvenSampling = { count: 4, interval: 2.5 };

const FLAT_STD_DEV = 6;
const DARK_MEAN = 16;
const BRIGHT_MEAN = 245;
/** A frame this close to the best contrast is as good a poster, and earlier is more typical of the clip. */
const GOOD_ENOUGH = 0.75;
/** Every n-th pixel is enough for a score, and keeps a large poster cheap. */
const PIXEL_STRIDE = 3;

export function posterCandidates(duration: number | null): EvenSampling {
  if (duration === null || !(duration > 0)) return WITHOUT_DURATION;
  return { count: CANDIDATES, interval: duration / CANDIDATES };
}

/** Scores packed 8-bit RGB pixels by their luma (BT.601 weights). */
export function scoreRgbFrame(rgb: Uint8Array): FrameScore {
  let sum = 0;
  let sumOfSquares = 0;
  let count = 0;
  for (let i = 0; i + 2 < rgb.length; i += 3 * PIXEL_STRIDE) {
    const luma = 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
    sum += luma;
    sumOfSquares += luma * luma;
    count += 1;
  }
  if (count === 0) return { mean: 0, stdDev: 0, blank: true };
  const mean = sum / count;
  const stdDev = Math.sqrt(Math.max(0, sumOfSquares / count - mean * mean));
  return { mean, stdDev, blank: stdDev < FLAT_STD_DEV || mean < DARK_MEAN || mean > BRIGHT_MEAN };
}

/**
 * Contrast that real footage rarely reaches while fading in or on a title card's flat colour, so a frame with this
 * much is taken without looking at the others.
 */
const CLEARLY_GOOD_STD_DEV = 40;

export function isClearlyGoodPoster(score: FrameScore): boolean {
  return !score.blank && score.stdDev >= CLEARLY_GOOD_STD_DEV;
}

/**
 * The index of the frame to use: the earliest non-blank one with at least GOOD_ENOUGH of the best contrast; when
 * every frame is blank, the one with the most contrast; null when no time gave a frame.
 */
export function choosePosterFrame(scores: readonly (FrameScore | null)[]): number | null {
  const found = scores.flatMap((score, index) => (score ? [{ score, index }] : []));
  if (found.length === 0) return null;
  const visible = found.filter(({ score }) => !score.blank);
  const pool = visible.length > 0 ? visible : found;
  const best = Math.max(...pool.map(({ score }) => score.stdDev));
  const threshold = visible.length > 0 ? GOOD_ENOUGH * best : best;
  return pool.find(({ score }) => score.stdDev >= threshold)!.index;
}
