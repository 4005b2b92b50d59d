import type { PartFeed, VadPart } from './batched-vad';
import type { QuietSplitter } from './quiet-splits';

/**
 * What analyzeSpeech's decoder hands the model lanes while it runs: the frame energies the splitter looks for quiet
 * in, and the parts and decoded frames as they become known.
 */

/** The parts of the recording as the splitter decides them, and how far the audio is decoded. */
export class DecodingFeed implements PartFeed {
  readableFrames = 0;
  complete = false;
  private readonly parts: VadPart[] = [];
  private taken = 0;
  private current: VadPart;
  private failure: { error: unknown } | null = null;
  private waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];

  constructor(
    private readonly splitter: QuietSplitter,
    private readonly prerollFrames: number,
  ) {
    this.current = { first: 0, keepFrom: 0, end: null, surelyBefore: splitter.nextSplitAtLeast };
    this.parts.push(this.current);
  }

  take(): VadPart | null {
    return this.parts[this.taken] ? this.parts[this.taken++]! : null;
  }

  changed(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure.error);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  addSplits(splits: readonly number[]): void {
    for (const split of splits) {
      this.current.end = split;
      this.current = { first: Math.max(0, split - this.prerollFrames), keepFrom: split, end: null, surelyBefore: 0 };
      this.parts.push(this.current);
    }
    this.current.surelyBefore = this.splitter.nextSplitAtLeast;
  }

  decoded(frames: number): void {
    this.readableFrames = frames;
    this.wake();
  }

  finish(frames: number): void {
    this.current.end = frames;
    this.readableFrames = frames;
    this.complete = true;
    this.wake();
  }

  fail(error: unknown): void {
    this.failure = { error };
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.reject(error);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) waiter.resolve();
  }
}

/** Mean square of every model frame, the last one padded with silence: what the splitter looks for quiet in. */
export class FrameEnergies {
  private sum = 0;
  private filled = 0;

  constructor(private readonly frameSamples: number) {}

  /** The energies of the frames these samples complete. */
  push(samples: Float32Array): number[] {
    const completed: number[] = [];
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      this.sum += sample * sample;
      if (++this.filled === this.frameSamples) completed.push(this.endFrame());
    }
    return completed;
  }

  finish(): number[] {
    return this.filled > 0 ? [this.endFrame()] : [];
  }

  private endFrame(): number {
    const energy = this.sum / this.frameSamples;
    this.sum = 0;
    this.filled = 0;
    return energy;
  }
}
