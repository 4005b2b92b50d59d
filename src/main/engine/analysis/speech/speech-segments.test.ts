import { describe, expect, it } from 'vitest';
import { SpeechDetectionParamsSchema, type SpeechDetectionParamsInput } from '../../../../shared/analysis/speech';
import { speechSegments } from './speech-segments';

const FRAME = 0.1;

/** Probabilities from runs: [value, frames]. */
function runs(...parts: [number, number][]): number[] {
  return parts.flatMap(([value, frames]) => Array<number>(frames).fill(value));
}

function detect(probabilities: number[], params: SpeechDetectionParamsInput = {}) {
  const full = SpeechDetectionParamsSchema.parse({ minSpeechSeconds: 0, minSilenceSeconds: 0, paddingSeconds: 0, ...params });
  return speechSegments(probabilities, FRAME, probabilities.length * FRAME, full).map((s) => ({
    start: round(s.start),
    end: round(s.end),
    confidence: round(s.confidence),
  }));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

describe('speechSegments', () => {
  it('finds nothing in silence', () => {
    expect(detect(runs([0.1, 50]))).toEqual([]);
  });

  it('turns a run above the threshold into one segment with its mean probability', () => {
    expect(detect(runs([0, 10], [0.9, 5], [0.7, 5], [0, 10]))).toEqual([{ start: 1, end: 2, confidence: 0.8 }]);
  });

  it('keeps speech going while the probability stays above the release threshold', () => {
    const probabilities = runs([0, 5], [0.9, 5], [0.4, 10], [0.9, 5], [0, 5]);
    expect(detect(probabilities, { threshold: 0.5, releaseThreshold: 0.35 })).toHaveLength(1);
    expect(detect(probabilities, { threshold: 0.5, releaseThreshold: 0.5 })).toHaveLength(2);
  });

  it('needs the release to last the minimum silence before it ends a segment', () => {
    const probabilities = runs([0, 5], [0.9, 5], [0.1, 3], [0.9, 5], [0, 5]);
    expect(detect(probabilities, { minSilenceSeconds: 0.4 })).toEqual([{ start: 0.5, end: 1.8, confidence: round((0.9 * 10 + 0.3) / 13) }]);
    expect(detect(probabilities, { minSilenceSeconds: 0.3 })).toEqual([
      { start: 0.5, end: 1, confidence: 0.9 },
      { start: 1.3, end: 1.8, confidence: 0.9 },
    ]);
  });

  it('ends a segment where the quiet run began, not where it became long enough', () => {
    expect(detect(runs([0.9, 5], [0.1, 20]), { minSilenceSeconds: 1 })).toEqual([{ start: 0, end: 0.5, confidence: 0.9 }]);
  });

  it('drops bursts shorter than the minimum speech', () => {
    expect(detect(runs([0, 5], [0.9, 2], [0, 10], [0.9, 4], [0, 5]), { minSpeechSeconds: 0.3 })).toEqual([
      { start: 1.7, end: 2.1, confidence: 0.9 },
    ]);
  });

  it('pads segments, clamps them to the media and merges those the padding joins', () => {
    const probabilities = runs([0.9, 3], [0, 4], [0.9, 3], [0, 20], [0.9, 3]);
    expect(detect(probabilities, { paddingSeconds: 0.2 })).toEqual([
      { start: 0, end: 1.2, confidence: 0.9 },
      { start: 2.8, end: 3.3, confidence: 0.9 },
    ]);
  });

  it('closes a segment still open at the end of the media', () => {
    expect(detect(runs([0, 5], [0.8, 5]))).toEqual([{ start: 0.5, end: 1, confidence: 0.8 }]);
  });

  it('refuses a release threshold above the threshold', () => {
    expect(SpeechDetectionParamsSchema.safeParse({ threshold: 0.4, releaseThreshold: 0.6 }).success).toBe(false);
  });
});
