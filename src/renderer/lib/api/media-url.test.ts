import { describe, expect, it } from 'vitest';
import { assetMediaUrl } from './media-url';

describe('assetMediaUrl', () => {
  it('asks the web shell for a path on the page’s own origin', () => {
    expect(assetMediaUrl('websocket', 'a1', 'poster')).toBe('/media/asset/a1/poster');
  });

  it('asks Electron on the media scheme with the same path', () => {
    expect(assetMediaUrl('ipc', 'a1', 'play')).toBe('media://asset/a1/play');
  });

  it('carries the version that busts a stale cached copy', () => {
    expect(assetMediaUrl('ipc', 'a_1', 'filmstrip', 'v1:9:ab')).toBe('media://asset/a_1/filmstrip?v=v1%3A9%3Aab');
    expect(assetMediaUrl('websocket', 'a_1', 'filmstrip', 'v1:9:ab')).toBe('/media/asset/a_1/filmstrip?v=v1%3A9%3Aab');
  });
});
