import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/errors';
import { PROJECT_SCHEMA_VERSION } from '../../../shared/project/document';
import type { CallResult } from '../../../shared/wire';
import { createApiClient } from './client';
import { Listeners } from './listeners';
import type { Transport, WireEvent } from './transport';

function fakeTransport(answer: (method: string, params: unknown) => CallResult) {
  const events = new Listeners<[WireEvent]>();
  const calls: { method: string; params: unknown }[] = [];
  const transport: Transport = {
    kind: 'websocket',
    status: { state: 'connected' },
    call: async (method, params) => {
      calls.push({ method, params });
      return answer(method, params);
    },
    onEvent: (listener) => events.add(listener),
    onStatus: () => () => undefined,
    onShellCommand: () => () => undefined,
    retryNow: () => undefined,
    dispose: () => undefined,
  };
  return { transport, events, calls };
}

const document = {
  schemaVersion: PROJECT_SCHEMA_VERSION,
  id: 'p1',
  name: 'Holiday',
  createdAt: '2025-01-01T00:00:00.000Z',
  modifiedAt: '2025-01-01T00:00:00.000Z',
  settings: { frameRate: { num: 30, den: 1 }, frameSize: { width: 1920, height: 1080 }, sampleRate: 48000 },
  sequences: [],
};
const state = {
  path: '/p/Holiday.reelsmith',
  document,
  assetCount: 0,
  history: { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null },
  save: { dirty: false, saving: false, lastSavedAt: null, error: null },
};

describe('createApiClient', () => {
  it('sends the method and its params and returns the parsed output', async () => {
    const { transport, calls } = fakeTransport(() => ({ ok: true, value: state }));
    const api = createApiClient(transport);
    await expect(api.call('project.rename', { name: 'Holiday' })).resolves.toEqual(state);
    await api.call('project.save');
    expect(calls).toEqual([
      { method: 'project.rename', params: { name: 'Holiday' } },
      { method: 'project.save', params: undefined },
    ]);
  });

  it('turns a refusal into an ApiError that keeps the code and details for the UI', async () => {
    const backups = [{ id: 'b1', savedAt: '2025-01-01T00:00:00.000Z', bytes: 10, valid: true }];
    const { transport } = fakeTransport(() => ({
      ok: false,
      error: { code: 'PROJECT_DAMAGED', message: 'project.json is damaged', details: { backups } },
    }));
    const error = await createApiClient(transport)
      .call('project.open', { path: '/p' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'PROJECT_DAMAGED', message: 'project.json is damaged', details: { backups } });
  });

  it('refuses output that does not match the contract instead of showing half of it', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, value: { path: 42 } }));
    await expect(createApiClient(transport).call('project.current')).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('delivers each event only to handlers of that event, and drops malformed payloads', () => {
    const { transport, events } = fakeTransport(() => ({ ok: true, value: null }));
    const api = createApiClient(transport);
    const changed = vi.fn();
    const recent = vi.fn();
    const stop = api.on('project.changed', changed);
    api.on('recent.changed', recent);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    events.emit({ event: 'project.changed', payload: { state } });
    events.emit({ event: 'project.changed', payload: { state: 'broken' } });
    events.emit({ event: 'recent.changed', payload: { recent: [] } });
    events.emit({ event: 'job.progress', payload: {} });
    stop();
    events.emit({ event: 'project.changed', payload: { state: null } });

    expect(changed.mock.calls).toEqual([[{ state }]]);
    expect(recent.mock.calls).toEqual([[{ recent: [] }]]);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
