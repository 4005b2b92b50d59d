import { ApiError } from '../../../shared/errors';
import type { Job } from '../../../shared/jobs';
import type { ApiClient } from '../api';
import { isConnectionError } from '../api/connection-error';
import { countJobs, mergeFetched, upsertJob } from '../jobs/job-list';
import type { Notices } from './notices.svelte';

/**
 * The jobs the Jobs view shows: this session's live jobs plus the open project's history, newest first. Loaded with
 * `jobs.list` when connected, after a reconnect and when a project opens or closes; kept current by `job.changed`.
 */
export class JobsState {
  list = $state.raw<Job[]>([]);
  /** The same jobs by id, for the views that follow the jobs they started. */
  readonly byId = $derived(new Map(this.list.map((job) => [job.id, job])));
  loaded = $state(false);
  /** Jobs whose retry the engine refused with NOT_FOUND: they ran in an earlier session and cannot be run again. */
  unretryable = $state.raw<ReadonlySet<string>>(new Set());
  /** Ids with a cancel or retry request in flight, so their buttons do not fire twice. */
  busy = $state.raw<ReadonlySet<string>>(new Set());

  readonly counts = $derived(countJobs(this.list));
  /** Running plus queued: the number on the Jobs tab. */
  readonly active = $derived(this.counts.running + this.counts.queued);

  private loadSeq = 0;
  /** Events that arrived while a `jobs.list` was in flight: newer than what it returns. */
  private pendingEvents: Job[] | null = null;

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  start(): () => void {
    return this.api.on('job.changed', ({ job }) => {
      this.pendingEvents?.push(job);
      this.list = upsertJob(this.list, job);
    });
  }

  /** Fetches the whole list; an older request that answers late is ignored. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.pendingEvents = [];
    try {
      const fetched = await this.api.call('jobs.list');
      if (seq !== this.loadSeq) return;
      this.list = mergeFetched(fetched, this.pendingEvents ?? []);
      this.loaded = true;
    } catch (error) {
      if (seq === this.loadSeq && !isConnectionError(error)) this.notices.error(error);
    } finally {
      if (seq === this.loadSeq) this.pendingEvents = null;
    }
  }

  async cancel(id: string): Promise<void> {
    await this.act(id, async () => {
      this.list = upsertJob(this.list, await this.api.call('jobs.cancel', { id }));
    });
  }

  async retry(id: string): Promise<void> {
    await this.act(id, async () => {
      try {
        this.list = upsertJob(this.list, await this.api.call('jobs.retry', { id }));
      } catch (error) {
        if (error instanceof ApiError && error.code === 'NOT_FOUND') this.unretryable = new Set([...this.unretryable, id]);
        throw error;
      }
    });
  }

  async clearFinished(): Promise<void> {
    try {
      this.list = mergeFetched(await this.api.call('jobs.clearFinished'), []);
    } catch (error) {
      this.notices.error(error);
    }
  }

  private async act(id: string, run: () => Promise<void>): Promise<void> {
    if (this.busy.has(id)) return;
    this.busy = new Set([...this.busy, id]);
    try {
      await run();
    } catch (error) {
      this.notices.error(error);
    } finally {
      const next = new Set(this.busy);
      next.delete(id);
      this.busy = next;
    }
  }
}
