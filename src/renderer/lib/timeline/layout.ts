import type { FrameRate } from '../../../shared/video-format';
import { framesToTimecode } from '../../../shared/timeline/time';

/**
 * Where frames sit on screen in the timeline editor: a zoom level is pixels per frame, x = frame × zoom from the
 * sequence start. Pure math, no DOM.
 */

/** A frame wider than this shows nothing more; beyond it, zooming in only adds empty space. */
export const MAX_PX_PER_FRAME = 40;
/** Chromium stops laying out elements wider than about 33 million pixels; staying well below keeps scrolling exact. */
export const MAX_CONTENT_PX = 8_000_000;
/** Ticks closer than this crowd their labels. */
export const MIN_LABEL_SPACING_PX = 90;

export function frameToX(frame: number, pxPerFrame: number): number {
  return frame * pxPerFrame;
}

/** The frame under an x position: the one whose span contains it, never before the sequence start. */
export function xToFrame(x: number, pxPerFrame: number): number {
  return Math.max(0, Math.floor(x / pxPerFrame));
}

/** The nearest frame boundary to an x position, for dragged edges that land between frames. */
export function xToNearestFrame(x: number, pxPerFrame: number): number {
  return Math.max(0, Math.round(x / pxPerFrame));
}

/**
 * Zoom bounds for a sequence of `frames`: out to the whole sequence in half the viewport, in to MAX_PX_PER_FRAME or
 * as far as the content width limit allows for a long sequence.
 */
export function zoomBounds(frames: number, viewportWidth: number): { min: number; max: number } {
  const length = Math.max(1, frames);
  const max = Math.min(MAX_PX_PER_FRAME, MAX_CONTENT_PX / (2 * length));
  return { min: Math.min(max, fitZoom(length, viewportWidth) / 2), max };
}

export function clampZoom(pxPerFrame: number, frames: number, viewportWidth: number): number {
  const { min, max } = zoomBounds(frames, viewportWidth);
  return Math.min(max, Math.max(min, pxPerFrame));
}

/** The zoom that shows `frames` across `viewportWidth`, keeping a little room after the end. */
export function fitZoom(frames: number, viewportWidth: number): number {
  const usable = Math.max(1, viewportWidth * 0.95);
  return Math.min(MAX_PX_PER_FRAME, usable / Math.max(1, frames));
}

export interface ZoomedView {
  pxPerFrame: number;
  scrollLeft: number;
}

/** A new zoom that keeps the frame under `anchorX` (relative to the viewport's left edge) where it is on screen. */
export function zoomAround(
  view: ZoomedView,
  nextPxPerFrame: number,
  anchorX: number,
): ZoomedView {
  const anchorFrame = (view.scrollLeft + anchorX) / view.pxPerFrame;
  return { pxPerFrame: nextPxPerFrame, scrollLeft: Math.max(0, anchorFrame * nextPxPerFrame - anchorX) };
}

/** The zoom after one wheel step: a notch (about 100 delta) zooms by a quarter, trackpads zoom smoothly. */
export function wheelZoom(pxPerFrame: number, deltaY: number): number {
  return pxPerFrame * Math.pow(1.25, -deltaY / 100);
}

export interface FrameRange {
  /** First frame shown, inclusive. */
  first: number;
  /** Frame just after the last shown. */
  end: number;
}

/** The frames the viewport shows, widened by `marginPx` on both sides so scrolling does not reveal empty space. */
export function visibleRange(scrollLeft: number, viewportWidth: number, pxPerFrame: number, marginPx = 0): FrameRange {
  return {
    first: Math.max(0, Math.floor((scrollLeft - marginPx) / pxPerFrame)),
    end: Math.ceil((scrollLeft + viewportWidth + marginPx) / pxPerFrame),
  };
}

/** The content's width: the sequence and a viewport's worth after it, so there is room to drop clips at the end. */
export function contentWidth(frames: number, pxPerFrame: number, viewportWidth: number): number {
  return Math.min(MAX_CONTENT_PX, frameToX(frames, pxPerFrame) + viewportWidth);
}

export interface RulerTick {
  frame: number;
  /** The timecode for labelled ticks; null for the small ones between them. */
  label: string | null;
}

/**
 * Label steps in whole frames, then whole seconds and minutes of timecode, so labels fall on round values at every
 * zoom. Seconds are counted at the timecode rate (30 at 29.97), as the timecode labels are.
 */
const FRAME_STEPS = [1, 2, 5, 10];
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
const MINOR_DIVISIONS = 5;

/** The labelled tick step in frames: the smallest round step whose labels are at least MIN_LABEL_SPACING_PX apart. */
export function rulerStep(pxPerFrame: number, rate: FrameRate): number {
  const perSecond = Math.max(1, Math.round(rate.num / rate.den));
  const steps = [...FRAME_STEPS.filter((f) => f < perSecond), ...SECOND_STEPS.map((s) => s * perSecond)];
  return steps.find((step) => step * pxPerFrame >= MIN_LABEL_SPACING_PX) ?? steps.at(-1)!;
}

/** The ruler's ticks over a frame range: labelled ones at each step, and unlabelled ones between when they fit. */
export function rulerTicks(range: FrameRange, pxPerFrame: number, rate: FrameRate): RulerTick[] {
  const step = rulerStep(pxPerFrame, rate);
  const minor = step % MINOR_DIVISIONS === 0 ? step / MINOR_DIVISIONS : step >= 2 ? step / 2 : step;
  const minorStep = Number.isInteger(minor) && minor * pxPerFrame >= 6 ? minor : step;
  const ticks: RulerTick[] = [];
  for (let frame = Math.floor(range.first / minorStep) * minorStep; frame < range.end; frame += minorStep) {
    ticks.push({ frame, label: frame % step === 0 ? framesToTimecode(frame, rate) : null });
  }
  return ticks;
}
