import type { DeadAirRequest } from '../../../shared/autoedit/requests';
import type { Job } from '../../../shared/jobs';
import type { ApiClient } from '../api';
import type { Notices } from './notices.svelte';

export type AutoEditKind = 'dead-air' | 'scenes';

/** An automatic edit started from the window: its job, and the sequence it makes when the job succeeds. */
export interface AutoEditRun {
  jobId: string;
  sequenceId: string;
  assetId: string;
  kind: AutoEditKind;
  /** Open the sequence in the timeline as soon as it exists (an edit started from the timeline's drop target). */
  openWhenDone: boolean;
}

/** Automatic edits started from the gallery or the timeline, newest last, so their progress and results show there. */
export class AutoEditsState {
  runs = $state.raw<AutoEditRun[]>([]);

  constructor(
    private readonly api: ApiClient,
    private readonly notices: Notices,
  ) {}

  async deadAir(assetId: string, request: Partial<DeadAirRequest>, openWhenDone = false): Promise<void> {
    try {
      const started = await this.api.call('autoedit.deadAir', { assetId, request });
      this.runs = [...this.runs, { ...started, assetId, kind: 'dead-air', openWhenDone }];
    } catch (error) {
      this.notices.error(error);
    }
  }

  async scenes(assetId: string, openWhenDone = false): Promise<void> {
    try {
      const started = await this.api.call('autoedit.scenes', { assetId });
      this.runs = [...this.runs, { ...started, assetId, kind: 'scenes', openWhenDone }];
    } catch (error) {
      this.notices.error(error);
    }
  }

  /**
   * The runs waiting to open whose job succeeded and whose sequence the window already has (the job's event can come
   * before the project's); they are then no longer waiting.
   */
  takeFinishedToOpen(jobs: readonly Job[], hasSequence: (id: string) => boolean): AutoEditRun[] {
    const done = this.runs.filter(
      (run) => run.openWhenDone && hasSequence(run.sequenceId) && jobs.some((job) => job.id === run.jobId && job.state === 'succeeded'),
    );
    if (done.length > 0) this.runs = this.runs.map((run) => (done.includes(run) ? { ...run, openWhenDone: false } : run));
    return done;
  }

  reset(): void {
    this.runs = [];
  }
}
