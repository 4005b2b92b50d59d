import type { Asset } from '../../../shared/assets';
import type { MediaInfo } from '../../../shared/media';
import { mapConcurrently } from '../media/derived/concurrently';
import { probeFile } from '../media/probe';

/**
 * The assets whose file probes differently now than when it was imported (a newer Reelsmith reads more of it), with
 * the new media info. Files that are gone or unreadable are left to the library's own check.
 */
export async function reprobedAssets(ffprobe: string, assets: readonly Asset[], concurrency: number): Promise<{ asset: Asset; media: MediaInfo }[]> {
  // A few ffprobes at a time, as an import runs them: a refresh of the whole gallery must not start thousands at once.
  const probed = await mapConcurrently(assets, concurrency, async (asset) => {
    const media = await probeFile(ffprobe, asset.path).catch(() => null);
    return media && !sameMedia(media, asset.media) ? [{ asset, media }] : [];
  });
  return probed.flat();
}

/** Compared as JSON with keys in order: the probe writes them in one order, a parsed project may in another. */
function sameMedia(a: MediaInfo, b: MediaInfo): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y))) : v,
  );
}
