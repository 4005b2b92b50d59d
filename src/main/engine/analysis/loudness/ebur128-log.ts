/**
 * Reads what ffmpeg's `ebur128=peak=true:metadata=1,ametadata=mode=print` writes: for every 100 ms frame a
 * `frame:N pts:… pts_time:T` line, then `lavfi.r128.KEY=VALUE` lines (M, S, I, LRA, true_peaks_chN…). I and LRA are
 * running values, so the last frame's are the file's. Pure: text in, numbers out, fed a chunk at a time.
 */

export interface Ebur128Summary {
  /** LUFS; null when nothing rose above the absolute gate. */
  integratedLufs: number | null;
  loudnessRangeLu: number;
  /** dBTP over all channels; null for digital silence. */
  truePeakDbtp: number | null;
  /** Short-term loudness per 100 ms frame; null below −120 LUFS (ffmpeg's stand-in for −∞). */
  shortTermLufs: (number | null)[];
}

/** ebur128 reports −70 LUFS for an integrated loudness it could not gate, and about −120.7 for silence. */
const UNGATED_LUFS = -70;
const SILENCE_LUFS = -120;

export class Ebur128LogParser {
  private partial = '';
  private integrated: number | null = null;
  private range = 0;
  /** Largest true peak (linear) of each channel seen so far. */
  private readonly peaks = new Map<string, number>();
  private readonly shortTerm: (number | null)[] = [];
  private time = 0;

  push(text: string): void {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.line(line.trim());
  }

  finish(): Ebur128Summary {
    if (this.partial) this.line(this.partial.trim());
    this.partial = '';
    const peak = Math.max(0, ...this.peaks.values());
    return {
      integratedLufs: this.integrated === null || this.integrated <= UNGATED_LUFS ? null : this.integrated,
      loudnessRangeLu: this.range,
      truePeakDbtp: peak > 0 ? 20 * Math.log10(peak) : null,
      shortTermLufs: this.shortTerm,
    };
  }

  /** pts_time of the last frame seen, for progress. */
  get latestTime(): number {
    return this.time;
  }

  private line(line: string): void {
    if (line.startsWith('frame:')) {
      const time = /pts_time:(\S+)/.exec(line)?.[1];
      if (time !== undefined && Number.isFinite(Number(time))) this.time = Number(time);
      return;
    }
    const match = /^lavfi\.r128\.([A-Za-z_.0-9]+)=(\S+)$/.exec(line);
    if (!match) return;
    const [, key, text] = match;
    const value = Number(text);
    // ffmpeg writes nan or -inf where a window has no loudness yet (the first 3 s of short-term) or no sound at all.
    if (key === 'S') this.shortTerm.push(Number.isFinite(value) && value > SILENCE_LUFS ? value : null);
    if (!Number.isFinite(value)) return;
    if (key === 'I') this.integrated = value;
    else if (key === 'LRA') this.range = value;
    else if (key?.startsWith('true_peaks_ch')) this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, value));
  }
}
