import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { JobSchema, type Job } from '../../../shared/jobs';
import { writeFileAtomic } from '../storage/atomic-write';

const HISTORY_FILE = path.join('jobs', 'history.json');
const HISTORY_LIMIT = 200;

const HistoryFileSchema = z.object({ version: z.literal(1), jobs: z.array(JobSchema) });

/** Finished jobs of a project, newest first, kept in its folder so the jobs view survives restarts. */
export class JobHistory {
  private jobs: Job[] = [];
  private writing: Promise<void> = Promise.resolve();

  private constructor(private readonly file: string) {}

  static async open(projectFolder: string): Promise<JobHistory> {
    const history = new JobHistory(path.join(projectFolder, HISTORY_FILE));
    try {
      const parsed = HistoryFileSchema.safeParse(JSON.parse(await fs.readFile(history.file, 'utf8')));
      if (parsed.success) history.jobs = parsed.data.jobs;
    } catch {
      // No history yet, or an unreadable one: it is only a log, so start a new one.
    }
    return history;
  }

  list(): Job[] {
    return [...this.jobs];
  }

  record(job: Job): Promise<void> {
    this.jobs = [job, ...this.jobs.filter((j) => j.id !== job.id)].slice(0, HISTORY_LIMIT);
    return this.write();
  }

  /** Forgets finished jobs (their outputs stay where they are). */
  clear(): Promise<void> {
    this.jobs = [];
    return this.write();
  }

  /** Writes one after another, each a snapshot of the list when it was asked for. */
  private write(): Promise<void> {
    const snapshot = JSON.stringify({ version: 1, jobs: this.jobs });
    const write = this.writing.then(async () => {
      await fs.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, snapshot);
    });
    this.writing = write.catch(() => undefined);
    return write;
  }
}
