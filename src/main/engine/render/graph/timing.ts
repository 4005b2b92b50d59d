import type { FrameRate } from '../../../../shared/video-format';

/**
 * The sample that plays at `frame`, rounded to the nearest. Audio lengths are differences of these, so a track's
 * pieces add up to exactly the samples of the whole plan however the rate divides. BigInt: frames × rate × 1001
 * leaves the exact range of a double on long plans.
 */
export function sampleAtFrame(frame: number, rate: FrameRate, sampleRate: number): number {
  const numerator = BigInt(frame) * BigInt(sampleRate) * BigInt(rate.den);
  const denominator = BigInt(rate.num);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** Seconds for an ffmpeg time option (-ss, -t, durations): microseconds are what ffmpeg keeps. */
export function secondsOption(frames: number, rate: FrameRate): string {
  return ((frames * rate.den) / rate.num).toFixed(6);
}

/**
 * The first sample ffmpeg decodes from a sample-exact input (a PCM WAV) opened with `-ss secondsOption(frames)`: the
 * sample nearest the option's time, halves up, as FFmpeg 5.1 rounds it. The option keeps microseconds, so this is one
 * sample off sampleAtFrame where they round across a half sample (frame 350 at 29.97 fps and 44.1 kHz).
 */
export function seekSample(frames: number, rate: FrameRate, sampleRate: number): number {
  const micros = BigInt(secondsOption(frames, rate).replace('.', ''));
  return Number((2n * micros * BigInt(sampleRate) + 1_000_000n) / 2_000_000n);
}

/** A frame rate as ffmpeg reads it: "25", "30000/1001". */
export function rateOption(rate: FrameRate): string {
  return rate.den === 1 ? String(rate.num) : `${rate.num}/${rate.den}`;
}

/** A frame's length as a time-base expression (`settb`): "1/25", "1001/30000". */
export function frameTimeBase(rate: FrameRate): string {
  return `${rate.den}/${rate.num}`;
}
