import { z } from 'zod';

/** Loudness (EBU R128, RMS envelope) and threshold silence: what they take and what they find. Runs anywhere. */

export const LoudnessAnalysisSchema = z.object({
  duration: z.number().min(0),
  audioStream: z.number().int().min(0),
  /** Integrated loudness in LUFS; null when the audio never rises above the absolute gate (−70 LUFS). */
  integratedLufs: z.number().nullable(),
  /** Loudness range in LU. */
  loudnessRangeLu: z.number().min(0),
  /** Highest true peak over all channels in dBTP (4× oversampled); null for digital silence. */
  truePeakDbtp: z.number().nullable(),
  /** Short-term loudness (3 s window) every `hopSeconds`, in LUFS; null where the window is below −120 LUFS. */
  shortTerm: z.object({ hopSeconds: z.number().positive(), lufs: z.array(z.number().nullable()) }),
  /** RMS of the mono mix over consecutive windows, in dBFS; null for a window of digital silence. */
  rms: z.object({ windowSeconds: z.number().positive(), dbfs: z.array(z.number().nullable()) }),
});
export type LoudnessAnalysis = z.infer<typeof LoudnessAnalysisSchema>;

/**
 * `4%`, `0.04` or `-28dB`: the level a frame's peak must reach to count as loud, as auto-editor's
 * `--edit audio:threshold=…` takes it (a fraction, or dB, of the loudest sample of the stream).
 */
export const SilenceThresholdSchema = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const ratio = parseThreshold(text);
    if (ratio === null) {
      ctx.addIssue({ code: 'custom', message: `“${text}” is not a threshold: write 4%, 0.04 or -28dB` });
      return z.NEVER;
    }
    return ratio;
  });

function parseThreshold(text: string): number | null {
  const match = /^(-?\d+(?:\.\d+)?|-?\.\d+)\s*(%|db|dB|DB)?$/.exec(text);
  if (!match) return null;
  const value = Number(match[1]);
  const unit = match[2]?.toLowerCase();
  if (unit === 'db') return value <= 0 ? 10 ** (value / 20) : null;
  const ratio = unit === '%' ? value / 100 : value;
  return ratio >= 0 && ratio <= 1 ? ratio : null;
}

export const SilenceParamsSchema = z.object({
  /** Fraction (0..1) of the stream's loudest sample a frame's peak must reach to be loud. */
  threshold: z.number().min(0).max(1).default(0.04),
  /** Seconds of loud kept before and after each loud run (auto-editor's --margin, 0.2 s). */
  marginSeconds: z.number().min(0).max(10).default(0.2),
  /** Loud runs shorter than this many frames become silent (auto-editor's --min-clip, 3). */
  minClipFrames: z.number().int().min(0).default(3),
  /** Silent runs shorter than this many frames become loud (auto-editor's --min-cut, 6). */
  minCutFrames: z.number().int().min(0).default(6),
  /** Frames a second; null takes the video's rate, or 30 without video, as auto-editor does. */
  frameRate: z.number().positive().max(1000).nullable().default(null),
});
export type SilenceParams = z.infer<typeof SilenceParamsSchema>;
export type SilenceParamsInput = z.input<typeof SilenceParamsSchema>;

export const TimeRangeSchema = z.object({ start: z.number().min(0), end: z.number().min(0) });
export type TimeRange = z.infer<typeof TimeRangeSchema>;

export const SilenceAnalysisSchema = z.object({
  duration: z.number().min(0),
  audioStream: z.number().int().min(0),
  frameRate: z.number().positive(),
  /** Silent ranges in seconds, on frame boundaries. */
  silent: z.array(TimeRangeSchema),
  /** Share of the duration that is silent, 0..1. */
  silentRatio: z.number().min(0).max(1),
  params: SilenceParamsSchema,
});
export type SilenceAnalysis = z.infer<typeof SilenceAnalysisSchema>;
