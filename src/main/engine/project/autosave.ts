/**
 * Debounced saving: a save runs `delayMs` after the last change, but never later than `maxWaitMs` after the first
 * unsaved one, so a user editing without pause still loses at most a few seconds to a crash.
 */
export class Autosave {
  private timer: NodeJS.Timeout | undefined;
  private firstPendingAt: number | null = null;

  constructor(
    private readonly save: () => Promise<void>,
    private readonly delayMs = 1000,
    private readonly maxWaitMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  changed(): void {
    const now = this.now();
    this.firstPendingAt ??= now;
    const wait = Math.max(0, Math.min(this.delayMs, this.firstPendingAt + this.maxWaitMs - now));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref();
  }

  get pending(): boolean {
    return this.firstPendingAt !== null;
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.firstPendingAt = null;
  }

  private fire(): void {
    this.firstPendingAt = null;
    this.save().catch(() => undefined);
  }
}
