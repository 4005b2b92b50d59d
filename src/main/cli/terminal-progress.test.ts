import { describe, expect, it } from 'vitest';
import type { CommandContext } from './commands';
import { terminalProgress } from './terminal-progress';

function context(stderrIsTTY: boolean, json: boolean, written: string[]): CommandContext {
  return { stderrIsTTY, json, stderr: (text: string) => written.push(text) } as Partial<CommandContext> as CommandContext;
}

describe('terminalProgress', () => {
  it('redraws the line only when what it shows changes, however often it is told', () => {
    const written: string[] = [];
    const progress = terminalProgress(context(true, false, written), 'Finding speech');
    for (let frame = 0; frame < 56_000; frame++) progress.update(frame / 56_000);
    progress.end();
    // One redraw per whole percent (the time left appears only after 2 s), then the closing newline.
    expect(written).toHaveLength(101);
    expect(written.at(-2)).toBe('\rFinding speech: 99%   ');
    expect(written.at(-1)).toBe('\n');
  });

  it('shows nothing when stderr is not a terminal or the output is JSON', () => {
    const written: string[] = [];
    for (const [tty, json] of [[false, false], [true, true]] as const) {
      const progress = terminalProgress(context(tty, json, written), 'Finding speech');
      progress.update(0.5);
      progress.end();
    }
    expect(written).toEqual([]);
  });
});
