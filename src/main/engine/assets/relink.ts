import fs from 'node:fs/promises';
import path from 'node:path';
import type { Asset } from '../../../shared/assets';
import type { AssetPatch } from '../../../shared/project/edits';
import { collectFiles } from './collect-files';
import { fingerprintFile } from './fingerprint';

/**
 * Looks for missing assets under a folder (recursively) by content: only files of a missing asset's exact size are
 * fingerprinted, so pointing at a big drive stays quick. A renamed file is found as well as a moved one.
 */
export async function relinkAssets(
  assets: readonly Asset[],
  missingIds: ReadonlySet<string>,
  folder: string,
  /** The project's media/ folder: a file found there belongs to the project, one found elsewhere is referenced. */
  storedMediaFolder: string,
): Promise<{ patches: AssetPatch[]; stillMissing: number }> {
  const missing = assets.filter((a) => missingIds.has(a.id));
  const bySize = new Map<number, Asset[]>();
  for (const asset of missing) bySize.set(asset.sizeBytes, [...(bySize.get(asset.sizeBytes) ?? []), asset]);
  const { files } = await collectFiles([folder]);
  const patches: AssetPatch[] = [];
  const found = new Set<string>();
  for (const file of files) {
    if (found.size === missing.length) break;
    let size: number;
    try {
      size = (await fs.stat(file.path)).size;
    } catch {
      continue;
    }
    const candidates = bySize.get(size)?.filter((a) => !found.has(a.id));
    if (!candidates?.length) continue;
    let fingerprint: string;
    try {
      ({ fingerprint } = await fingerprintFile(file.path));
    } catch {
      continue;
    }
    const asset = candidates.find((a) => a.fingerprint === fingerprint);
    if (asset) {
      found.add(asset.id);
      const stored = path.relative(storedMediaFolder, file.path).split(path.sep)[0] !== '..';
      patches.push({ id: asset.id, path: file.path, stored });
    }
  }
  return { patches, stillMissing: missing.length - found.size };
}
