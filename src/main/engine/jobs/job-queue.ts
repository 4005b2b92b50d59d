import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../shared/errors';
import { isFinished, type Job, type JobError, type JobResource } from '../../../shared/jobs';
import { partialPathFor, scratchPathFor, type PartialFiles } from './partial-files';

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  report(update: { stage?: string; progress?: number | null; eta?: number | null }): void;
  /**
   * A temporary path beside `finalPath` to write to. It is moved onto `finalPath` when the job succeeds and
   * deleted when it fails or is cancelled, so no half-written file is ever left where the user looks.
   */
  output(finalPath: string): Promise<string>;
  /**
   * An empty folder beside `finalPath` for the job's intermediate files (pieces as large as the output itself). It is
   * deleted when the job ends, however it ends, and at the next start if the process died.
   */
  scratch(finalPath: string): Promise<string>;
}

export interface JobSpec {
  kind: string;
  title: string;
  resource?: JobResource;
  /** Higher runs first; equal priorities run in submission order. */
  priority?: number;
  /** Forgotten as soon as it succeeds (background work the user need not review). */
  transient?: boolean;
  /** Resolves with a short summary of the result. Throw JobFailure for a failure with details. */
  run(ctx: JobContext): Promise<string | null>;
}

/** A failure with the details the jobs view discloses (command line, stderr tail). */
export class JobFailure extends Error {
  constructor(readonly detail: JobError) {
    super(detail.message);
  }
}

export class JobCancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

export interface JobQueueOptions {
  slots: Record<JobResource, number>;
  partials: PartialFiles;
  onChange?: (job: Job) => void;
  /** Progress events per job are sent at most this often; state changes always go out at once. */
  progressIntervalMs?: number;
  now?: () => Date;
}

interface Entry {
  job: Job;
  spec: JobSpec;
  controller: AbortController;
  outputs: Map<string, string>;
  settled: Promise<Job>;
  settle: (job: Job) => void;
  lastEmit: number;
  pendingEmit: NodeJS.Timeout | undefined;
}

export class JobQueue {
  private readonly entries = new Map<string, Entry>();
  private readonly running: Record<JobResource, number> = { cpu: 0, inference: 0 };
  private readonly now: () => Date;

  constructor(private readonly options: JobQueueOptions) {
    this.now = options.now ?? (() => new Date());
  }

  submit(spec: JobSpec): Job {
    const job: Job = {
      id: randomUUID(),
      kind: spec.kind,
      title: spec.title,
      resource: spec.resource ?? 'cpu',
      priority: spec.priority ?? 0,
      state: 'queued',
      stage: null,
      progress: null,
      eta: null,
      createdAt: this.now().toISOString(),
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
      retriedAs: null,
      transient: spec.transient ?? false,
    };
    let settle!: (job: Job) => void;
    const settled = new Promise<Job>((resolve) => (settle = resolve));
    this.entries.set(job.id, {
      job,
      spec,
      controller: new AbortController(),
      outputs: new Map(),
      settled,
      settle,
      lastEmit: 0,
      pendingEmit: undefined,
    });
    this.emit(job.id, true);
    this.schedule();
    return { ...job };
  }

  list(): Job[] {
    return [...this.entries.values()].map((e) => ({ ...e.job }));
  }

  get(id: string): Job {
    return { ...this.entry(id).job };
  }

  /** Resolves when the job has succeeded, failed or been cancelled. */
  whenSettled(id: string): Promise<Job> {
    return this.entry(id).settled;
  }

  cancel(id: string): Job {
    const entry = this.entry(id);
    if (entry.job.state === 'queued') {
      this.finish(entry, 'cancelled', null, null);
    } else if (entry.job.state === 'running') {
      entry.job.stage = 'Cancelling';
      this.emit(id, true);
      entry.controller.abort();
    }
    return { ...entry.job };
  }

  retry(id: string): Job {
    const entry = this.entry(id);
    if (entry.job.state !== 'failed' && entry.job.state !== 'cancelled') {
      throw new ApiError('INVALID_PARAMS', `Only failed or cancelled jobs can be retried; this one is ${entry.job.state}.`);
    }
    const again = this.submit(entry.spec);
    entry.job.retriedAs = again.id;
    this.emit(id, true);
    return again;
  }

  /** Forgets finished jobs (their records live on in the project's history). */
  clearFinished(): void {
    for (const [id, entry] of this.entries) if (isFinished(entry.job.state)) this.entries.delete(id);
  }

