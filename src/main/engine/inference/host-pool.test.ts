import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProviderName } from './execution-providers';
import type { RunResult } from './host-client';
import { HostPool, type PooledClient } from './host-pool';
import type { SessionReport } from './protocol';
import type { TensorMap } from './tensor';

/** A host whose runs finish when the test says, on the provider the test chose. */
class FakeHost implements PooledClient {
  readonly started: { modelId: string; finish: () => void }[] = [];
  closed = false;
  sessionsClosed = 0;

  constructor(private readonly provider: ProviderName) {}

  runWithDetails(modelId: string): Promise<RunResult> {
    return new Promise((resolve) => {
      this.started.push({ modelId, finish: () => resolve({ outputs: {}, provider: this.provider, runMs: 1 }) });
    });
  }

  async load(modelId: string): Promise<SessionReport> {
    return { modelId, provider: this.provider, attempts: [], inputs: [], outputs: [] };
  }

  async closeSessions(): Promise<void> {
    this.sessionsClosed += 1;
  }

  close(): void {
    this.closed = true;
  }
}

const FEEDS: TensorMap = {};

function pool(maxHosts: number, provider: ProviderName = 'cpu') {
  const hosts: FakeHost[] = [];
  const made = new HostPool({
    makeClient: () => {
      const host = new FakeHost(provider);
      hosts.push(host);
      return host;
    },
    maxHosts,
    idleMs: 1000,
  });
  return { pool: made, hosts };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HostPool', () => {
  it('adds a host only when every host is busy, up to the most allowed, then deals runs to the least busy', async () => {
    const { pool: spread, hosts } = pool(2);
    expect(spread.parallelism).toBe(2);
    const first = spread.run('vad', FEEDS);
    expect(hosts).toHaveLength(1);
    const second = spread.run('vad', FEEDS);
    expect(hosts).toHaveLength(2);
    const third = spread.run('vad', FEEDS);
    expect(hosts).toHaveLength(2);
    expect(hosts.map((h) => h.started.length)).toEqual([2, 1]);
    hosts[1]!.started[0]!.finish();
    await second;
    // Host 2 is free again: the next run goes there, not to a new host or the busy one.
    const fourth = spread.run('vad', FEEDS);
    expect(hosts.map((h) => h.started.length)).toEqual([2, 2]);
    for (const host of hosts) for (const run of host.started) run.finish();
    await Promise.all([first, third, fourth]);
    spread.dispose();
    expect(hosts.every((h) => h.closed)).toBe(true);
  });

  it('reuses a free host rather than starting another', async () => {
    const { pool: spread, hosts } = pool(4);
    for (let i = 0; i < 3; i++) {
      const running = spread.run('vad', FEEDS);
      hosts[0]!.started.at(-1)!.finish();
      await running;
    }
    expect(hosts).toHaveLength(1);
    spread.dispose();
  });

  it('stays at one host once a model runs on an accelerator', async () => {
    const { pool: spread, hosts } = pool(4, 'cuda');
    await expect(spread.prepare('vad')).resolves.toBe('cuda');
    expect(spread.parallelism).toBe(1);
    const runs = [spread.run('vad', FEEDS), spread.run('vad', FEEDS), spread.run('vad', FEEDS)];
    expect(hosts).toHaveLength(1);
    for (const run of hosts[0]!.started) run.finish();
    await Promise.all(runs);
    spread.dispose();
  });

  it('starts a host for prepare, which the first run then uses', async () => {
    const { pool: spread, hosts } = pool(4);
    await expect(spread.prepare('vad')).resolves.toBe('cpu');
    const running = spread.run('vad', FEEDS);
    expect(hosts).toHaveLength(1);
    hosts[0]!.started[0]!.finish();
    await running;
    spread.dispose();
  });

  it('stops a host left idle, and starts a fresh one for later work', async () => {
    vi.useFakeTimers();
    const { pool: spread, hosts } = pool(2);
    const first = spread.run('vad', FEEDS);
    const second = spread.run('vad', FEEDS);
    hosts[0]!.started[0]!.finish();
    await first;
    await vi.advanceTimersByTimeAsync(600);
    hosts[1]!.started[0]!.finish();
    await second;
    await vi.advanceTimersByTimeAsync(500);
    // The first host was idle for 1.1 s and stopped; the second for 0.5 s and still runs.
    expect(hosts.map((h) => h.closed)).toEqual([true, false]);
    expect(spread.size).toBe(1);
    await vi.advanceTimersByTimeAsync(600);
    expect(spread.size).toBe(0);
    const later = spread.run('vad', FEEDS);
    expect(hosts).toHaveLength(3);
    hosts[2]!.started[0]!.finish();
    await later;
    spread.dispose();
  });

  it('closes every host’s sessions when the settings change, and refuses work once disposed', async () => {
    const { pool: spread, hosts } = pool(2);
    const runs = [spread.run('vad', FEEDS), spread.run('vad', FEEDS)];
    for (const host of hosts) host.started[0]!.finish();
    await Promise.all(runs);
    await spread.closeSessions();
    expect(hosts.map((h) => h.sessionsClosed)).toEqual([1, 1]);
    spread.dispose();
    await expect(spread.run('vad', FEEDS)).rejects.toThrow(/shut down/);
  });
});
