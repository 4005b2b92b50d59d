import { describe, expect, it } from 'vitest';
import { PeakBuilder } from './peak-builder';

describe('PeakBuilder', () => {
  it('keeps the min and max of each run of samples, however the chunks fall', () => {
    const builder = new PeakBuilder(4);
    builder.push(Float32Array.of(0, 0.5, -0.25));
    builder.push(Float32Array.of(0.1, 1, -1, 0.2, 0, -0.5));
    const level = builder.finish();
    expect(builder.sampleCount).toBe(9);
    expect(level.samplesPerPeak).toBe(4);
    expect(Array.from(level.min)).toEqual([-32, -127, -64]);
    expect(Array.from(level.max)).toEqual([64, 127, -64]);
  });

  it('gives silence flat peaks and grows past its first allocation', () => {
    const builder = new PeakBuilder(2);
    for (let i = 0; i < 10; i++) builder.push(new Float32Array(1000));
    const level = builder.finish();
    expect(level.min.length).toBe(5000);
    expect(level.min.every((v) => v === 0) && level.max.every((v) => v === 0)).toBe(true);
  });

  it('has no peaks before any sample', () => {
    expect(new PeakBuilder(64).finish().min.length).toBe(0);
  });
});
