import { describe, expect, it } from 'vitest';
import { RmsEnvelope } from './rms-envelope';

describe('RmsEnvelope', () => {
  it('gives the RMS of each window in dBFS across chunk boundaries, silence as null', () => {
    const envelope = new RmsEnvelope(4);
    envelope.push(Float32Array.of(0.5, -0.5, 0.5));
    envelope.push(Float32Array.of(-0.5, 0, 0, 0, 0, 1));
    const [half, silent, last] = envelope.finish();
    expect(half).toBeCloseTo(20 * Math.log10(0.5), 6);
    expect(silent).toBeNull();
    expect(last).toBeCloseTo(0, 6);
  });
});
