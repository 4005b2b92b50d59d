import os from 'node:os';
import { defaultConfigDir } from '../../config/paths';
import { forkHostLauncher } from '../../inference/host-entry';
import { InferenceService } from '../../inference/inference-service';
import { bundledModelsDir } from '../../inference/model-folders';
import type { AudioFrameClassifierModel } from '../../inference/models/silero-vad';
import { VOICE_MODEL_ID } from '../engine-analyzers';

/**
 * An inference service of its own, with its host process, for work outside a running engine (the CLI, benchmarks):
 * the host starts on the first model call and stops with `dispose()`.
 */
export function standaloneInference(configDir = defaultConfigDir()): InferenceService {
  return new InferenceService({
    configDir,
    bundledModelsDir: bundledModelsDir(),
    launch: forkHostLauncher(),
    availableParallelism: os.availableParallelism(),
    onStatus: () => undefined,
  });
}

/**
 * A standalone inference service that starts loading the voice detector at once, so the host processes start while
 * the caller probes and decodes. Pass `inference.spread` to analyzeSpeech: its batches run on one host per core but one.
 */
export function startVoiceDetection(configDir = defaultConfigDir()): InferenceService {
  const inference = standaloneInference(configDir);
  // A failure to load shows on the first real run, where the caller reports it.
  inference.spread.prepare(VOICE_MODEL_ID).catch(() => undefined);
  return inference;
}

/** The voice detector's manifest entry (tensor names, frame and context sizes), once the service found it usable. */
export async function vadModel(inference: InferenceService): Promise<AudioFrameClassifierModel> {
  const entry = await inference.model(VOICE_MODEL_ID);
  if (entry.task !== 'audio-frame-classifier') throw new Error(`${entry.name} is not a voice detector.`);
  return entry;
}
