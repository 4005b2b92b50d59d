import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { ModelEntry } from '../../../shared/models/manifest';
import type { DeviceReport, InferenceStatus, ModelListing, UserModelManifest, WarmUp } from '../../../shared/models/local-ai';
import { threadCounts } from './execution-providers';
import { HashCache } from './hash-cache';
import { InferenceClient, type InferenceClientOptions, type LaunchHost, type RunResult } from './host-client';
import { HostPool } from './host-pool';
import { importUserModel } from './model-import';
import { ModelRegistry, ModelUnavailableError } from './model-registry';
import { userModelsDir } from './model-folders';
import { probeGraph } from './onnx-graph';
import type { SessionReport } from './protocol';
import type { FeedMap, ModelRunner, TensorMap } from './tensor';
import { warmUpFeeds } from './warm-up-feeds';

/**
 * Local AI for the engine: the model registry, the inference host client, the force-CPU setting, and the status the
 * status bar and Settings show. The host process starts only when something needs it.
 */

const SettingsSchema = z.object({ forceCpu: z.boolean() });
const SETTINGS_FILE = 'inference-settings.json';
/** The built-in graph that finds the provider in use when no model has been opened yet. */
const PROBE_ID = 'reelsmith-probe';
/** Most host processes the spread runner starts, and how long one may sit idle before it stops. */
const MAX_SPREAD_HOSTS = 4;
const SPREAD_IDLE_MS = 30_000;

export interface InferenceServiceOptions {
  configDir: string;
  bundledModelsDir: string | null;
  launch: LaunchHost;
  availableParallelism: number;
  onStatus: (status: InferenceStatus) => void;
}

export class InferenceService implements ModelRunner {
  /**
   * For many independent runs of a small model (voice detection's batches): spread over single-thread host processes,
   * one per core but one, beside the main host that big models (upscalers, generators) use with all cores.
   */
  readonly spread: HostPool;
  private readonly registry: ModelRegistry;
  private readonly client: InferenceClient;
  private readonly intraOpThreads: number;
  private forceCpu: boolean | null = null;
  private readonly loadedSettings: Promise<void>;
  private status: InferenceStatus;
  private probed: Promise<InferenceStatus> | null = null;
  /** Files the host may open that are not registered models: the probe graph, a model being imported. */
  private readonly unregistered = new Map<string, string>();

  constructor(private readonly options: InferenceServiceOptions) {
    this.intraOpThreads = threadCounts(options.availableParallelism).intraOp;
    this.registry = new ModelRegistry({
      bundledDir: options.bundledModelsDir,
      userDir: userModelsDir(options.configDir),
      hashes: new HashCache(path.join(options.configDir, 'model-hashes.json')),
    });
    const clientOptions = (intraOpThreads: number): InferenceClientOptions => ({
      launch: options.launch,
      resolveModel: async (modelId) => {
        // The request carries the force-CPU setting, read from disk first.
        await this.loadedSettings;
        const file = this.unregistered.get(modelId) ?? (await this.registry.usable(modelId)).file;
        return { id: modelId, file };
      },
      settings: () => ({ forceCpu: this.forceCpu ?? false, intraOpThreads }),
      onSession: (report) => this.sessionOpened(report),
      onRun: (_modelId, provider) => {
        if (provider !== this.status.inUse) this.update({ inUse: provider, available: true });
      },
    });
    this.client = new InferenceClient(clientOptions(this.intraOpThreads));
    this.spread = new HostPool({
      makeClient: () => new InferenceClient(clientOptions(1)),
      // Every core but one, as for a model's threads: decoding the audio that feeds them needs a core too.
      maxHosts: Math.min(MAX_SPREAD_HOSTS, Math.max(1, options.availableParallelism - 1)),
      idleMs: SPREAD_IDLE_MS,
    });
    this.status = { available: null, message: null, forceCpu: false, inUse: null, attempts: [], intraOpThreads: this.intraOpThreads, ortVersion: null };
    this.loadedSettings = fs
      .readFile(path.join(options.configDir, SETTINGS_FILE), 'utf8')
      .then((text) => SettingsSchema.parse(JSON.parse(text)).forceCpu)
      .catch(() => false)
      .then((forceCpu) => {
        this.forceCpu ??= forceCpu;
        this.status = { ...this.status, forceCpu: this.forceCpu };
      });
  }

