import { NoProviderWorked, openWithFallback, providerPlan, type ProviderAttempt, type ProviderName } from './execution-providers';
import type { OrtRuntime, OrtSession, RuntimeLoad } from './ort-runtime';
import {
  HostRequestSchema,
  requestIdOf,
  type HostErrorCode,
  type HostReply,
  type HostRequest,
  type SessionReport,
  type SessionSettings,
} from './protocol';
import { resolveFeeds } from './framed-file-feed';
import type { TensorMap } from './tensor';

/**
 * What the inference host process does with each message: one session per model, opened with the first execution
 * provider that works; runs queued per session, one at a time. The process entry (host-main.ts) only wires this to
 * its message channel, so tests drive it in-process too.
 */

/** Runs waiting per model beyond the running one; more is a caller that outpaces the model, answered with `busy`. */
export const MAX_QUEUED_RUNS = 16;

export interface HostServiceOptions {
  runtime: Promise<RuntimeLoad>;
  platform: NodeJS.Platform;
  /** Null when CUDA's libraries are installed; asked once, when the first session opens. */
  cudaMissing: (runtime: OrtRuntime) => Promise<string | null>;
  /** Null when the machine has a GPU device (Linux); asked once, when the first session opens. */
  gpuMissing: () => string | null;
  send: (reply: HostReply) => void;
  pid: number;
}

type RunRequest = Extract<HostRequest, { kind: 'run' }>;

interface ModelSession {
  file: string;
  /** Settings the session was opened with; a change (forcing the CPU) opens it again. */
  settingsKey: string;
  opened: Promise<{ session: OrtSession; report: SessionReport }>;
  queue: RunRequest[];
  running: RunRequest | null;
  /** Settles when the running request does; a session is released only after it. */
  runDone: Promise<void>;
}

export class HostService {
  private readonly sessions = new Map<string, ModelSession>();
  private readonly cancelled = new Set<number>();
  private cudaMissing: Promise<string | null> | null = null;
  private gpuMissing: string | null | undefined;
  /**
   * Providers that failed to open a session here. GPU providers place the nodes they cannot run on the CPU, so a
   * failure to open is about the device (no adapter, a missing driver), and trying again for each model only costs time.
   */
  private readonly failedProviders = new Map<ProviderName, string>();

  constructor(private readonly options: HostServiceOptions) {}

