/**
 * Where the voice model starts afresh in a long recording: near every multiple of `spacingFrames`, moved to the
 * quietest stretch within `searchFrames`, so a fresh model state meets a pause rather than a word. Fed frame energies
 * as the audio is decoded, it decides each split as soon as the frames around it are known, so the model can start
 * on the first parts while the rest is still decoding. The points depend on the audio alone, never on how many lanes
 * run them or how the decoder chunks its output, so the result is the same on every machine. Pure.
 */

export interface QuietSplitOptions {
  /** Distance between splits before they move to a quiet point, in frames. */
  spacingFrames: number;
  /** How far a split may move from its multiple of the spacing, in frames. */
  searchFrames: number;
  /** Length of the stretch whose energy decides how quiet a split point is, in frames. */
  quietFrames: number;
}

export class QuietSplitter {
  private prefix = new Float64Array(4097);
  private frames = 0;
  /** Splits decided so far, after the implicit one at frame 0. */
  private readonly decided: number[] = [];
  private readonly half: number;
  private readonly search: number;

  constructor(private readonly options: QuietSplitOptions) {
    this.half = Math.floor(options.quietFrames / 2);
    // A split may not move back past the previous one.
    this.search = Math.min(options.searchFrames, Math.floor((options.spacingFrames - 1) / 2));
  }

  /** Adds the energies of the next frames; returns the splits this made decidable, in order. */
  push(energies: ArrayLike<number>): number[] {
    for (let i = 0; i < energies.length; i++) {
      if (this.frames + 1 === this.prefix.length) {
        const bigger = new Float64Array(this.prefix.length * 2);
        bigger.set(this.prefix);
        this.prefix = bigger;
      }
      this.prefix[this.frames + 1] = this.prefix[this.frames]! + energies[i]!;
      this.frames += 1;
    }
    const found: number[] = [];
    for (;;) {
      const nominal = (this.decided.length + 1) * this.options.spacingFrames;
      // Decidable once every frame any candidate's quiet stretch covers has arrived.
      if (nominal + this.search + this.half > this.frames) return found;
      const split = this.quietestNear(nominal);
      this.decided.push(split);
      found.push(split);
    }
  }

  /** The earliest frame the next split (not yet decided) can fall on. */
  get nextSplitAtLeast(): number {
    return (this.decided.length + 1) * this.options.spacingFrames - this.search;
  }

  private quietestNear(nominal: number): number {
    const energyAround = (centre: number) => this.prefix[Math.min(this.frames, centre + this.half)]! - this.prefix[Math.max(0, centre - this.half)]!;
    let best = nominal;
    let bestEnergy = energyAround(nominal);
    for (let centre = nominal - this.search; centre <= nominal + this.search; centre++) {
      const energy = energyAround(centre);
      // Ties go to the point nearest the even spacing, which keeps the parts balanced.
      if (energy < bestEnergy || (energy === bestEnergy && Math.abs(centre - nominal) < Math.abs(best - nominal))) {
        best = centre;
        bestEnergy = energy;
      }
    }
    return best;
  }
}
