import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/jobs';
import { JobFailure, JobQueue, defaultCpuSlots, type JobContext } from './job-queue';
import { PartialFiles } from './partial-files';

let dir: string;
let changes: Job[];

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-jobs-'));
  changes = [];
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function queue(cpu = 2) {
  return new JobQueue({
    slots: { cpu, inference: 1 },
    partials: new PartialFiles(path.join(dir, 'registry')),
    onChange: (job) => changes.push(job),
    progressIntervalMs: 0,
  });
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

const untilAborted = (ctx: JobContext) =>
  new Promise<never>((_, reject) => ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('JobQueue', () => {
  it('never runs more jobs at once than the resource has slots, with 20 queued', async () => {
    const q = queue(3);
    let running = 0;
    let peak = 0;
    const ids = Array.from({ length: 20 }, (_, i) =>
      q.submit({
        kind: 'test',
        title: `job ${i}`,
        run: async () => {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
          return null;
        },
      }).id,
    );
    const done = await Promise.all(ids.map((id) => q.whenSettled(id)));
    expect(done.every((j) => j.state === 'succeeded')).toBe(true);
    expect(peak).toBe(3);
  });

  it('runs higher priorities first among queued jobs', async () => {
    const q = queue(1);
    const order: string[] = [];
    const blocker = gate();
    q.submit({ kind: 't', title: 'first', run: async () => (await blocker.opened, null) });
    for (const [title, priority] of [['low', 0], ['high', 5], ['mid', 2]] as const) {
      q.submit({ kind: 't', title, priority, run: async () => (order.push(title), null) });
    }
    blocker.open();
    await Promise.all(q.list().map((j) => q.whenSettled(j.id)));
    expect(order).toEqual(['high', 'mid', 'low']);
  });

  it('reports monotonic progress that ends at 1, with stage and ETA', async () => {
    const q = queue();
    const job = q.submit({
      kind: 't',
      title: 'encode',
      run: async (ctx) => {
        ctx.report({ stage: 'Encoding', progress: 0.5, eta: 2 });
        ctx.report({ progress: 0.3 });
        ctx.report({ progress: 0.9, eta: 0.5 });
        return 'out.mp4';
      },
    });
    const done = await q.whenSettled(job.id);
    expect(done).toMatchObject({ state: 'succeeded', progress: 1, result: 'out.mp4', eta: 0 });
    const progress = changes.filter((c) => c.id === job.id).map((c) => c.progress);
    expect(progress).toEqual([null, 0, 0.5, 0.5, 0.9, 1]);
    expect(changes.find((c) => c.stage === 'Encoding')).toBeDefined();
  });

  it('moves outputs into place only on success', async () => {
    const q = queue();
    const final = path.join(dir, 'clip.mp4');
    const job = q.submit({
      kind: 't',
      title: 'write',
      run: async (ctx) => {
        const partial = await ctx.output(final);
        expect(path.basename(partial)).toMatch(/^\.clip\.reelsmith-partial-[0-9a-f]{8}\.mp4$/);
        await fs.writeFile(partial, 'video');
        return null;
      },
    });
    await q.whenSettled(job.id);
    expect(await fs.readdir(dir)).toEqual(expect.arrayContaining(['clip.mp4']));
    expect((await fs.readdir(dir)).filter((n) => n.includes('partial'))).toEqual([]);
    expect(await fs.readdir(path.join(dir, 'registry'))).toEqual([]);
  });

  it('gives a job a scratch folder beside its output and removes it when the job ends, failed or not', async () => {
    const q = queue();
    const final = path.join(dir, 'cut.mov');
    let scratch = '';
    const job = q.submit({
      kind: 't',
      title: 'pieces',
      run: async (ctx) => {
        scratch = await ctx.scratch(await ctx.output(final));
        expect(path.dirname(scratch)).toBe(dir);
        await fs.writeFile(path.join(scratch, '0.mov'), 'piece');
        throw new Error('the join failed');
      },
    });
    expect((await q.whenSettled(job.id)).state).toBe('failed');
    await expect(fs.stat(scratch)).rejects.toThrow();
    expect((await fs.readdir(dir)).filter((n) => n !== 'registry')).toEqual([]);
  });

  it('cancels a running job, deleting what it had written, and a queued one without running it', async () => {
    const q = queue(1);
    const final = path.join(dir, 'long.mp4');
    let secondRan = false;
    const started = gate();
    const first = q.submit({
      kind: 't',
      title: 'long',
      run: async (ctx) => {
        await fs.writeFile(await ctx.output(final), 'half');
        started.open();
        return untilAborted(ctx);
      },
    });
    const second = q.submit({ kind: 't', title: 'next', run: async () => ((secondRan = true), null) });
    await started.opened;
    expect(q.cancel(second.id).state).toBe('cancelled');
    q.cancel(first.id);
    expect((await q.whenSettled(first.id)).state).toBe('cancelled');
    expect(secondRan).toBe(false);
    expect((await fs.readdir(dir)).filter((n) => n !== 'registry')).toEqual([]);
  });

  it('records a failure with its details and retries it as a new job', async () => {
    const q = queue();
    let attempts = 0;
    const job = q.submit({
      kind: 't',
      title: 'flaky',
      run: async () => {
        attempts += 1;
        if (attempts === 1) throw new JobFailure({ message: 'The disk is full.', commandLine: 'ffmpeg -i a b', stderrTail: 'No space' });
        return 'ok';
      },
    });
    const failed = await q.whenSettled(job.id);
    expect(failed).toMatchObject({ state: 'failed', error: { message: 'The disk is full.', commandLine: 'ffmpeg -i a b' } });
    const again = q.retry(job.id);
    expect((await q.whenSettled(again.id)).state).toBe('succeeded');
    expect(q.get(job.id).retriedAs).toBe(again.id);
    expect(() => q.retry(again.id)).toThrow(/Only failed or cancelled/);
  });

  it('sizes ffmpeg slots to the machine', () => {
    expect(defaultCpuSlots(1)).toBe(1);
    expect(defaultCpuSlots(2)).toBe(1);
    expect(defaultCpuSlots(8)).toBe(4);
    expect(defaultCpuSlots(64)).toBe(4);
  });
});

describe('PartialFiles', () => {
  it('removes temporaries left by a process that died, and keeps those of a live one', async () => {
    const registry = path.join(dir, 'registry');
    const dead = new PartialFiles(registry, () => false);
    const leftover = path.join(dir, '.clip.reelsmith-partial-deadbeef.mp4');
    await fs.writeFile(leftover, 'x');
    await dead.register('job-1', leftover);
    await fs.writeFile(path.join(registry, 'job-2.json'), JSON.stringify({ pid: 1, files: [path.join(dir, 'not-ours.mp4')] }));
    await fs.writeFile(path.join(dir, 'not-ours.mp4'), 'keep');
    const scratch = path.join(dir, '.cut.mov.reelsmith-partial-deadbeef-scratch');
    await fs.mkdir(scratch);
    await fs.writeFile(path.join(scratch, '0.mov'), 'piece');
    await dead.register('job-1', scratch);
    const alive = new PartialFiles(registry, () => true);
    expect(await alive.cleanStale()).toEqual([leftover, scratch]);
    expect((await fs.readdir(dir)).includes(path.basename(scratch))).toBe(false);
    expect(await fs.readdir(dir)).toEqual(expect.arrayContaining(['not-ours.mp4']));
    expect((await fs.readdir(dir)).includes(path.basename(leftover))).toBe(false);
  });
});
