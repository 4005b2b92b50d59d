import type { TimeRange } from '../../../../shared/analysis/loudness';

/**
 * Threshold silence with auto-editor's semantics (Debian's auto-editor 22.52; auto_editor/analyze.py,
 * make_layers.py, interpreter.py, utils/func.py), ported rule for rule so the same file gives the same ranges:
 *
 * - The timeline is cut into frames of 1/fps (the video's rate, 30 without video); frame i spans samples
 *   [⌊i·sr/fps⌋, ⌊(i+1)·sr/fps⌋) of the stream, decoded as 16-bit stereo at its own rate; a trailing part frame is
 *   dropped.
 * - A frame's level is its largest absolute sample over both channels divided by the largest of the whole stream;
 *   the frame is loud when its level is at least the threshold.
 * - Then: loud runs shorter than min-clip frames become silent and silent runs shorter than min-cut frames loud;
 *   loud runs grow by the margin on both sides; and the min-clip / min-cut pass runs again.
 *
 * Pure: the frame peaks are collected by FramePeaks from the decoded stream.
 */

export interface Rational {
  num: number;
  den: number;
}

/** Largest absolute sample of every timeline frame, fed interleaved 16-bit samples chunk by chunk. */
export class FramePeaks {
  private peaks = new Int32Array(4096);
  private count = 0;
  private current = 0;
  private streamPeak = 0;
  /** Sample frames (per channel) seen so far. */
  private position = 0;
  private frameEnd: number;

  constructor(
    private readonly sampleRate: number,
    private readonly frameRate: Rational,
    private readonly channels: number,
  ) {
    this.frameEnd = this.boundary(1);
  }

  push(samples: Int16Array): void {
    let at = 0;
    while (at < samples.length) {
      if (this.position === this.frameEnd) this.endFrame();
      // The rest of this frame, or of the chunk: whole sample frames either way.
      const take = Math.min((this.frameEnd - this.position) * this.channels, samples.length - at);
      let peak = this.current;
      for (let i = at; i < at + take; i++) {
        const sample = samples[i]!;
        const magnitude = sample < 0 ? -sample : sample;
        if (magnitude > peak) peak = magnitude;
      }
      this.current = peak;
      at += take;
      this.position += take / this.channels;
    }
  }

  /** Per-frame levels relative to the loudest sample of the stream, and how many sample frames there were. */
  finish(): { levels: Float64Array; sampleFrames: number } {
    // auto-editor counts ⌊samples · fps / sr⌋ frames: a last frame that is not whole is left out.
    const whole = Math.floor((this.position * this.frameRate.num) / (this.sampleRate * this.frameRate.den));
    if (this.position === this.frameEnd && this.count < whole) this.endFrame();
    // The loudest sample counts even when it sits in the part frame left out.
    const streamPeak = Math.max(this.streamPeak, this.current);
    const levels = new Float64Array(whole);
    if (streamPeak > 0) for (let i = 0; i < whole; i++) levels[i] = (this.peaks[i] ?? 0) / streamPeak;
    return { levels, sampleFrames: this.position };
  }

  private endFrame(): void {
    if (this.count === this.peaks.length) {
      const bigger = new Int32Array(this.peaks.length * 2);
      bigger.set(this.peaks);
      this.peaks = bigger;
    }
    this.peaks[this.count++] = this.current;
    if (this.current > this.streamPeak) this.streamPeak = this.current;
    this.current = 0;
    this.frameEnd = this.boundary(this.count + 1);
  }

  /** First sample of frame `frame`, exactly as Python's int(i * Fraction(sr) / tb). */
  private boundary(frame: number): number {
    return Math.floor((frame * this.sampleRate * this.frameRate.den) / this.frameRate.num);
  }
}

export interface ThresholdSilenceParams {
  threshold: number;
  marginFrames: number;
  minClipFrames: number;
  minCutFrames: number;
}

/** Silent ranges in frames, [start, end), from per-frame levels. */
export function silentFrameRanges(levels: ArrayLike<number>, params: ThresholdSilenceParams): [number, number][] {
  let loud: Uint8Array = Uint8Array.from({ length: levels.length }, (_, i) => (levels[i]! >= params.threshold ? 1 : 0));
  loud = cook(loud, params.minClipFrames, params.minCutFrames);
  growLoud(loud, params.marginFrames, params.marginFrames);
  loud = cook(loud, params.minClipFrames, params.minCutFrames);
  const ranges: [number, number][] = [];
  for (let i = 0; i < loud.length; i++) {
    if (loud[i]) continue;
    const start = i;
    while (i < loud.length && !loud[i]) i++;
    ranges.push([start, i]);
  }
  return ranges;
}

export function frameRangesToSeconds(ranges: readonly [number, number][], frameRate: Rational): TimeRange[] {
  return ranges.map(([start, end]) => ({ start: (start * frameRate.den) / frameRate.num, end: (end * frameRate.den) / frameRate.num }));
}

/** Seconds to frames as auto-editor rounds them (Python's round: halves to even). */
export function secondsToFrames(seconds: number, frameRate: Rational): number {
  const frames = (seconds * frameRate.num) / frameRate.den;
  const floor = Math.floor(frames);
  const fraction = frames - floor;
  if (Math.abs(fraction - 0.5) < 1e-9) return floor % 2 === 0 ? floor : floor + 1;
  return Math.round(frames);
}

/** interpreter.cook: short loud runs out, then short silent runs in. */
function cook(loud: Uint8Array, minClip: number, minCut: number): Uint8Array {
  const result = loud.slice();
  removeSmall(result, minClip, 1, 0);
  removeSmall(result, minCut, 0, 1);
  return result;
}

/** interpreter.mut_remove_small, including its rule for a run that reaches the end (one frame shorter). */
function removeSmall(values: Uint8Array, limit: number, replace: number, by: number): void {
  let start = 0;
  let active = false;
  for (let j = 0; j < values.length; j++) {
    if (values[j] === replace) {
      if (!active) {
        start = j;
        active = true;
      }
      if (j === values.length - 1 && j - start < limit) values.fill(by, start, j + 1);
    } else if (active) {
      if (j - start < limit) values.fill(by, start, j);
      active = false;
    }
  }
}

/** utils.func.mut_margin: loud runs grow by `before` frames at their start and `after` at their end. */
function growLoud(loud: Uint8Array, before: number, after: number): void {
  const starts: number[] = [];
  const ends: number[] = [];
  for (let j = 1; j < loud.length; j++) {
    if (loud[j] !== loud[j - 1]) (loud[j] ? starts : ends).push(j);
  }
  if (before > 0) for (const i of starts) loud.fill(1, Math.max(i - before, 0), i);
  if (after > 0) for (const i of ends) loud.fill(1, i, Math.min(i + after, loud.length));
}
