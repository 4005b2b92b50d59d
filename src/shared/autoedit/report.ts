import { z } from 'zod';
import { LOUDNESS_TARGETS } from '../render/render-plan';
import type { FrameRate } from '../video-format';
import { clockTime, type FramePiece } from './autoedit-timeline';

/** What an automatic edit did, for the one-click result and the CLI: lengths, cuts, and loudness when normalised. */

const LoudnessLevelsSchema = z.object({ integratedLufs: z.number(), truePeakDbtp: z.number() });

export const AutoEditReportSchema = z.object({
  /** Seconds of source media the edit covers. */
  originalSeconds: z.number().min(0),
  /** Seconds the new sequence lasts. */
  newSeconds: z.number().min(0),
  /** How many stretches were cut out. */
  cuts: z.number().int().min(0),
  removedSeconds: z.number().min(0),
  /** Filled by whoever exported the result with loudness normalisation; null when it was not normalised. */
  loudness: z
    .object({ target: z.literal(LOUDNESS_TARGETS), before: LoudnessLevelsSchema, after: LoudnessLevelsSchema })
    .nullable(),
});
export type AutoEditReport = z.infer<typeof AutoEditReportSchema>;

/** The report of an edit made of `pieces` (see autoedit-timeline.ts), before any export. */
export function autoEditReport(pieces: readonly FramePiece[], rate: FrameRate): AutoEditReport {
  const seconds = (frames: number) => (frames * rate.den) / rate.num;
  let kept = 0;
  let removed = 0;
  let cuts = 0;
  for (const piece of pieces) {
    const frames = piece.sourceOut - piece.sourceIn;
    if (piece.kept) kept += frames;
    else {
      removed += frames;
      cuts += 1;
    }
  }
  return { originalSeconds: seconds(kept + removed), newSeconds: seconds(kept), cuts, removedSeconds: seconds(removed), loudness: null };
}

/** The report as the CLI prints it, one fact a line. */
export function formatAutoEditReport(report: AutoEditReport): string {
  const share = report.originalSeconds > 0 ? Math.round((100 * report.removedSeconds) / report.originalSeconds) : 0;
  const lines = [
    `Original   ${clockTime(report.originalSeconds, 1)}`,
    `New        ${clockTime(report.newSeconds, 1)} (${share} % shorter)`,
    `Cuts       ${report.cuts}`,
    `Removed    ${clockTime(report.removedSeconds, 1)}`,
  ];
  if (report.loudness) {
    const { target, before, after } = report.loudness;
    const n = (value: number) => value.toFixed(1).replace('-', '−');
    lines.push(
      `Loudness   ${n(before.integratedLufs)} → ${n(after.integratedLufs)} LUFS (target ${String(target).replace('-', '−')})`,
      `True peak  ${n(before.truePeakDbtp)} → ${n(after.truePeakDbtp)} dBTP`,
    );
  }
  return lines.join('\n');
}

/** The report in one line, for a job's result: "12 cuts: 1:30.0 → 1:02.4 (31 % shorter)". */
export function formatAutoEditSummary(report: AutoEditReport): string {
  const share = report.originalSeconds > 0 ? Math.round((100 * report.removedSeconds) / report.originalSeconds) : 0;
  const cuts = report.cuts === 1 ? '1 cut' : `${report.cuts} cuts`;
  return `${cuts}: ${clockTime(report.originalSeconds, 1)} → ${clockTime(report.newSeconds, 1)} (${share} % shorter)`;
}
