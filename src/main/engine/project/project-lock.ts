import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ApiError } from '../../../shared/errors';
import { writeFileAtomic } from '../storage/atomic-write';
import { LOCK_FILE } from './project-folder';
import { processIsAlive } from '../system/process-alive';

/**
 * One writer per project: the lock file names the instance holding it and is refreshed on a heartbeat. A lock is
 * stale when its process is gone (same host) or its heartbeat stopped (any host, e.g. a crashed machine on a
 * network share); a stale lock is taken over. An instance that finds its lock taken over stops writing.
 */
export const HEARTBEAT_MS = 15_000;
export const STALE_AFTER_MS = 60_000;

const LockRecordSchema = z.object({
  instanceId: z.string(),
  pid: z.number().int(),
  host: z.string(),
  acquiredAt: z.string(),
  heartbeatAt: z.string(),
});
export type LockRecord = z.infer<typeof LockRecordSchema>;

export interface LockOptions {
  now?: () => Date;
  isProcessAlive?: (pid: number) => boolean;
  host?: string;
  heartbeatMs?: number;
}

export class ProjectLock {
  private timer: NodeJS.Timeout | undefined;
  private lost = false;

  private constructor(
    readonly folder: string,
    readonly record: LockRecord,
    private readonly options: Required<LockOptions>,
  ) {}

  static async acquire(folder: string, options: LockOptions = {}): Promise<ProjectLock> {
    const opts: Required<LockOptions> = {
      now: options.now ?? (() => new Date()),
      isProcessAlive: options.isProcessAlive ?? processIsAlive,
      host: options.host ?? os.hostname(),
      heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    };
    const at = opts.now().toISOString();
    const record: LockRecord = {
      instanceId: randomUUID(),
      pid: process.pid,
      host: opts.host,
      acquiredAt: at,
      heartbeatAt: at,
    };
    const file = path.join(folder, LOCK_FILE);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await fs.writeFile(file, JSON.stringify(record), { flag: 'wx' });
        const lock = new ProjectLock(folder, record, opts);
        lock.startHeartbeat();
        return lock;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readLock(folder);
      if (holder && !isStale(holder, opts)) {
        throw new ApiError(
          'PROJECT_LOCKED',
          `This project is open in another Reelsmith window (process ${holder.pid} on ${holder.host}, since ${holder.acquiredAt}). Close it there first.`,
          { holder },
        );
      }
      // Move the stale lock aside under a unique name: of two instances racing for it, only one rename succeeds.
      await fs.rename(file, `${file}.stale-${record.instanceId}`).then(
        () => fs.rm(`${file}.stale-${record.instanceId}`, { force: true }),
        () => undefined,
      );
    }
    throw new ApiError('PROJECT_LOCKED', 'Another Reelsmith instance is opening this project at the same moment.');
  }

  /** True once another instance has taken the lock over; the holder must stop writing. */
  get isLost(): boolean {
    return this.lost;
  }

  /** Re-reads the lock file; call before writing. */
  async verify(): Promise<boolean> {
    if (this.lost) return false;
    const current = await readLock(this.folder);
    if (current?.instanceId !== this.record.instanceId) this.lost = true;
    return !this.lost;
  }

  async release(): Promise<void> {
    clearInterval(this.timer);
    if (await this.verify()) await fs.rm(path.join(this.folder, LOCK_FILE), { force: true });
  }

  private startHeartbeat(): void {
    this.timer = setInterval(() => void this.beat(), this.options.heartbeatMs);
    this.timer.unref();
  }

  private async beat(): Promise<void> {
    if (!(await this.verify().catch(() => false))) {
      clearInterval(this.timer);
      return;
    }
    this.record.heartbeatAt = this.options.now().toISOString();
    // Atomic, so a concurrent reader never sees a half-written (and so seemingly stale) lock.
    await writeFileAtomic(path.join(this.folder, LOCK_FILE), JSON.stringify(this.record)).catch(() => undefined);
  }
}

/** The current holder, or null when there is no lock or it is unreadable (a half-written lock is stale). */
export async function readLock(folder: string): Promise<LockRecord | null> {
  try {
    const parsed = LockRecordSchema.safeParse(JSON.parse(await fs.readFile(path.join(folder, LOCK_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function isStale(holder: LockRecord, options: Required<LockOptions>): boolean {
  if (holder.host === options.host && !options.isProcessAlive(holder.pid)) return true;
  const beat = Date.parse(holder.heartbeatAt);
  return Number.isNaN(beat) || options.now().getTime() - beat > STALE_AFTER_MS;
}
