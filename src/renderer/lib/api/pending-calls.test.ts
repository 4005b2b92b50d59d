import { describe, expect, it } from 'vitest';
import { PendingCalls } from './pending-calls';

describe('PendingCalls', () => {
  it('gives each call its own id and hands every result to the call with that id', async () => {
    const calls = new PendingCalls();
    const a = calls.start('project.save');
    const b = calls.start('project.undo');
    expect(a.id).not.toBe(b.id);

    expect(calls.settle(b.id, { ok: true, value: 'b' })).toBe(true);
    expect(calls.settle(a.id, { ok: true, value: 'a' })).toBe(true);
    await expect(a.result).resolves.toEqual({ ok: true, value: 'a' });
    await expect(b.result).resolves.toEqual({ ok: true, value: 'b' });
    expect(calls.size).toBe(0);
  });

  it('ignores results nobody is waiting for', () => {
    const calls = new PendingCalls();
    const a = calls.start('app.info');
    expect(calls.settle(a.id + 1, { ok: true, value: null })).toBe(false);
    expect(calls.settle(null, { ok: true, value: null })).toBe(false);
    expect(calls.settle(a.id, { ok: true, value: null })).toBe(true);
    expect(calls.settle(a.id, { ok: true, value: null })).toBe(false);
  });

  it('fails every waiting call, naming its method, when the connection drops', async () => {
    const calls = new PendingCalls();
    const a = calls.start('project.save');
    const b = calls.start('project.close');
    calls.failAll((method) => new Error(`lost ${method}`));
    await expect(a.result).rejects.toThrow('lost project.save');
    await expect(b.result).rejects.toThrow('lost project.close');
    expect(calls.size).toBe(0);
  });
});
