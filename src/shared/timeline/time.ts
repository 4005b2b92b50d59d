import type { FrameRate } from '../video-format';

/** Frames, seconds and timecode at a rational frame rate. Runs anywhere: no Node, no DOM. */

export type FrameRounding = 'nearest' | 'floor' | 'ceil';

/**
 * Float error from a probe's seconds is far below a millionth of a frame, while a real position is never that close to
 * a frame boundary by accident, so rounding down or up first forgives that much.
 */
const FRAME_TOLERANCE = 1e-6;

/** When frame n starts: n × den / num seconds, with one rounding (the product is an exact integer). */
export function framesToSeconds(frames: number, rate: FrameRate): number {
  return (frames * rate.den) / rate.num;
}

/**
 * The frame at a time. `floor` gives the frame showing at that instant, `ceil` the first frame starting at or after
 * it, `nearest` the closest frame start. `secondsToFrames(framesToSeconds(n))` is n with any rounding.
 */
export function secondsToFrames(seconds: number, rate: FrameRate, rounding: FrameRounding = 'nearest'): number {
  const frames = (seconds * rate.num) / rate.den;
  const whole =
    rounding === 'nearest'
      ? Math.round(frames)
      : rounding === 'floor'
        ? Math.floor(frames + FRAME_TOLERANCE)
        : Math.ceil(frames - FRAME_TOLERANCE);
  // Rounding a tiny negative gives -0, which is frame 0.
  return whole + 0;
}

/** 29.97 and 59.94 fps, where timecode is usually drop-frame so that it keeps up with the clock. */
export function isDropFrameRate(rate: FrameRate): boolean {
  return rate.num * 1001 === rate.den * 30000 || rate.num * 1001 === rate.den * 60000;
}

export interface TimecodeOptions {
  /** Drop-frame counting; defaults to on at 29.97 and 59.94 fps, and has no effect at other rates. */
  dropFrame?: boolean;
}

/**
 * HH:MM:SS:FF, counting frames at the nearest whole rate (24 at 23.976). Drop-frame timecode (HH:MM:SS;FF) skips
 * labels 00 and 01 (00 to 03 at 59.94) at the start of each minute except every tenth, so 00:10:00;00 is ten minutes
 * of clock time; non-drop timecode at 29.97 runs 3.6 s an hour behind the clock.
 */
export function framesToTimecode(frames: number, rate: FrameRate, options: TimecodeOptions = {}): string {
  if (frames < 0) return `-${framesToTimecode(-frames, rate, options)}`;
  const base = timecodeBase(rate);
  const drop = dropCount(rate, options);
  let label = frames;
  if (drop > 0) {
    const perTenMinutes = base * 600 - drop * 9;
    const perMinute = base * 60 - drop;
    const tens = Math.floor(frames / perTenMinutes);
    const rest = frames % perTenMinutes;
    label += drop * 9 * tens + (rest > drop ? drop * Math.floor((rest - drop) / perMinute) : 0);
  }
  const two = (n: number) => String(n).padStart(2, '0');
  const ff = label % base;
  const totalSeconds = Math.floor(label / base);
  const hh = Math.floor(totalSeconds / 3600);
  const mm = Math.floor(totalSeconds / 60) % 60;
  const ss = totalSeconds % 60;
  return `${two(hh)}:${two(mm)}:${two(ss)}${drop > 0 ? ';' : ':'}${two(ff)}`;
}

/** Reads HH:MM:SS:FF (or ;FF), as `framesToTimecode` writes it; null when it is not a timecode at this rate. */
export function timecodeToFrames(text: string, rate: FrameRate, options: TimecodeOptions = {}): number | null {
  const match = /^(-?)(\d{1,4}):(\d{2}):(\d{2})[:;](\d{2,3})$/.exec(text.trim());
  if (!match) return null;
  const [hh, mm, ss, ff] = match.slice(2).map(Number) as [number, number, number, number];
  const base = timecodeBase(rate);
  const drop = dropCount(rate, options);
  if (mm > 59 || ss > 59 || ff >= base) return null;
  if (drop > 0 && ss === 0 && ff < drop && mm % 10 !== 0) return null;
  const minutes = hh * 60 + mm;
  const frames = ((minutes * 60 + ss) * base + ff) - drop * (minutes - Math.floor(minutes / 10));
  return match[1] === '-' ? -frames : frames;
}

function timecodeBase(rate: FrameRate): number {
  return Math.max(1, Math.round(rate.num / rate.den));
}

function dropCount(rate: FrameRate, options: TimecodeOptions): number {
  const dropFrame = options.dropFrame ?? true;
  return dropFrame && isDropFrameRate(rate) ? timecodeBase(rate) / 15 : 0;
}
