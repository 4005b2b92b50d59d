import '../../../src/renderer/styles/global.css';
import { mount, tick } from 'svelte';
import { GalleryState } from '../../../src/renderer/lib/state/gallery.svelte';
import Harness from './Harness.svelte';
import { syntheticAssets } from './synthetic-assets';

/** Frame times while the grid scrolls: `window.scrollBench` scrolls by a fixed step each frame and times the frames. */
export interface ScrollRun {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
  /** Frames that took longer than 1.5 × the display's frame time: what a user sees as a stutter. */
  slowFrames: number;
  tilesMounted: number;
  domNodes: number;
  /** From long animation frames (over 50 ms): how many, and the script and layout/paint time in them. */
  longFrames: number;
  longFrameScriptMs: number;
  longFrameRenderMs: number;
}

interface LongAnimationFrame extends PerformanceEntry {
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: { duration: number }[];
}

const params = new URLSearchParams(location.search);
const count = Number(params.get('count') ?? 10_000);
const gallery = new GalleryState();
gallery.setTileSize(Number(params.get('tile') ?? 180));
const assets = syntheticAssets(count, { posters: params.get('posters') !== '0' });
mount(Harness, { target: document.getElementById('app')!, props: { assets, gallery } });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function scrollBench(pixelsPerFrame: number, frames: number): Promise<ScrollRun> {
  await tick();
  const viewport = document.querySelector<HTMLElement>('[data-testid="gallery-grid"]')!;
  viewport.scrollTop = 0;
  const deltas: number[] = [];
  const longFrames: LongAnimationFrame[] = [];
  const observer = new PerformanceObserver((list) => longFrames.push(...(list.getEntries() as LongAnimationFrame[])));
  observer.observe({ type: 'long-animation-frame', buffered: false });
  await new Promise<void>((resolve) => {
    let last = 0;
    const step = (now: number) => {
      if (last !== 0) deltas.push(now - last);
      last = now;
      if (deltas.length >= frames) return resolve();
      viewport.scrollTop += pixelsPerFrame;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  observer.disconnect();
  const sorted = [...deltas].sort((a, b) => a - b);
  const median = percentile(sorted, 0.5);
  return {
    frames: deltas.length,
    medianMs: round(median),
    p95Ms: round(percentile(sorted, 0.95)),
    maxMs: round(sorted.at(-1) ?? 0),
    slowFrames: deltas.filter((d) => d > median * 1.5).length,
    tilesMounted: document.querySelectorAll('[data-testid="asset-tile"]').length,
    domNodes: document.getElementsByTagName('*').length,
    longFrames: longFrames.length,
    longFrameScriptMs: round(longFrames.reduce((sum, f) => sum + f.scripts.reduce((s, x) => s + x.duration, 0), 0)),
    longFrameRenderMs: round(longFrames.reduce((sum, f) => sum + (f.startTime + f.duration - f.renderStart), 0)),
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

Object.assign(window, { scrollBench });
