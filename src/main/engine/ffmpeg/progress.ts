/**
 * ffmpeg's `-progress pipe:1` output: blocks of key=value lines, each ending with `progress=continue` or
 * `progress=end`. This turns the stream into progress reports.
 */
export interface FfmpegProgress {
  /** 0..1 when the output duration is known, otherwise null. */
  fraction: number | null;
  /** Seconds of output written so far. */
  outTime: number;
  frame: number | null;
  fps: number | null;
  /** Encoding speed relative to real time (2 = twice as fast as playback). */
  speed: number | null;
  /** Seconds left, from the output still to write and the current speed. */
  eta: number | null;
  done: boolean;
}

export class ProgressParser {
  private partial = '';
  private block = new Map<string, string>();
  private lastFraction = 0;

  constructor(
    private readonly duration: number | null,
    private readonly onProgress: (progress: FfmpegProgress) => void,
  ) {}

  push(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      this.block.set(key, value);
      if (key === 'progress') this.flush(value === 'end');
    }
  }

  private flush(done: boolean): void {
    const outTime = parseOutTime(this.block);
    const speed = parseNumber(this.block.get('speed')?.replace(/x$/, ''));
    const fps = parseNumber(this.block.get('fps'));
    const frame = parseNumber(this.block.get('frame'));
    let fraction: number | null = null;
    if (this.duration !== null && this.duration > 0) {
      // Monotonic, and 1 only at the end: timestamps can step back or overshoot the probed duration.
      const raw = done ? 1 : Math.min(0.999, Math.max(0, outTime / this.duration));
      fraction = Math.max(this.lastFraction, raw);
      this.lastFraction = fraction;
    } else if (done) {
      fraction = 1;
    }
    const eta =
      done ? 0 : this.duration !== null && speed !== null && speed > 0 ? Math.max(0, (this.duration - outTime) / speed) : null;
    this.onProgress({ fraction, outTime, frame, fps, speed, eta, done });
    this.block = new Map();
  }
}

function parseOutTime(block: Map<string, string>): number {
  // out_time_us is the precise one; out_time_ms is also microseconds (a long-standing ffmpeg misnomer).
  const micros = parseNumber(block.get('out_time_us')) ?? parseNumber(block.get('out_time_ms'));
  if (micros !== null) return Math.max(0, micros / 1e6);
  const hms = /^(-?)(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(block.get('out_time') ?? '');
  if (!hms) return 0;
  const seconds = Number(hms[2]) * 3600 + Number(hms[3]) * 60 + Number(hms[4]);
  return hms[1] ? 0 : seconds;
}

function parseNumber(value: string | undefined): number | null {
  if (value === undefined || value === 'N/A' || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