  /** Entry for every message from the engine; anything that does not parse is refused, not acted on. */
  receive(message: unknown): void {
    const parsed = HostRequestSchema.safeParse(message);
    if (!parsed.success) {
      const id = requestIdOf(message);
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || 'message'}: ${i.message}`).join('; ');
      if (id !== null) this.fail(id, 'invalid-request', `The inference host refused a malformed request (${detail}).`);
      return;
    }
    const request = parsed.data;
    switch (request.kind) {
      case 'load':
        void this.open(request.model.id, request.model.file, request.settings).then(
          ({ report }) => this.options.send({ kind: 'loaded', id: request.id, session: report }),
          (error: unknown) => this.failWith(request.id, error),
        );
        return;
      case 'run':
        this.enqueue(request);
        return;
      case 'cancel':
        this.cancel(request.target);
        return;
      case 'dispose':
        void this.dispose(request.modelId).then(() => this.options.send({ kind: 'disposed', id: request.id }));
        return;
      case 'describe':
        void this.describe().then((runtime) => this.options.send({ kind: 'described', id: request.id, runtime }));
        return;
    }
  }

  private async describe() {
    const load = await this.options.runtime;
    const sessions: SessionReport[] = [];
    for (const model of this.sessions.values()) {
      const opened = await model.opened.catch(() => null);
      if (opened) sessions.push(opened.report);
    }
    return load.ok
      ? { available: true, message: null, pid: this.options.pid, ortVersion: load.runtime.version, backends: load.runtime.backends, sessions }
      : { available: false, message: load.message, pid: this.options.pid, ortVersion: null, backends: [], sessions };
  }

  private open(modelId: string, file: string, settings: SessionSettings): ModelSession['opened'] {
    const settingsKey = JSON.stringify(settings);
    const existing = this.sessions.get(modelId);
    if (existing && existing.file === file && existing.settingsKey === settingsKey) return existing.opened;
    // Requests waiting for the old session run on the new one.
    const carried = existing?.queue.splice(0) ?? [];
    if (existing) void this.close(modelId, existing);
    const model: ModelSession = {
      file,
      settingsKey,
      opened: this.openSession(modelId, file, settings),
      queue: carried,
      running: null,
      runDone: Promise.resolve(),
    };
    this.sessions.set(modelId, model);
    // A session that failed to open is forgotten, so the next request tries again.
    model.opened.catch(() => {
      if (this.sessions.get(modelId) === model) this.sessions.delete(modelId);
    });
    if (carried.length > 0) void this.pump(modelId);
    return model.opened;
  }

  private async openSession(modelId: string, file: string, settings: SessionSettings) {
    const load = await this.options.runtime;
    if (!load.ok) throw new HostFailure('unavailable', load.message);
    const { runtime } = load;
    if (this.gpuMissing === undefined) this.gpuMissing = this.options.platform === 'linux' ? this.options.gpuMissing() : null;
    // Without a GPU the CUDA libraries do not matter: their check (an ldconfig run) is skipped.
    this.cudaMissing ??= this.options.platform === 'linux' && this.gpuMissing === null ? this.options.cudaMissing(runtime) : Promise.resolve(null);
    const plan = providerPlan({ platform: this.options.platform, forceCpu: settings.forceCpu, cudaMissing: await this.cudaMissing, gpuMissing: this.gpuMissing });
    const supported = new Set(runtime.backends.map((b) => b.name));
    // A provider this build of onnxruntime lacks is recorded as skipped rather than tried.
    const candidates = plan.map((c) => {
      if (c.skipReason !== null || c.provider === 'cpu') return c;
      if (!supported.has(c.provider)) return { ...c, skipReason: `This onnxruntime-node build has no ${c.provider} provider.` };
      const failed = this.failedProviders.get(c.provider);
      return failed === undefined ? c : { ...c, skipReason: `It failed earlier on this machine: ${failed}` };
    });
    try {
      const { session, provider, attempts } = await openWithFallback(candidates, (p) => runtime.open(file, p, settings));
      for (const attempt of attempts) {
        if (attempt.outcome === 'failed' && attempt.reason !== null) this.failedProviders.set(attempt.provider, attempt.reason);
      }
      return { session, report: sessionReport(modelId, session, provider, attempts) };
    } catch (error) {
      if (error instanceof NoProviderWorked) throw new HostFailure('load-failed', `${modelId}: ${error.message}`);
      throw error;
    }
  }

  private enqueue(request: RunRequest): void {
    const existing = this.sessions.get(request.model.id);
    if (existing && existing.queue.length >= MAX_QUEUED_RUNS) {
      this.fail(request.id, 'busy', `${request.model.id} already has ${MAX_QUEUED_RUNS} runs waiting; try again when they are done.`);
      return;
    }
    void this.open(request.model.id, request.model.file, request.settings).catch(() => undefined);
    // open() has just registered the session, whether or not it will manage to open.
    this.sessions.get(request.model.id)?.queue.push(request);
    void this.pump(request.model.id);
  }

  /** Starts the next queued run of a model unless one is running. */
  private async pump(modelId: string): Promise<void> {
    const model = this.sessions.get(modelId);
    if (!model || model.running) return;
    let opened;
    try {
      opened = await model.opened;
    } catch (error) {
      for (const request of model.queue.splice(0)) this.failWith(request.id, error);
      return;
    }
    if (model.running || this.sessions.get(modelId) !== model) return;
    const request = model.queue.shift();
    if (!request) return;
    model.running = request;
    let finished = () => {};
    model.runDone = new Promise((resolve) => (finished = resolve));
    try {
      const started = performance.now();
      const outputs: TensorMap = await opened.session.run(resolveFeeds(request.feeds));
      const runMs = Math.round((performance.now() - started) * 10) / 10;
      if (this.cancelled.delete(request.id)) this.fail(request.id, 'cancelled', 'Cancelled.');
      else this.options.send({ kind: 'ran', id: request.id, outputs, provider: opened.report.provider, runMs });
    } catch (error) {
      this.cancelled.delete(request.id);
      this.fail(request.id, 'run-failed', `${modelId} could not run: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    } finally {
      model.running = null;
      finished();
    }
    // run() blocks this process; yielding before the next one lets cancel messages that arrived meanwhile land first.
    setImmediate(() => void this.pump(modelId));
  }

  private cancel(target: number): void {
    for (const model of this.sessions.values()) {
      const index = model.queue.findIndex((r) => r.id === target);
      if (index >= 0) {
        model.queue.splice(index, 1);
        this.fail(target, 'cancelled', 'Cancelled.');
        return;
      }
      if (model.running?.id === target) {
        this.cancelled.add(target);
        return;
      }
    }
  }

  private async dispose(modelId: string | null): Promise<void> {
    const targets = modelId === null ? [...this.sessions.entries()] : [...this.sessions.entries()].filter(([id]) => id === modelId);
    await Promise.all(targets.map(([id, model]) => this.close(id, model)));
  }

  private async close(modelId: string, model: ModelSession): Promise<void> {
    if (this.sessions.get(modelId) === model) this.sessions.delete(modelId);
    for (const request of model.queue.splice(0)) this.fail(request.id, 'cancelled', `${modelId} was closed.`);
    const opened = await model.opened.catch(() => null);
    await model.runDone;
    await opened?.session.release().catch(() => undefined);
  }

  private failWith(id: number, error: unknown): void {
    if (error instanceof HostFailure) this.fail(id, error.code, error.message);
    else this.fail(id, 'load-failed', error instanceof Error ? error.message.split('\n')[0]! : String(error));
  }

  private fail(id: number, code: HostErrorCode, message: string): void {
    this.options.send({ kind: 'failed', id, code, message });
  }
}

class HostFailure extends Error {
  constructor(
    readonly code: HostErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sessionReport(modelId: string, session: OrtSession, provider: ProviderName, attempts: ProviderAttempt[]): SessionReport {
  return { modelId, provider, attempts, inputs: session.inputs, outputs: session.outputs };
}
