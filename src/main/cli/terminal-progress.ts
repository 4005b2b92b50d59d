import { FfmpegCancelled } from '../engine/ffmpeg/run-ffmpeg';
import type { CommandContext } from './commands';

/**
 * A percentage (and the time left, once it can be told) redrawn on a terminal's stderr; nothing when stderr is not a
 * terminal or the output is JSON.
 */
export function terminalProgress(ctx: CommandContext, label: string) {
  const shown = ctx.stderrIsTTY && !ctx.json;
  const started = Date.now();
  let drawn = '';
  return {
    update: (fraction: number) => {
      if (!shown) return;
      const elapsed = (Date.now() - started) / 1000;
      const left = fraction > 0.02 && elapsed > 2 ? `, about ${Math.round((elapsed / fraction) * (1 - fraction))} s left` : '';
      const line = `\r${label}: ${Math.floor(fraction * 100)}%${left}   `;
      // Updates come as often as every frame analysed (56,000 for a 30-minute talk); the terminal sees only changes.
      if (line === drawn) return;
      ctx.stderr(line);
      drawn = line;
    },
    end: () => {
      if (drawn) ctx.stderr('\n');
    },
  };
}

/** Ctrl+C surfaces as ffmpeg's or the model's cancellation; the user hears one sentence. */
export function cancelledAs(error: unknown, message: string): unknown {
  const name = error instanceof Error ? error.name : '';
  return error instanceof FfmpegCancelled || name === 'AbortError' ? new Error(message) : error;
}
