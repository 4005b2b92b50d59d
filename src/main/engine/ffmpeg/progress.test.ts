import { describe, expect, it } from 'vitest';
import { ProgressParser, type FfmpegProgress } from './progress';

function block(outTimeUs: number, speed: string, end = false): string {
  return [
    'frame=120',
    'fps=59.9',
    `out_time_us=${outTimeUs}`,
    `out_time_ms=${outTimeUs}`,
    'out_time=00:00:04.000000',
    `speed=${speed}`,
    `progress=${end ? 'end' : 'continue'}`,
    '',
  ].join('\n');
}

describe('ProgressParser', () => {
  it('reports fraction, speed and ETA per block, even when blocks arrive split', () => {
    const seen: FfmpegProgress[] = [];
    const parser = new ProgressParser(10, (p) => seen.push(p));
    const text = block(4_000_000, '2.00x') + block(10_000_000, '2.5x', true);
    for (let i = 0; i < text.length; i += 7) parser.push(text.slice(i, i + 7));
    expect(seen).toEqual([
      { fraction: 0.4, outTime: 4, frame: 120, fps: 59.9, speed: 2, eta: 3, done: false },
      { fraction: 1, outTime: 10, frame: 120, fps: 59.9, speed: 2.5, eta: 0, done: true },
    ]);
  });

  it('never goes backwards and reaches 1 only at the end', () => {
    const fractions: (number | null)[] = [];
    const parser = new ProgressParser(5, (p) => fractions.push(p.fraction));
    parser.push(block(3_000_000, '1x') + block(2_000_000, '1x') + block(6_000_000, '1x') + block(6_000_000, '1x', true));
    expect(fractions).toEqual([0.6, 0.6, 0.999, 1]);
  });

  it('handles N/A values and an unknown duration', () => {
    const seen: FfmpegProgress[] = [];
    const parser = new ProgressParser(null, (p) => seen.push(p));
    parser.push('frame=0\nfps=0.00\nout_time_us=N/A\nout_time=N/A\nspeed=N/A\nprogress=continue\n');
    expect(seen[0]).toEqual({ fraction: null, outTime: 0, frame: 0, fps: 0, speed: null, eta: null, done: false });
  });
});
