import type { AnalysisKind } from '../../../shared/analysis/analysis';
import type { AssetView } from '../../../shared/assets';

/** The analyses that make sense for an asset: speech and loudness need sound, scenes need a moving picture. */
export function analysisKinds(asset: Pick<AssetView, 'kind' | 'status' | 'media'>): AnalysisKind[] {
  if (asset.status !== 'ready') return [];
  const kinds: AnalysisKind[] = asset.media.audio.length > 0 ? ['speech', 'loudness'] : [];
  return asset.kind === 'video' ? [...kinds, 'scenes'] : kinds;
}
