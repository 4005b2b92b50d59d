import type { ProviderName } from './execution-providers';
import type { InferenceClient, RunResult } from './host-client';
import type { FeedMap, ModelRunner, TensorMap } from './tensor';

/**
 * Independent runs of a small model spread over several inference hosts of one thread each. A small model such as
 * Silero VAD gains little from more threads inside one run (its batches take a millisecond or two), but the many
 * batches of a long recording are independent, so several processes run them side by side (the service gives one
 * per core but one: decoding needs a core). Measured on 2 cores (a 30-minute talk): two hosts 2.8 s against 3.2 s
 * for one while a frame cost 33 us; since the model was rewritten (10 us a frame, scripts/models/silero-sequence.py)
 * one host keeps up with decoding there.
 *
 * A host is added only when every host is busy with a run, up to `maxHosts`, and not at all once a host opened its
 * session on an accelerator (one GPU session serves better than several). A host idle for `idleMs` stops, so the
 * processes do not outlive the work that needed them.
 */

/** What the pool needs of a host's client. */
export type PooledClient = Pick<InferenceClient, 'runWithDetails' | 'load' | 'closeSessions' | 'close'>;

export interface HostPoolOptions {
  /** A client for one more host process, its sessions on one intra-op thread. */
  makeClient: () => PooledClient;
  maxHosts: number;
  idleMs: number;
}

interface PooledHost {
  client: PooledClient;
  running: number;
  idleTimer: NodeJS.Timeout | null;
}

export class HostPool implements ModelRunner {
  private hosts: PooledHost[] = [];
  private accelerated = false;
  private disposed = false;

  constructor(private readonly options: HostPoolOptions) {}

  /** How many runs can go on at once: callers keep that many in flight to use the hosts. */
  get parallelism(): number {
    return this.accelerated ? 1 : Math.max(1, this.options.maxHosts);
  }

  /** Hosts started and not yet stopped. */
  get size(): number {
    return this.hosts.length;
  }

  async run(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<TensorMap> {
    return (await this.runWithDetails(modelId, feeds, signal)).outputs;
  }

  async runWithDetails(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<RunResult> {
    return this.busy(this.pick(), async (client) => {
      const result = await client.runWithDetails(modelId, feeds, signal);
      this.ranOn(result.provider);
      return result;
    });
  }

  /**
   * Starts a host and opens the model's session in it, so the first run does not wait for either: work that knows it
   * will need the model calls this before its own slow start (probing, decoding). Returns the provider chosen.
   */
  async prepare(modelId: string): Promise<ProviderName> {
    return this.busy(this.hosts[0] ?? this.add(), async (client) => {
      const { provider } = await client.load(modelId);
      this.ranOn(provider);
      return provider;
    });
  }

  /** Closes every host's sessions (the settings changed); the next runs choose their provider again. */
  async closeSessions(): Promise<void> {
    this.accelerated = false;
    await Promise.all(this.hosts.map((host) => host.client.closeSessions()));
  }

  dispose(): void {
    this.disposed = true;
    for (const host of this.hosts.splice(0)) this.stop(host);
  }

  /** The least busy host, or a new one when all are busy and the pool may grow. */
  private pick(): PooledHost {
    if (this.disposed) throw new Error('The AI engine was shut down.');
    let best: PooledHost | undefined;
    for (const host of this.hosts) if (!best || host.running < best.running) best = host;
    if (best && (best.running === 0 || this.accelerated || this.hosts.length >= this.options.maxHosts)) return best;
    return this.add();
  }

  private add(): PooledHost {
    const host: PooledHost = { client: this.options.makeClient(), running: 0, idleTimer: null };
    this.hosts.push(host);
    return host;
  }

  /** `work` on a host, counted as running on it meanwhile, so the host neither stops nor looks free to others. */
  private async busy<T>(host: PooledHost, work: (client: PooledClient) => Promise<T>): Promise<T> {
    host.running += 1;
    if (host.idleTimer) clearTimeout(host.idleTimer);
    host.idleTimer = null;
    try {
      return await work(host.client);
    } finally {
      host.running -= 1;
      if (host.running === 0) this.stopWhenIdle(host);
    }
  }

  private ranOn(provider: ProviderName): void {
    if (provider !== 'cpu') this.accelerated = true;
  }

  private stopWhenIdle(host: PooledHost): void {
    if (host.idleTimer) clearTimeout(host.idleTimer);
    host.idleTimer = setTimeout(() => {
      if (host.running > 0) return;
      this.hosts = this.hosts.filter((h) => h !== host);
      this.stop(host);
    }, this.options.idleMs);
    host.idleTimer.unref();
  }

  private stop(host: PooledHost): void {
    if (host.idleTimer) clearTimeout(host.idleTimer);
    host.idleTimer = null;
    host.client.close();
  }
}
