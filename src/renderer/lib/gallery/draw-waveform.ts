import type { WaveformColumn } from './waveform-columns';

/**
 * Sizes the canvas for the screen's pixel ratio and draws one column per device pixel, in `colour` or else the
 * canvas's CSS colour (reading it costs a style pass, too much for the timeline's many clips on every zoom step).
 * `columnsFor` gets the device-pixel width, so columns match pixels exactly.
 */
export function drawWaveform(
  canvas: HTMLCanvasElement,
  size: { width: number; height: number },
  columnsFor: (pixels: number) => WaveformColumn[],
  colour?: string,
): void {
  const scale = window.devicePixelRatio || 1;
  canvas.width = Math.round(size.width * scale);
  canvas.height = Math.round(size.height * scale);
  const context = canvas.getContext('2d');
  if (!context) return;
  const middle = canvas.height / 2;
  context.clearRect(0, 0, canvas.width, canvas.height);
  context.fillStyle = colour ?? getComputedStyle(canvas).color;
  columnsFor(canvas.width).forEach((column, x) => {
    const top = middle - column.max * middle;
    // At least a hairline, so silence still reads as a line rather than nothing.
    context.fillRect(x, top, 1, Math.max(scale, (column.max - column.min) * middle));
  });
}
