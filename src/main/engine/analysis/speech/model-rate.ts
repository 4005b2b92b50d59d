import type { AudioFrameClassifierModel } from '../../inference/models/silero-vad';

/**
 * The sample rates a frame classifier takes: its own and the manifest's `otherRates`. A voice detector needs nothing
 * above 4 kHz, so the lowest rate is the one to analyse at: Silero VAD v5 at 8 kHz reads the same 32 ms per frame
 * from half the samples, for about half the model time (measured on the 30-minute noisy talk: 3.8 s against 5.5 s,
 * speech kept 0.9999 against 0.9998, pauses detected 0.939 against 0.944).
 */

/** The model described at `sampleRate`, with that rate's frame and context sizes. */
export function atSampleRate(model: AudioFrameClassifierModel, sampleRate: number): AudioFrameClassifierModel {
  if (sampleRate === model.sampleRate) return model;
  const other = model.otherRates?.find((rate) => rate.sampleRate === sampleRate);
  if (!other) throw new Error(`${model.name} takes audio at ${acceptedRates(model).join(' or ')} Hz, not ${sampleRate} Hz`);
  return { ...model, ...other };
}

/** The model at the lowest rate it takes. */
export function atLowestRate(model: AudioFrameClassifierModel): AudioFrameClassifierModel {
  return atSampleRate(model, Math.min(...acceptedRates(model)));
}

function acceptedRates(model: AudioFrameClassifierModel): number[] {
  return [model.sampleRate, ...(model.otherRates ?? []).map((rate) => rate.sampleRate)];
}
