import { describe, expect, it } from 'vitest';
import type { InferenceStatus } from '../../../shared/models/local-ai';
import { aiStatusLabel } from './ai-label';

const base: InferenceStatus = { available: true, message: null, forceCpu: false, inUse: 'cuda', attempts: [], intraOpThreads: 7, ortVersion: '1.30.0' };

describe('aiStatusLabel', () => {
  it('names the provider in use', () => {
    expect(aiStatusLabel(base)).toEqual({ text: 'AI: CUDA', tone: 'ok' });
    expect(aiStatusLabel({ ...base, inUse: 'dml' }).text).toBe('AI: DirectML');
    expect(aiStatusLabel({ ...base, inUse: 'cpu' }).text).toBe('AI: CPU');
  });

  it('says when local AI is unavailable or not known yet', () => {
    expect(aiStatusLabel({ ...base, available: false, inUse: null })).toEqual({ text: 'AI: unavailable', tone: 'error' });
    expect(aiStatusLabel(null)).toEqual({ text: 'AI: checking…', tone: 'busy' });
    expect(aiStatusLabel({ ...base, inUse: null })).toEqual({ text: 'AI: not started', tone: 'idle' });
  });
});
