import type { AssetView, Lineage } from '../../../shared/assets';
import { lineageOf, type MakingRequest } from '../../../shared/generate/lineage';

/**
 * Which gallery assets a job of the Generate panel made. An asset's lineage is the request that made it, so a job's
 * results are the assets whose lineage is one the job's request gives. A request made before gives the same bytes,
 * which the gallery keeps once: such a job's result is the asset already there.
 */

export interface TrackedJob {
  jobId: string;
  /** The lineage of every file the job writes. */
  lineages: readonly Lineage[];
}

/** The lineages a request gives: one, or one per image when images are written as separate files (image i: seed + i). */
export function expectedLineages(making: MakingRequest): Lineage[] {
  if ((making.operation === 'sample' || making.operation === 'variation') && making.request.layout === 'separate') {
    const { request } = making;
    return Array.from({ length: request.count }, (_, i) =>
      making.operation === 'sample'
        ? lineageOf({ operation: 'sample', request: { ...making.request, count: 1, seed: request.seed + i } })
        : lineageOf({ operation: 'variation', request: { ...making.request, count: 1, seed: request.seed + i } }),
    );
  }
  return [lineageOf(making)];
}

/** Each job's results, in the order of its lineages (a sheet's images by seed); a job with none has an empty list. */
export function resultsByJob(jobs: readonly TrackedJob[], assets: readonly AssetView[]): Map<string, AssetView[]> {
  const made = assets.filter((asset) => asset.lineage !== undefined);
  return new Map(
    jobs.map((job) => [
      job.jobId,
      job.lineages.flatMap((lineage) => made.filter((asset) => sameLineage(asset.lineage!, lineage))),
    ]),
  );
}

/** Two lineages record the same request (parameters in any order). */
export function sameLineage(a: Lineage, b: Lineage): boolean {
  const keys = Object.keys(a.parameters);
  return (
    a.operation === b.operation &&
    a.model === b.model &&
    a.seed === b.seed &&
    a.sources.length === b.sources.length &&
    a.sources.every((id, i) => b.sources[i] === id) &&
    keys.length === Object.keys(b.parameters).length &&
    keys.every((key) => a.parameters[key] === b.parameters[key])
  );
}