  /** Cancels everything and waits until no job is running. */
  async shutdown(): Promise<void> {
    const all = [...this.entries.values()];
    for (const entry of all) if (!isFinished(entry.job.state)) this.cancel(entry.job.id);
    await Promise.all(all.map((e) => e.settled));
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new ApiError('NOT_FOUND', `There is no job with id ${id}.`);
    return entry;
  }

  private schedule(): void {
    for (const resource of ['cpu', 'inference'] as const) {
      while (this.running[resource] < this.options.slots[resource]) {
        const next = [...this.entries.values()]
          .filter((e) => e.job.state === 'queued' && e.job.resource === resource)
          .sort((a, b) => b.job.priority - a.job.priority || a.job.createdAt.localeCompare(b.job.createdAt))[0];
        if (!next) break;
        this.start(next);
      }
    }
  }

  private start(entry: Entry): void {
    const { job } = entry;
    this.running[job.resource] += 1;
    job.state = 'running';
    job.startedAt = this.now().toISOString();
    job.progress = 0;
    this.emit(job.id, true);
    const context: JobContext = {
      jobId: job.id,
      signal: entry.controller.signal,
      report: (update) => {
        if (job.state !== 'running') return;
        const stageChanged = update.stage !== undefined && update.stage !== job.stage;
        if (update.stage !== undefined) job.stage = update.stage;
        if (update.progress !== undefined) {
          job.progress = update.progress === null ? null : Math.max(job.progress ?? 0, Math.min(1, update.progress));
        }
        if (update.eta !== undefined) job.eta = update.eta === null ? null : Math.max(0, update.eta);
        this.emit(job.id, stageChanged);
      },
      output: async (finalPath) => {
        const partial = partialPathFor(finalPath, job.id);
        entry.outputs.set(partial, finalPath);
        await this.options.partials.register(job.id, partial);
        return partial;
      },
      scratch: async (finalPath) => {
        const folder = scratchPathFor(finalPath, job.id);
        await this.options.partials.register(job.id, folder);
        await fs.mkdir(folder);
        return folder;
      },
    };
    void this.execute(entry, context);
  }

  private async execute(entry: Entry, context: JobContext): Promise<void> {
    try {
      const summary = await entry.spec.run(context);
      if (entry.controller.signal.aborted) throw new JobCancelled();
      for (const [partial, finalPath] of entry.outputs) await fs.rename(partial, finalPath);
      await this.options.partials.discard(entry.job.id);
      this.finish(entry, 'succeeded', null, summary);
    } catch (error) {
      await this.options.partials.discard(entry.job.id).catch(() => undefined);
      if (entry.controller.signal.aborted || error instanceof JobCancelled) {
        this.finish(entry, 'cancelled', null, null);
      } else {
        const detail: JobError =
          error instanceof JobFailure ? error.detail : { message: error instanceof Error ? error.message : String(error) };
        this.finish(entry, 'failed', detail, null);
      }
    } finally {
      this.running[entry.job.resource] -= 1;
      this.schedule();
    }
  }

  private finish(entry: Entry, state: 'succeeded' | 'failed' | 'cancelled', error: JobError | null, result: string | null) {
    const { job } = entry;
    job.state = state;
    job.stage = null;
    job.eta = state === 'succeeded' ? 0 : null;
    if (state === 'succeeded') job.progress = 1;
    job.error = error;
    job.result = result;
    job.finishedAt = this.now().toISOString();
    this.emit(job.id, true);
    entry.settle({ ...job });
    if (state === 'succeeded' && job.transient) this.entries.delete(job.id);
  }

  private emit(id: string, immediate: boolean): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    const interval = this.options.progressIntervalMs ?? 100;
    const send = () => {
      entry.pendingEmit = undefined;
      entry.lastEmit = Date.now();
      this.options.onChange?.({ ...entry.job });
    };
    if (immediate || Date.now() - entry.lastEmit >= interval) {
      clearTimeout(entry.pendingEmit);
      send();
    } else if (!entry.pendingEmit) {
      entry.pendingEmit = setTimeout(send, interval - (Date.now() - entry.lastEmit));
    }
  }
}

/** ffmpeg CPU slots: ffmpeg threads itself, so a few concurrent processes already fill a machine. */
export function defaultCpuSlots(cores: number): number {
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}
