import type { VideoInfo } from '../../../shared/media';

/**
 * Filters that bring an HDR picture (PQ or HLG) down to SDR BT.709, so posters, proxies and exports look as the
 * footage was meant to on an ordinary screen instead of grey and washed out: linear light at 100 nits reference,
 * BT.2020 to BT.709 primaries, the Möbius curve (linear through the ordinary range, highlights rolled off instead of
 * clipped; Hable's darkened ordinary scenes by a quarter here), back to BT.709's transfer.
 * Empty for SDR.
 */
export function toneMapFilters(hdr: VideoInfo['hdr'] | undefined): string[] {
  if (!hdr) return [];
  return ['zscale=t=linear:npl=100', 'format=gbrpf32le', 'zscale=p=bt709', 'tonemap=tonemap=mobius:desat=0', 'zscale=t=bt709:m=bt709:r=tv'];
}
