import fs from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { describeImport, summariseImport, type ImportReport, type ImportResult } from '../../../shared/assets';
import type { JobQueue } from '../jobs/job-queue';
import type { ProjectService } from '../project/project-service';
import type { UnusableInput } from './collect-files';
import { importFiles, type ImportSource } from './import-files';

export interface ImportRun {
  jobs: JobQueue;
  projects: ProjectService;
  ffprobe: string;
  sources: ImportSource[];
  /** Inputs already known to be unusable (missing paths, unknown uploads): they get their result up front. */
  unusable: UnusableInput[];
  concurrency: number;
}

/**
 * An import as a job the user can watch and cancel. Assets land in the project in batches as they are probed, and the
 * batches of one import undo as a single step. Uploaded files that were not imported are deleted again.
 */
export async function runImport(run: ImportRun): Promise<ImportReport> {
  const total = run.sources.length + run.unusable.length;
  let results: ImportResult[] = run.unusable.map((u) => ({ name: u.name, outcome: 'rejected', assetId: null, reason: u.reason }));
  const coalesce = randomUUID();
  const known = new Map<string, { id: string; name: string }>();
  for (const asset of run.projects.openDocument()?.document.assets ?? []) known.set(asset.fingerprint, asset);

  const job = run.jobs.submit({
    kind: 'import',
    title: `Import ${total} file${total === 1 ? '' : 's'}`,
    priority: 1,
    run: async (ctx) => {
      ctx.report({ stage: 'Reading files', progress: 0 });
      const imported = await importFiles(run.sources, {
        ffprobe: run.ffprobe,
        findByFingerprint: (fingerprint) => known.get(fingerprint) ?? null,
        commit: async (assets) => {
          await run.projects.editWith(
            (doc) => ({
              type: 'assets.insert',
              entries: assets.map((asset, i) => ({ index: doc.assets.length + i, asset })),
            }),
            { coalesce },
          );
        },
        newId: randomUUID,
        now: () => new Date(),
        concurrency: run.concurrency,
        signal: ctx.signal,
        onProgress: (done, count) => ctx.report({ progress: done / count }),
      });
      results = [...results, ...imported];
      return describeImport(summariseImport(results));
    },
  });
  const settled = await run.jobs.whenSettled(job.id);
  await Promise.all(
    run.sources.map(async (source, i) => {
      const result = results[run.unusable.length + i];
      // Without a result (the import failed) the file may already be an asset: keep it.
      if (source.stored && result && result.outcome !== 'imported') await fs.rm(source.path, { force: true });
    }),
  );
  if (settled.state === 'failed') {
    const done = new Set(results.map((r) => r.name));
    for (const source of run.sources) {
      if (!done.has(source.name)) {
        results.push({ name: source.name, outcome: 'rejected', assetId: null, reason: settled.error?.message ?? 'The import failed.' });
      }
    }
  }
  return summariseImport(results);
}
