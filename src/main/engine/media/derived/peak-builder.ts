import { quantizePeak, type WaveformLevel } from '../../../../shared/media/waveform-peaks';

/**
 * Min and max per run of `samplesPerPeak` samples, fed a chunk at a time so audio of any length streams through:
 * only the peaks are kept (two bytes per peak).
 */
export class PeakBuilder {
  private min: Int8Array = new Int8Array(4096);
  private max: Int8Array = new Int8Array(4096);
  private peaks = 0;
  private inPeak = 0;
  private low = Infinity;
  private high = -Infinity;
  private samples = 0;

  constructor(readonly samplesPerPeak: number) {}

  get sampleCount(): number {
    return this.samples;
  }

  push(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      if (sample < this.low) this.low = sample;
      if (sample > this.high) this.high = sample;
      if (++this.inPeak === this.samplesPerPeak) this.endPeak();
    }
    this.samples += samples.length;
  }

  /** The peaks so far, the last covering whatever samples are left over. */
  finish(): WaveformLevel {
    if (this.inPeak > 0) this.endPeak();
    return { samplesPerPeak: this.samplesPerPeak, min: this.min.slice(0, this.peaks), max: this.max.slice(0, this.peaks) };
  }

  private endPeak(): void {
    if (this.peaks === this.min.length) {
      this.min = grow(this.min);
      this.max = grow(this.max);
    }
    this.min[this.peaks] = quantizePeak(this.low);
    this.max[this.peaks] = quantizePeak(this.high);
    this.peaks += 1;
    this.inPeak = 0;
    this.low = Infinity;
    this.high = -Infinity;
  }
}

function grow(array: Int8Array): Int8Array {
  const bigger = new Int8Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
