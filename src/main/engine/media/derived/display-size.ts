export interface Size {
  width: number;
  height: number;
}

/**
 * The size to draw a picture at so that its longer side is at most `longSide`, never enlarged, keeping its display
 * aspect. `even` rounds both sides to even numbers, which 4:2:0 video needs.
 */
export function fitWithin(display: Size, longSide: number, even = false): Size {
  const scale = Math.min(1, longSide / Math.max(display.width, display.height));
  const round = even ? (n: number) => Math.max(2, 2 * Math.round(n / 2)) : (n: number) => Math.max(1, Math.round(n));
  return { width: round(display.width * scale), height: round(display.height * scale) };
}
