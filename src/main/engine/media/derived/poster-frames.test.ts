import { describe, expect, it } from 'vitest';
import { sampleTimes } from './frame-grab';
import { choosePosterFrame, isClearlyGoodPoster, posterCandidates, scoreRgbFrame, type FrameScore } from './poster-frames';

/** `pixels` RGB pixels, each grey level taken in turn from `levels`. */
function frame(pixels: number, levels: number[]): Uint8Array {
  const rgb = new Uint8Array(pixels * 3);
  for (let p = 0; p < pixels; p++) rgb.fill(levels[p % levels.length]!, 3 * p, 3 * p + 3);
  return rgb;
}
const score = (stdDev: number, blank = false): FrameScore => ({ mean: 100, stdDev, blank });

describe('scoreRgbFrame', () => {
  it('finds black, white and flat frames blank', () => {
    expect(scoreRgbFrame(frame(1000, [0]))).toEqual({ mean: 0, stdDev: 0, blank: true });
    expect(scoreRgbFrame(frame(1000, [255])).blank).toBe(true);
    expect(scoreRgbFrame(frame(1000, [120, 124])).blank).toBe(true);
    expect(scoreRgbFrame(frame(1000, [2, 9, 20])).blank).toBe(true);
  });

  it('measures the contrast of a real picture', () => {
    const checker = scoreRgbFrame(frame(1000, [40, 200]));
    expect(checker.blank).toBe(false);
    expect(checker.mean).toBeCloseTo(120, 0);
    expect(checker.stdDev).toBeCloseTo(80, 0);
  });

  it('weighs green most, as the eye does', () => {
    const green = new Uint8Array(300).map((_, i) => (i % 3 === 1 ? 200 : 0));
    const blue = new Uint8Array(300).map((_, i) => (i % 3 === 2 ? 200 : 0));
    expect(scoreRgbFrame(green).mean).toBeGreaterThan(scoreRgbFrame(blue).mean * 4);
  });
});

describe('choosePosterFrame', () => {
  it('skips black frames at the start', () => {
    expect(choosePosterFrame([score(0, true), score(1, true), score(60), score(64), score(20)])).toBe(2);
  });

  it('skips a fade-in until the picture is nearly at full contrast', () => {
    expect(choosePosterFrame([score(13), score(33), score(52), score(65), score(65)])).toBe(2);
  });

  it('takes the liveliest frame when all are blank, and nothing when no frame was read', () => {
    expect(choosePosterFrame([score(1, true), score(4, true), null])).toBe(1);
    expect(choosePosterFrame([null, null])).toBeNull();
  });
});

describe('isClearlyGoodPoster', () => {
  it('takes a lively frame at once and looks further at a dim, flat or blank one', () => {
    expect(isClearlyGoodPoster({ mean: 120, stdDev: 60, blank: false })).toBe(true);
    expect(isClearlyGoodPoster({ mean: 40, stdDev: 20, blank: false })).toBe(false);
    expect(isClearlyGoodPoster({ mean: 250, stdDev: 45, blank: true })).toBe(false);
  });
});

describe('posterCandidates', () => {
  it('spreads times over the clip, past its first moments', () => {
    expect(sampleTimes(posterCandidates(4)).map((t) => Number(t.toFixed(3)))).toEqual([0.4, 1.2, 2, 2.8, 3.6]);
  });

  it('tries the first seconds when the duration is unknown', () => {
    expect(sampleTimes(posterCandidates(null))).toEqual([1.25, 3.75, 6.25, 8.75]);
  });
});
