import { PROVIDER_LABELS, type InferenceStatus, type ModelStatus } from '../../../shared/models/local-ai';

/** What the status bar says about local AI, and the tone of its dot. */
export function aiStatusLabel(status: InferenceStatus | null): { text: string; tone: 'ok' | 'busy' | 'error' | 'idle' } {
  if (!status || status.available === null) return { text: 'AI: checking…', tone: 'busy' };
  if (!status.available) return { text: 'AI: unavailable', tone: 'error' };
  if (!status.inUse) return { text: 'AI: not started', tone: 'idle' };
  return { text: `AI: ${PROVIDER_LABELS[status.inUse]}`, tone: 'ok' };
}

export const MODEL_STATUS_LABELS: Record<ModelStatus, string> = {
  ok: 'Ready',
  missing: 'Missing',
  corrupt: 'Damaged',
  invalid: 'Invalid',
};
