import type { ProviderName } from './execution-providers';
import {
  HostReplySchema,
  requestIdOf,
  type HostErrorCode,
  type HostReply,
  type HostRequest,
  type RuntimeReport,
  type SessionReport,
  type SessionSettings,
} from './protocol';
import type { FeedMap, ModelRunner, TensorMap } from './tensor';

/**
 * The engine's side of the inference host: starts the host process on the first request, matches replies to
 * requests, cancels, and starts a new host after the old one died. Implements ModelRunner for model adapters.
 */

/** A started host process, whatever started it (child_process here, Electron's utilityProcess in the app). */
export interface HostProcess {
  send(request: HostRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once the process is gone, with how it ended. */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}
export type LaunchHost = () => HostProcess;

/** The host stopped while this request was in it. The next request starts a new host. */
export class HostStoppedError extends Error {
  constructor(how: string) {
    super(`The AI engine stopped unexpectedly (${how}). It starts again on the next request; try again.`);
    this.name = 'HostStoppedError';
  }
}

/** The host answered a request with an error. */
export class HostRequestError extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'HostRequestError';
  }
}

export class InferenceCancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'AbortError';
  }
}

export interface ModelRef {
  id: string;
  file: string;
}

export interface RunResult {
  outputs: TensorMap;
  /** The execution provider the model ran on, for the job record. */
  provider: ProviderName;
  runMs: number;
}

export interface InferenceClientOptions {
  launch: LaunchHost;
  /** The file of a usable model; throws when the model is missing, corrupt or unknown. */
  resolveModel: (modelId: string) => Promise<ModelRef> | ModelRef;
  settings: () => SessionSettings;
  /** Every session the host opened, with the provider it chose. */
  onSession?: (report: SessionReport) => void;
  /** Every run that finished, with the provider it ran on. */
  onRun?: (modelId: string, provider: ProviderName) => void;
}

type Success = Exclude<HostReply, { kind: 'failed' }>;

interface Pending {
  resolve: (reply: Success) => void;
  reject: (error: Error) => void;
}

type RequestBody = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export class InferenceClient implements ModelRunner {
  private host: HostProcess | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  /** Hosts started so far; more than one means a host died and was replaced. */
  starts = 0;

  constructor(private readonly options: InferenceClientOptions) {}

  async run(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<TensorMap> {
    return (await this.runWithDetails(modelId, feeds, signal)).outputs;
  }

  async runWithDetails(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<RunResult> {
    const model = await this.options.resolveModel(modelId);
    const reply = await this.request({ kind: 'run', model, settings: this.options.settings(), feeds }, signal);
    if (reply.kind !== 'ran') throw unexpected(reply);
    this.options.onRun?.(modelId, reply.provider);
    return { outputs: reply.outputs, provider: reply.provider, runMs: reply.runMs };
  }

  /** Opens a model's session (if not open) and tells which provider it uses. */
  async load(modelId: string): Promise<SessionReport> {
    const model = await this.options.resolveModel(modelId);
    const reply = await this.request({ kind: 'load', model, settings: this.options.settings() });
    if (reply.kind !== 'loaded') throw unexpected(reply);
    return reply.session;
  }

  async describe(): Promise<RuntimeReport> {
    const reply = await this.request({ kind: 'describe' });
    if (reply.kind !== 'described') throw unexpected(reply);
    return reply.runtime;
  }

  /** Closes sessions (all when modelId is null), e.g. after the settings changed; no host is started for it. */
  async closeSessions(modelId: string | null = null): Promise<void> {
    if (this.host) await this.request({ kind: 'dispose', modelId });
  }

  /** Stops the host; requests still waiting fail. */
  close(): void {
    this.closed = true;
    this.stopHost('The AI engine was shut down.');
  }

  private request(body: RequestBody, signal?: AbortSignal): Promise<Success> {
    if (this.closed) return Promise.reject(new Error('The AI engine was shut down.'));
    if (signal?.aborted) return Promise.reject(new InferenceCancelledError());
    const id = this.nextId++;
    const host = this.ensureHost();
    return new Promise<Success>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        // The host drops it if still queued; a running one finishes there and its result is thrown away.
        host.send({ kind: 'cancel', id: this.nextId++, target: id });
        reject(new InferenceCancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (reply) => (done(), resolve(reply)),
        reject: (error) => (done(), reject(error)),
      });
      host.send({ ...body, id } as HostRequest);
    });
  }

  private ensureHost(): HostProcess {
    if (this.host) return this.host;
    const host = this.options.launch();
    this.host = host;
    this.starts += 1;
    host.onMessage((message) => this.receive(message));
    let exited = false;
    host.onExit((how) => {
      if (exited) return;
      exited = true;
      if (this.host !== host) return;
      this.host = null;
      this.failAll(new HostStoppedError(how));
    });
    return host;
  }

  private receive(message: unknown): void {
    const parsed = HostReplySchema.safeParse(message);
    if (!parsed.success) {
      const id = requestIdOf(message);
      const pending = id === null ? undefined : this.pending.get(id);
      if (id !== null && pending) {
        this.pending.delete(id);
        pending.reject(new HostRequestError('invalid-request', 'The AI engine sent a reply Reelsmith cannot read.'));
      }
      return;
    }
    const reply = parsed.data;
    const pending = this.pending.get(reply.id);
    if (!pending) return; // cancelled meanwhile: the result is discarded
    this.pending.delete(reply.id);
    if (reply.kind === 'failed') {
      pending.reject(reply.code === 'cancelled' ? new InferenceCancelledError() : new HostRequestError(reply.code, reply.message));
      return;
    }
    if (reply.kind === 'loaded') this.options.onSession?.(reply.session);
    pending.resolve(reply);
  }

  private stopHost(reason: string): void {
    const host = this.host;
    this.host = null;
    host?.kill();
    this.failAll(new Error(reason));
  }

  private failAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) pending.reject(error);
  }
}

function unexpected(reply: Success): Error {
  return new HostRequestError('invalid-request', `The AI engine answered with ${reply.kind} where another answer was expected.`);
}
