import type { InferenceService } from '../inference/inference-service';
import type { ModelRunner } from '../inference/tensor';
import type { Analyzers } from './analysis-service';
import { analyzeLoudness } from './loudness/analyze-loudness';
import { detectScenes } from './scenes/detect-scenes';
import { analyzeSpeech } from './speech/analyze-speech';

/** The model voice detection runs: Silero VAD v5, bundled. */
export const VOICE_MODEL_ID = 'silero-vad-v5';

/** The real analyses: media streamed through ffmpeg, voice detection through the inference host. */
export function engineAnalyzers(inference: InferenceService): Analyzers {
  return {
    speech: async (file, request, context) => {
      const model = await inference.model(VOICE_MODEL_ID);
      if (model.task !== 'audio-frame-classifier') throw new Error(`${model.name} is not an audio frame classifier.`);
      let provider: string | null = null;
      // Every run says where it ran; the job records the last. The batches are independent: spread over hosts.
      const runner: ModelRunner = {
        parallelism: inference.spread.parallelism,
        run: async (modelId, feeds, signal) => {
          const result = await inference.spread.runWithDetails(modelId, feeds, signal);
          provider = result.provider;
          return result.outputs;
        },
      };
      const analysis = await analyzeSpeech(file, request.params, runner, {
        model,
        audioStream: request.audioStream,
        signal: context.signal,
        onProgress: context.onProgress,
      });
      return { analysis, provider };
    },
    scenes: (file, request, context) => detectScenes(file, request.params, { signal: context.signal, onProgress: context.onProgress }),
    loudness: (file, request, context) =>
      analyzeLoudness(file, { audioStream: request.audioStream, signal: context.signal, onProgress: context.onProgress }),
  };
}
