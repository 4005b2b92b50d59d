import { describe, expect, it } from 'vitest';
import { allocatePlanes, blendMeasure, contentDifference, estimateShift, fillPlanes } from './frame-planes';

const WIDTH = 16;
const HEIGHT = 16;
const WEIGHTS = { hue: 1, saturation: 1, luma: 1, edges: 0 };

function solid(r: number, g: number, b: number): Uint8Array {
  const rgb = new Uint8Array(WIDTH * HEIGHT * 3);
  for (let i = 0; i < rgb.length; i += 3) rgb.set([r, g, b], i);
  return rgb;
}

function planesOf(rgb: Uint8Array, withEdges = false) {
  const planes = allocatePlanes(WIDTH, HEIGHT, withEdges);
  const meanLuma = fillPlanes(rgb, planes);
  return { planes, meanLuma };
}

describe('frame planes', () => {
  it('gives hue, saturation, value and luma of each pixel', () => {
    const { planes, meanLuma } = planesOf(solid(255, 0, 0));
    expect([planes.hue[0], planes.saturation[0], planes.value[0]]).toEqual([0, 255, 255]);
    expect(meanLuma).toBeCloseTo(76, 0);
    expect(planesOf(solid(0, 0, 255)).planes.hue[0]).toBe(170);
    expect(planesOf(solid(128, 128, 128)).planes.saturation[0]).toBe(0);
  });

  it('scores no change between equal frames and a large one between different colours', () => {
    const red = planesOf(solid(255, 0, 0)).planes;
    expect(contentDifference(red, planesOf(solid(255, 0, 0)).planes, WEIGHTS)).toBe(0);
    expect(contentDifference(red, planesOf(solid(0, 0, 255)).planes, WEIGHTS)).toBeGreaterThan(50);
  });

  it('takes hue round the colour circle: a red just below 360° is close to one just above 0°', () => {
    const a = planesOf(solid(255, 0, 8)).planes;
    const b = planesOf(solid(255, 8, 0)).planes;
    expect(contentDifference(a, b, { hue: 1, saturation: 0, luma: 0, edges: 0 })).toBeLessThan(10);
  });

  it('weighs edges when asked: a stripe moved changes the edges, not the colours on average', () => {
    const striped = (column: number) => {
      const rgb = solid(0, 0, 0);
      for (let y = 0; y < HEIGHT; y += 1) rgb.set([255, 255, 255], (y * WIDTH + column) * 3);
      return planesOf(rgb, true).planes;
    };
    expect(contentDifference(striped(4), striped(10), { hue: 0, saturation: 0, luma: 0, edges: 1 })).toBeGreaterThan(10);
    expect(contentDifference(striped(4), striped(4), { hue: 0, saturation: 0, luma: 0, edges: 1 })).toBe(0);
  });

  it('measures a linear mix as a blend and a jump as none', () => {
    const dark = planesOf(solid(20, 20, 20)).planes;
    const light = planesOf(solid(220, 220, 220)).planes;
    const mix = blendMeasure(dark, planesOf(solid(120, 120, 120)).planes, light);
    expect(mix.residual / mix.change).toBeLessThan(0.05);
    const jump = blendMeasure(dark, dark, light);
    expect(jump.residual / jump.change).toBeCloseTo(0.5, 1);
  });

  it('follows a pan: finds the shift and scores the shifted picture as unchanged', () => {
    // A picture with detail everywhere, seen through a window that moves 3 pixels right and 1 down.
    const scene = (x: number, y: number) => [(x * 37 + y * 11) % 256, (x * x + 3 * y) % 256, (x * 7 + y * y * 5) % 256];
    const view = (left: number, top: number) => {
      const rgb = new Uint8Array(WIDTH * HEIGHT * 3);
      for (let y = 0; y < HEIGHT; y += 1) for (let x = 0; x < WIDTH; x += 1) rgb.set(scene(x + left, y + top), (y * WIDTH + x) * 3);
      return planesOf(rgb).planes;
    };
    const before = view(0, 0);
    const after = view(3, 1);
    const shift = estimateShift(after, before, 4);
    expect(shift).toEqual({ dx: 3, dy: 1 });
    expect(contentDifference(after, before, WEIGHTS, shift)).toBe(0);
    expect(contentDifference(after, before, WEIGHTS)).toBeGreaterThan(20);
  });
});
