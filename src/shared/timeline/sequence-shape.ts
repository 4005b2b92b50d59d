import type { VideoInfo } from '../media';
import { FRAME_SIDE, type FrameRate, type FrameSize } from '../video-format';

/** A sequence's frame: its rate and size. */
export interface SequenceShape {
  frameRate: FrameRate;
  frameSize: FrameSize;
}

/** Rates a sequence takes from its video; beyond them the probe read a timestamp clock, not frames (VFR phones). */
const MAX_SOURCE_FPS = 240;
const MIN_SOURCE_FPS = 1;

/**
 * The frame of a sequence made from one video (an automatic edit of it): the video's own rate, so every cut falls
 * on one of its frames and no frame is repeated or dropped, and its shown size (even, as H.264 needs), so the picture
 * is neither scaled nor letterboxed. Without a usable video (a sound file, an unknown rate) the fallback's.
 */
export function sequenceShapeOf(video: VideoInfo | null | undefined, fallback: SequenceShape): SequenceShape {
  if (!video) return fallback;
  const rate = video.frameRate;
  const fps = rate && rate.den > 0 ? rate.num / rate.den : 0;
  const usableRate = rate !== null && Number.isInteger(rate.num) && Number.isInteger(rate.den) && fps >= MIN_SOURCE_FPS && fps <= MAX_SOURCE_FPS;
  return {
    frameRate: usableRate ? { num: rate.num, den: rate.den } : fallback.frameRate,
    frameSize: { width: evenSide(video.displayWidth), height: evenSide(video.displayHeight) },
  };
}

function evenSide(pixels: number): number {
  return Math.min(FRAME_SIDE.max, Math.max(FRAME_SIDE.min, 2 * Math.floor(pixels / 2)));
}
