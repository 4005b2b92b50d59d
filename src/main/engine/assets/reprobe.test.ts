import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../shared/assets';
import { ensureTestMedia } from '../../../../test/media/corpus';
import { locateTool } from '../ffmpeg/locate';
import { probeFile } from '../media/probe';
import { reprobedAssets } from './reprobe';

const ffprobe = locateTool('ffprobe').path;

async function assetOf(file: string, id: string): Promise<Asset> {
  const media = await probeFile(ffprobe, file);
  return {
    id, name: id, kind: media.kind, path: file, stored: false, fingerprint: `1-${'0'.repeat(64)}`, sizeBytes: 1,
    media, addedAt: new Date(0).toISOString(), tags: [], favourite: false,
  };
}

describe('reprobedAssets', () => {
  it('finds the assets whose file now probes differently, with the new media info, and leaves the rest', async () => {
    const corpus = await ensureTestMedia();
    const unchanged = await assetOf(corpus.good['photo.jpg'].path, 'same');
    const current = await assetOf(corpus.good['h264-aac.mp4'].path, 'older');
    // As an older Reelsmith stored it: no HDR flag, a different shown size.
    const older: Asset = { ...current, media: { ...current.media, video: { ...current.media.video!, displayWidth: 1, hdr: null } } };
    const gone: Asset = { ...unchanged, id: 'gone', path: '/nowhere/gone.jpg' };
    const changed = await reprobedAssets(ffprobe, [unchanged, older, gone], 2);
    expect(changed.map((c) => c.asset.id)).toEqual(['older']);
    expect(changed[0]!.media).toEqual(current.media);
  });
});
