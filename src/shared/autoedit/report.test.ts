import { describe, expect, it } from 'vitest';
import type { FramePiece } from './autoedit-timeline';
import { AutoEditReportSchema, autoEditReport, formatAutoEditReport, formatAutoEditSummary } from './report';

const reason = { kind: 'pause' as const, text: '' };
const PIECES: FramePiece[] = [
  { sourceIn: 0, sourceOut: 50, kept: false, reason },
  { sourceIn: 50, sourceOut: 1000, kept: true, reason },
  { sourceIn: 1000, sourceOut: 1100, kept: false, reason },
  { sourceIn: 1100, sourceOut: 1500, kept: true, reason },
];

describe('autoEditReport', () => {
  it('counts the lengths and cuts of an edit', () => {
    expect(autoEditReport(PIECES, { num: 25, den: 1 })).toEqual({ originalSeconds: 60, newSeconds: 54, cuts: 2, removedSeconds: 6, loudness: null });
  });

  it('prints one fact a line, with loudness when the export was normalised', () => {
    const report = AutoEditReportSchema.parse({
      ...autoEditReport(PIECES, { num: 25, den: 1 }),
      loudness: { target: -14, before: { integratedLufs: -30.04, truePeakDbtp: -14.3 }, after: { integratedLufs: -14.1, truePeakDbtp: -1.42 } },
    });
    expect(formatAutoEditReport(report)).toBe(
      [
        'Original   1:00.0',
        'New        0:54.0 (10 % shorter)',
        'Cuts       2',
        'Removed    0:06.0',
        'Loudness   −30.0 → −14.1 LUFS (target −14)',
        'True peak  −14.3 → −1.4 dBTP',
      ].join('\n'),
    );
  });

  it('says it in one line for the job list', () => {
    expect(formatAutoEditSummary(autoEditReport(PIECES, { num: 25, den: 1 }))).toBe('2 cuts: 1:00.0 → 0:54.0 (10 % shorter)');
  });
});
