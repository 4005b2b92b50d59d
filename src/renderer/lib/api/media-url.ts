import { assetMediaPath, type MediaVariant } from '../../../shared/assets';
import type { TransportKind } from './transport';

const WEB_PREFIX = '/media';

/**
 * Where the renderer fetches an asset's media: Electron serves it on its own `media://` scheme, the web shell on the
 * page's origin. Both answer the same path after the prefix, so one function builds either.
 */
export function assetMediaUrl(transport: TransportKind, id: string, variant: MediaVariant, version?: string): string {
  const path = assetMediaPath(id, variant, version);
  return transport === 'ipc' ? `media:/${path.slice(WEB_PREFIX.length)}` : path;
}
