/** RMS over consecutive windows of a mono stream, in dBFS, fed a chunk at a time; the last window may be short. */
export class RmsEnvelope {
  private readonly dbfs: (number | null)[] = [];
  private power = 0;
  private filled = 0;

  constructor(private readonly windowSamples: number) {}

  push(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      this.power += samples[i]! * samples[i]!;
      if (++this.filled === this.windowSamples) this.endWindow();
    }
  }

  finish(): (number | null)[] {
    if (this.filled > 0) this.endWindow();
    return this.dbfs;
  }

  private endWindow(): void {
    const meanSquare = this.power / this.filled;
    // Digital silence has no level in dB.
    this.dbfs.push(meanSquare > 0 ? 10 * Math.log10(meanSquare) : null);
    this.power = 0;
    this.filled = 0;
  }
}
