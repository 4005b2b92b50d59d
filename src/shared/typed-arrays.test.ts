import { describe, expect, it } from 'vitest';
import { joinArrays } from './typed-arrays';

describe('joinArrays', () => {
  it('puts the parts one after another in an array of the kind asked for', () => {
    expect(joinArrays([Float32Array.of(1, 2), Float32Array.of(), Float32Array.of(3)], (n) => new Float32Array(n))).toEqual(Float32Array.of(1, 2, 3));
    expect(joinArrays([Uint8ClampedArray.of(255), Uint8Array.of(7, 8)], (n) => new Uint8Array(n))).toEqual(Uint8Array.of(255, 7, 8));
    expect(joinArrays([BigInt64Array.of(1n), BigInt64Array.of(2n)], (n) => new BigInt64Array(n))).toEqual(BigInt64Array.of(1n, 2n));
    expect(joinArrays([], (n) => new Int32Array(n))).toEqual(new Int32Array(0));
  });
});
