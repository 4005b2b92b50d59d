import { describe, expect, it } from 'vitest';
import {
  clampZoom,
  contentWidth,
  fitZoom,
  frameToX,
  MAX_CONTENT_PX,
  MAX_PX_PER_FRAME,
  MIN_LABEL_SPACING_PX,
  rulerStep,
  rulerTicks,
  visibleRange,
  wheelZoom,
  xToFrame,
  xToNearestFrame,
  zoomAround,
  zoomBounds,
} from './layout';

const fps30 = { num: 30, den: 1 };
const ntsc = { num: 30000, den: 1001 };

describe('frames and pixels', () => {
  it('converts both ways', () => {
    expect(frameToX(30, 2)).toBe(60);
    expect(xToFrame(61, 2)).toBe(30);
    expect(xToFrame(59.9, 2)).toBe(29);
    expect(xToNearestFrame(59.9, 2)).toBe(30);
    expect(xToFrame(-10, 2)).toBe(0);
  });

  it('fits a sequence across the viewport with a little room', () => {
    const zoom = fitZoom(3000, 1000);
    expect(frameToX(3000, zoom)).toBeLessThan(1000);
    expect(frameToX(3000, zoom)).toBeGreaterThan(900);
    expect(fitZoom(1, 1000)).toBe(MAX_PX_PER_FRAME);
  });

  it('keeps zoom within bounds, and long sequences within the content width limit', () => {
    expect(clampZoom(1000, 300, 1000)).toBe(MAX_PX_PER_FRAME);
    expect(clampZoom(1e-9, 300, 1000)).toBe(zoomBounds(300, 1000).min);
    const hours = 30 * 3600 * 10;
    expect(frameToX(hours, clampZoom(1000, hours, 1000))).toBeLessThanOrEqual(MAX_CONTENT_PX);
    expect(zoomBounds(hours, 1000).min).toBeLessThanOrEqual(zoomBounds(hours, 1000).max);
  });

  it('zooms around the pointer', () => {
    const view = { pxPerFrame: 2, scrollLeft: 100 };
    const next = zoomAround(view, 4, 50);
    // Frame 75 was under x = 50 and still is.
    expect((next.scrollLeft + 50) / next.pxPerFrame).toBe(75);
    expect(zoomAround(view, 0.1, 50).scrollLeft).toBe(0);
  });

  it('zooms in on wheel up and out on wheel down', () => {
    expect(wheelZoom(1, -100)).toBeCloseTo(1.25);
    expect(wheelZoom(1, 100)).toBeCloseTo(0.8);
  });

  it('gives the visible frames with a margin', () => {
    expect(visibleRange(200, 400, 2, 0)).toEqual({ first: 100, end: 300 });
    expect(visibleRange(200, 400, 2, 100)).toEqual({ first: 50, end: 350 });
    expect(visibleRange(0, 400, 2, 100).first).toBe(0);
  });

  it('leaves a viewport of room after the sequence', () => {
    expect(contentWidth(100, 2, 500)).toBe(700);
  });
});

describe('ruler', () => {
  it('spaces labels at least the minimum apart, on round steps', () => {
    for (const zoom of [0.001, 0.01, 0.1, 0.5, 1, 3, 10, 40]) {
      const step = rulerStep(zoom, fps30);
      if (step < 7200 * 30) expect(step * zoom).toBeGreaterThanOrEqual(MIN_LABEL_SPACING_PX);
      expect([1, 2, 5, 10].includes(step) || step % 30 === 0).toBe(true);
    }
    expect(rulerStep(40, fps30)).toBe(5);
    expect(rulerStep(1, fps30)).toBe(150);
  });

  it('labels every step with timecode and fills between with small ticks', () => {
    const ticks = rulerTicks({ first: 0, end: 301 }, 1, fps30);
    const labelled = ticks.filter((t) => t.label !== null);
    expect(labelled.map((t) => t.frame)).toEqual([0, 150, 300]);
    expect(labelled[1]!.label).toBe('00:00:05:00');
    expect(ticks.length).toBeGreaterThan(labelled.length);
  });

  it('starts at the step before the range so the first label is not lost', () => {
    const ticks = rulerTicks({ first: 130, end: 250 }, 1, fps30);
    expect(ticks[0]!.frame).toBeLessThanOrEqual(130);
    expect(ticks.some((t) => t.frame === 150 && t.label === '00:00:05:00')).toBe(true);
  });

  it('counts seconds at the timecode rate for 29.97', () => {
    expect(rulerStep(1, ntsc) % 30).toBe(0);
    expect(rulerTicks({ first: 0, end: 10 }, 40, ntsc)[0]!.label).toBe('00:00:00;00');
  });
});
