import { describe, expect, it } from 'vitest';
import { pictureGraph } from './picture-graph';

describe('pictureGraph', () => {
  it('scales a stream to square pixels of a known size', () => {
    expect(pictureGraph(0, { size: { width: 320, height: 180 } }, { hasAlpha: false, hdr: null })).toBe('[0:0]scale=320:180,setsar=1,format=rgb24[picture]');
  });

  it('samples frames before scaling them', () => {
    expect(pictureGraph(2, { size: { width: 160, height: 90 } }, { hasAlpha: false, hdr: null }, 'fps=1')).toBe('[0:2]fps=1,scale=160:90,setsar=1,format=rgb24[picture]');
  });

  it('fits a picture of unknown size without enlarging it', () => {
    expect(pictureGraph(1, { within: 320 }, { hasAlpha: false, hdr: null })).toBe(
      "[0:1]scale='min(320,iw)':'min(320,ih)':force_original_aspect_ratio=decrease,setsar=1,format=rgb24[picture]",
    );
  });

  it('flattens transparency on grey', () => {
    expect(pictureGraph(0, { size: { width: 64, height: 64 } }, { hasAlpha: true, hdr: null })).toBe(
      '[0:0]scale=64:64,setsar=1,format=rgba,split[fg][base];[base]lutrgb=r=128:g=128:b=128:a=255[bg];[bg][fg]overlay=format=auto,format=rgb24[picture]',
    );
  });
});
