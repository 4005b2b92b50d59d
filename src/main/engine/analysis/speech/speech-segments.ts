import type { SpeechDetectionParams, SpeechSegment } from '../../../../shared/analysis/speech';

/**
 * Speech probabilities, one per model frame, to speech segments: pure, no model, no I/O.
 *
 * Hysteresis as in Silero's own post-processing: speech starts at a frame at or above `threshold`; it ends where the
 * probability falls below `releaseThreshold` and stays out of speech (no frame back at `threshold`) for at least
 * `minSilenceSeconds`. Segments shorter than `minSpeechSeconds` are dropped, the rest padded by `paddingSeconds` on
 * both sides and merged where the padding makes them touch.
 */
export function speechSegments(
  probabilities: ArrayLike<number>,
  frameSeconds: number,
  durationSeconds: number,
  params: SpeechDetectionParams,
): SpeechSegment[] {
  const minSilenceFrames = Math.max(1, Math.round(params.minSilenceSeconds / frameSeconds));
  const minSpeechFrames = Math.round(params.minSpeechSeconds / frameSeconds);
  const raw: { startFrame: number; endFrame: number; sum: number }[] = [];
  let startFrame = -1;
  /** First frame of the quiet run that may end the current segment, or -1. */
  let releaseFrame = -1;
  const close = (endFrame: number) => {
    if (endFrame - startFrame >= minSpeechFrames) {
      let sum = 0;
      for (let i = startFrame; i < endFrame; i++) sum += probabilities[i]!;
      raw.push({ startFrame, endFrame, sum });
    }
    startFrame = -1;
    releaseFrame = -1;
  };
  for (let i = 0; i < probabilities.length; i++) {
    const probability = probabilities[i]!;
    if (startFrame < 0) {
      if (probability >= params.threshold) startFrame = i;
      continue;
    }
    if (probability >= params.threshold) releaseFrame = -1;
    else if (probability < params.releaseThreshold && releaseFrame < 0) releaseFrame = i;
    if (releaseFrame >= 0 && i + 1 - releaseFrame >= minSilenceFrames) close(releaseFrame);
  }
  if (startFrame >= 0) close(releaseFrame >= 0 ? releaseFrame : probabilities.length);

  const segments: SpeechSegment[] = [];
  for (const { startFrame: first, endFrame: end, sum } of raw) {
    const start = microseconds(Math.max(0, first * frameSeconds - params.paddingSeconds));
    const stop = microseconds(Math.min(durationSeconds, end * frameSeconds + params.paddingSeconds));
    const confidence = sum / (end - first);
    const last = segments.at(-1);
    if (last && start <= last.end) {
      // Merged segments weigh each part's confidence by its length.
      const lastLength = last.end - last.start;
      const length = stop - start;
      last.confidence = (last.confidence * lastLength + confidence * length) / (lastLength + length);
      last.end = Math.max(last.end, stop);
    } else {
      segments.push({ start, end: stop, confidence });
    }
  }
  return segments;
}

/** Times to the microsecond, so 0.032 · 89 prints as 2.848, not 2.8480000000000003. */
function microseconds(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
