import { describe, expect, it } from 'vitest';
import { FramePeaks, secondsToFrames, silentFrameRanges } from './threshold-silence';

const PLAIN = { threshold: 0.5, marginFrames: 0, minClipFrames: 0, minCutFrames: 0 };

/** Levels from runs: [level, frames]. */
function runs(...parts: [number, number][]): number[] {
  return parts.flatMap(([level, frames]) => Array<number>(frames).fill(level));
}

describe('silentFrameRanges', () => {
  it('calls a frame loud when its level reaches the threshold', () => {
    expect(silentFrameRanges([0.2, 0.5, 0.49, 0.9, 0.1], PLAIN)).toEqual([[0, 1], [2, 3], [4, 5]]);
  });

  it('grows loud parts by the margin on both sides', () => {
    expect(silentFrameRanges(runs([0, 10], [1, 2], [0, 10]), { ...PLAIN, marginFrames: 3 })).toEqual([[0, 7], [15, 22]]);
  });

  it('drops loud parts shorter than min-clip and fills silent parts shorter than min-cut', () => {
    const levels = runs([0, 10], [1, 2], [0, 10], [1, 5], [0, 3], [1, 5], [0, 10]);
    expect(silentFrameRanges(levels, { ...PLAIN, minClipFrames: 3, minCutFrames: 4 })).toEqual([[0, 22], [35, 45]]);
  });

  it('treats a run reaching the end as one frame shorter, as auto-editor does', () => {
    // auto-editor measures the last run as (last index − start), so three loud frames at the end count as two.
    expect(silentFrameRanges(runs([0, 5], [1, 3]), { ...PLAIN, minClipFrames: 3 })).toEqual([[0, 8]]);
    expect(silentFrameRanges(runs([0, 5], [1, 4]), { ...PLAIN, minClipFrames: 3 })).toEqual([[0, 5]]);
  });
});

describe('FramePeaks', () => {
  it('cuts frames at ⌊i·sr/fps⌋, drops a part frame and divides by the loudest sample', () => {
    // 10 samples a second at 3 frames a second: frames start at samples 0, 3, 6 (and 10 would start the fourth).
    const peaks = new FramePeaks(10, { num: 3, den: 1 }, 1);
    peaks.push(Int16Array.of(1, -2, 3, 100, 0, 0, 50, 0, 0));
    peaks.push(Int16Array.of(0, -200));
    const { levels, sampleFrames } = peaks.finish();
    expect(sampleFrames).toBe(11);
    expect(Array.from(levels)).toEqual([3 / 200, 100 / 200, 50 / 200]);
  });

  it('takes the larger channel of interleaved stereo', () => {
    const peaks = new FramePeaks(2, { num: 1, den: 1 }, 2);
    peaks.push(Int16Array.of(10, -40, 20, 5));
    expect(Array.from(peaks.finish().levels)).toEqual([1]);
  });

  it('rounds seconds to frames halves to even, like Python', () => {
    expect(secondsToFrames(0.2, { num: 30, den: 1 })).toBe(6);
    expect(secondsToFrames(0.1, { num: 25, den: 1 })).toBe(2);
    expect(secondsToFrames(0.3, { num: 25, den: 1 })).toBe(8);
  });
});