  async run(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<TensorMap> {
    return (await this.runWithDetails(modelId, feeds, signal)).outputs;
  }

  /** Runs a model and tells which provider it ran on, for the job that asked. */
  async runWithDetails(modelId: string, feeds: FeedMap, signal?: AbortSignal): Promise<RunResult> {
    return this.client.runWithDetails(modelId, feeds, signal);
  }

  /** A usable model's manifest entry; throws ModelUnavailableError saying why when it is missing or damaged. */
  async model(modelId: string): Promise<ModelEntry> {
    return (await this.registry.usable(modelId)).entry;
  }

  async listModels(refresh = false): Promise<ModelListing[]> {
    return (await this.registry.list(refresh)).map((m) => m.listing);
  }

  /** The status, asking the host once (it starts then) so the provider in use is known before any model ran. */
  async getStatus(): Promise<InferenceStatus> {
    this.probed ??= this.probe();
    return this.probed;
  }

  async setForceCpu(forceCpu: boolean): Promise<InferenceStatus> {
    await this.loadedSettings;
    this.forceCpu = forceCpu;
    await fs.mkdir(this.options.configDir, { recursive: true });
    await fs.writeFile(path.join(this.options.configDir, SETTINGS_FILE), `${JSON.stringify({ forceCpu })}\n`);
    // Open sessions keep their provider; closing them makes the next run choose again.
    await Promise.all([this.client.closeSessions(), this.spread.closeSessions()]).catch(() => undefined);
    this.update({ forceCpu, inUse: null, attempts: [] });
    this.probed = this.probe();
    return this.probed;
  }

  async importUser(source: string, manifest: UserModelManifest): Promise<ModelListing> {
    const known = await this.registry.list();
    const inspectId = `import-${manifest.id}`.slice(0, 64);
    const entry = await importUserModel({
      source,
      manifest,
      userDir: userModelsDir(this.options.configDir),
      takenIds: new Set(known.map((m) => m.listing.id)),
      inspect: async (file) => {
        this.unregistered.set(inspectId, file);
        try {
          return await this.client.load(inspectId);
        } finally {
          this.unregistered.delete(inspectId);
          await this.client.closeSessions(inspectId).catch(() => undefined);
        }
      },
    });
    const listed = (await this.registry.list(true)).find((m) => m.listing.id === entry.id);
    if (!listed) throw new ModelUnavailableError(`${entry.id} was imported but cannot be found again.`);
    return listed.listing;
  }

  /**
   * Opens every usable bundled model and runs it twice on zeros, timing both; without one, the built-in test graph.
   * What `reelsmith models device` prints.
   */
  async device(): Promise<DeviceReport> {
    await this.getStatus();
    const runtime = await this.client.describe();
    const usable = (await this.registry.list()).filter((m) => m.listing.status === 'ok' && m.listing.origin === 'bundled' && m.entry);
    const warmUps: WarmUp[] = [];
    if (runtime.available) {
      for (const model of usable) warmUps.push(await this.warmUp(model.listing.id, warmUpFeeds(model.entry!)));
      if (usable.length === 0) warmUps.push(await this.warmUp(PROBE_ID, probeFeeds()));
    }
    return { status: this.status, backends: runtime.backends, testGraph: runtime.available && usable.length === 0, warmUps };
  }

  /** Stops the host processes. */
  dispose(): void {
    this.client.close();
    this.spread.dispose();
  }

  private async warmUp(modelId: string, feeds: TensorMap): Promise<WarmUp> {
    const result: WarmUp = { modelId, provider: null, attempts: [], loadMs: null, firstRunMs: null, warmRunMs: null, error: null };
    try {
      // A session left open by earlier work would make the load time meaningless.
      await this.client.closeSessions(modelId);
      let started = performance.now();
      const session = await this.client.load(modelId);
      result.loadMs = elapsed(started);
      result.provider = session.provider;
      result.attempts = session.attempts;
      started = performance.now();
      await this.client.runWithDetails(modelId, feeds);
      result.firstRunMs = elapsed(started);
      started = performance.now();
      await this.client.runWithDetails(modelId, feeds);
      result.warmRunMs = elapsed(started);
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
    }
    return result;
  }

  private async probe(): Promise<InferenceStatus> {
    await this.loadedSettings;
    try {
      const runtime = await this.client.describe();
      if (!runtime.available) {
        this.update({ available: false, message: runtime.message, ortVersion: null });
        return this.status;
      }
      this.update({ available: true, message: null, ortVersion: runtime.ortVersion });
      this.unregistered.set(PROBE_ID, await this.probeFile());
      await this.client.load(PROBE_ID);
    } catch (error) {
      this.update({ available: false, message: `The AI engine could not be started: ${error instanceof Error ? error.message : String(error)}` });
      // Asked again next time: the cause (a host that crashed while starting) may be gone.
      this.probed = null;
    }
    return this.status;
  }

  /** The probe graph is written to the config folder once: the host opens models by path. */
  private async probeFile(): Promise<string> {
    const file = path.join(this.options.configDir, `${PROBE_ID}.onnx`);
    const bytes = probeGraph();
    const existing = await fs.readFile(file).catch(() => null);
    if (!existing?.equals(bytes)) {
      await fs.mkdir(this.options.configDir, { recursive: true });
      await fs.writeFile(file, bytes);
    }
    return file;
  }

  private sessionOpened(report: SessionReport): void {
    // Later sessions skip providers that already failed; the first record says best how the provider was chosen.
    const attempts = report.provider === this.status.inUse && this.status.attempts.length > 0 ? this.status.attempts : report.attempts;
    this.update({ available: true, message: null, inUse: report.provider, attempts });
  }

  private update(change: Partial<InferenceStatus>): void {
    const next = { ...this.status, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.status)) return;
    this.status = next;
    this.options.onStatus(next);
  }
}

function probeFeeds(): TensorMap {
  return { x: { type: 'float32', data: new Float32Array(1024), dims: [1024] } };
}

function elapsed(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}
