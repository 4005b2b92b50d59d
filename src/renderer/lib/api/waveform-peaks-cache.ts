import { decodeWaveformPeaks, type WaveformPeaks } from '../../../shared/media/waveform-peaks';

/**
 * Waveform peaks fetched once per URL and shared: a timeline shows many clips of one recording, and scrolling brings
 * the same clips back. The URL carries the asset's fingerprint, so an entry never goes stale; the oldest go first.
 */
const MAX_ENTRIES = 64;
const cache = new Map<string, Promise<WaveformPeaks>>();

export function loadWaveformPeaks(url: string): Promise<WaveformPeaks> {
  const cached = cache.get(url);
  if (cached) return cached;
  const loading = fetch(url, { credentials: 'same-origin' })
    .then((response) => {
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      return response.arrayBuffer();
    })
    .then(decodeWaveformPeaks);
  // A failed fetch may succeed later (the waveform was still being made), so it is not kept.
  loading.catch(() => cache.delete(url));
  cache.set(url, loading);
  if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return loading;
}
