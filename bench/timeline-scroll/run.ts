/**
 * Whether the timeline editor stays responsive with 2,000 clips: the built web shell in Chromium (1440×900), a project
 * with a video and an audio file of the test corpus, and two sequences of the same shape made through the API, a
 * 20-clip baseline and one with 2,000 clips on V1 and 2,000 on A1 (reason labels, crossfades, markers, removed
 * parts). For each it times opening the sequence, a Ctrl+wheel zoom sweep, a scroll across the whole timeline at a
 * fixed zoom, three seconds of preview playback and a split (S), and reads the renderer's JS heap; then it prints
 * each figure for 2,000 clips beside the baseline and their ratio.
 *
 *   npm run build && npx tsx bench/timeline-scroll/run.ts
 *     COUNT=2000   clips per track of the large sequence
 *     ROUNDS=2     times each sequence is measured; the table keeps each measure's least disturbed round
 *     PROFILE=1    CPU profiles (top self time) of the large sequence's first round
 *
 * Both sequences are measured the same way, at the same zoom and speeds, so a ratio says what the extra clips cost.
 * Frame times come from requestAnimationFrame timestamps; main-thread time by kind from CDP Performance.getMetrics.
 * The run exits non-zero only when something broke (a page error, a step that never finished), never for slowness:
 * the figures are for people to read.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import WebSocket from 'ws';
import { openNewProject, type ProjectPage } from '../../e2e/support/project-page';
import { REPO } from '../../e2e/support/web-shell';
import type { ProjectState } from '../../src/shared/api';
import type { AssetView } from '../../src/shared/assets';
import type { Sequence } from '../../src/shared/project/document';
import type { TimelineCommand } from '../../src/shared/timeline/commands';
import { sourcesFromAssets } from '../../src/shared/timeline/sources';
import { secondsToFrames } from '../../src/shared/timeline/time';
import { ensureTestMedia } from '../../test/media/corpus';
import { installProbe, type FrameStats, type PlayStats, type ScrollStats, type SplitTiming, type TimelineProbe } from './probe';
import { CLIP_STRIDE, benchTimeline, type BenchTimeline } from './sequences';

const COUNT = Number(process.env.COUNT ?? 2000);
const BASELINE = 20;
const PROFILE = process.env.PROFILE === '1';
/** Each sequence is measured this many times; the table keeps the least disturbed round of each measure. */
const ROUNDS = Math.max(1, Number(process.env.ROUNDS ?? 2));
/** The zoom of the scroll, playback and split: a 30-frame clip is 60 px wide, about 22 clips to a screen. */
const FIXED_ZOOM = 2;
/** The scroll: 400 px a frame (24,000 px/s at 60 Hz), as many frames as crossing the large timeline once takes. */
const SCROLL_STEP_PX = 400;
const SCROLL_FRAMES = Math.ceil((COUNT * CLIP_STRIDE * FIXED_ZOOM) / SCROLL_STEP_PX);
/** The zoom sweep: from fitted all the way in, in this many frames (one Ctrl+wheel event each), then back out. */
const ZOOM_FRAMES = 60;
const PLAY_MS = 3000;
/** Playhead frames for the playback and the splits: inside a clip on V1 and on A1 in both sequences. */
const PLAY_FROM = 10 * CLIP_STRIDE + 15;
const SPLIT_AT = [10, 12, 14].map((clip) => clip * CLIP_STRIDE + 17);
/**
 * The editor's zoom rules (src/renderer/lib/timeline/layout.ts and TimelineEditor.svelte, which the Node project
 * cannot import): a sequence shorter than MIN_FIT_SECONDS is fitted as if it were that long, fitted means 95% of the
 * lanes' width, and zooming in stops at 40 px a frame or where the content would pass 8,000,000 px.
 */
const MIN_FIT_SECONDS = 10;
const fitZoom = (frames: number, laneWidth: number) => Math.min(40, (laneWidth * 0.95) / frames);
const maxZoom = (frames: number) => Math.min(40, 8_000_000 / (2 * frames));

interface Measured {
  clips: number;
  replaceMs: number;
  /** The project state each edit's answer carries (the whole document), as JSON. */
  stateKB: number;
  openMs: number;
  zoom: FrameStats;
  scroll: ScrollStats;
  play: PlayStats;
  splits: SplitTiming[];
  /** sequence.edit clip.split sent over the API from Node: the engine's and the wire's share, without the editor. */
  engineSplitMs: number[];
  heapAfterOpen: HeapFigures;
  heapAfterAll: HeapFigures;
  profiles: Record<string, string[]>;
  /** Every round's figures, for the details. */
  rounds: Round[];
  /** The main thread's time in the rounds the table shows. */
  costs: Record<Measure, MainThreadCost>;
}

interface HeapFigures {
  jsHeapMB: number;
  domNodes: number;
}

/* The engine's API over the web shell's WebSocket, as the renderer speaks it. */

interface ApiClient {
  call<T>(method: string, params?: unknown): Promise<T>;
  close(): void;
}

async function connectApi(port: number, token: string): Promise<ApiClient> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${encodeURIComponent(token)}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; id?: number; ok?: boolean; value?: unknown; error?: { message: string } };
    if (message.type !== 'result' || message.id === undefined) return;
    const waiter = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.ok) waiter?.resolve(message.value);
    else waiter?.reject(new Error(message.error?.message ?? 'The API call failed'));
  });
  return {
    call<T>(method: string, params: unknown = {}) {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'call', id, method, params }));
      });
    },
    close: () => ws.close(),
  };
}

/* Small helpers. */

async function until<T>(what: string, timeoutMs: number, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Calls a method of the probe installed in the page (the page's CSP forbids evaluating code it is sent as text). */
function probe<K extends keyof TimelineProbe>(
  page: Page,
  method: K,
  ...args: Parameters<TimelineProbe[K]>
): Promise<Awaited<ReturnType<TimelineProbe[K]>>> {
  return page.evaluate(
    ([name, values]) => {
      const bench = (globalThis as unknown as { __timelineBench: Record<string, (...a: unknown[]) => unknown> }).__timelineBench;
      return bench[name]!(...values);
    },
    [method, args] as [string, unknown[]],
  ) as Promise<Awaited<ReturnType<TimelineProbe[K]>>>;
}

async function heap(cdp: CDPSession): Promise<HeapFigures> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return { jsHeapMB: Math.round((metric('JSHeapUsedSize') / 2 ** 20) * 10) / 10, domNodes: metric('Nodes') };
}

/** With PROFILE=1, a CPU profile of `work` and the functions that took most of it (self time). */
async function profiled<T>(cdp: CDPSession, enabled: boolean, into: string[], work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    const self = new Map<number, number>();
    profile.samples?.forEach((node, i) => self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas?.[i] ?? 0)));
    const byFunction = new Map<string, number>();
    let total = 0;
    for (const node of profile.nodes) {
      const { functionName, url, lineNumber } = node.callFrame;
      const us = self.get(node.id) ?? 0;
      total += us;
      if (functionName === '(idle)' || functionName === '(program)') continue;
      const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
      const key = `${functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    }
    into.push(
      `total ${Math.round(total / 1000)} ms sampled; top self time:`,
      ...[...byFunction]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([name, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${name}`),
    );
  }
}

/* The run. */

async function importMedia(project: ProjectPage, api: ApiClient, files: string[]): Promise<AssetView[]> {
  await project.page.getByTestId('import-input').setInputFiles(files);
  // Filmstrips and waveforms are part of what the timeline draws: wait until they are made.
  return until('the imported media with their filmstrip and waveform', 90_000, async () => {
    const assets = await api.call<AssetView[]>('assets.list');
    const failed = assets.filter((a) => a.status === 'error' || a.derived.failure !== null);
    if (failed.length > 0) throw new Error(`Import failed: ${JSON.stringify(failed.map((a) => [a.name, a.statusMessage, a.derived]))}`);
    const video = assets.find((a) => a.kind === 'video');
    const audio = assets.find((a) => a.kind === 'audio');
    const ready =
      assets.length === files.length &&
      video?.derived.filmstrip === 'ready' &&
      video.derived.poster === 'ready' &&
      video.derived.waveform === 'ready' &&
      audio?.derived.waveform === 'ready';
    return ready ? assets : null;
  });
}

async function makeSequence(api: ApiClient, name: string, count: number, assets: AssetView[]) {
  const created = await api.call<ProjectState>('sequence.create', { name });
  const sequence = created.document.sequences.find((s) => s.name === name);
  if (!sequence) throw new Error(`sequence.create made no sequence named ${name}`);
  const sources = sourcesFromAssets(assets, sequence.frameRate);
  const media = (kind: 'video' | 'audio') => {
    const asset = assets.find((a) => a.kind === kind);
    const frames = asset ? sources.get(asset.id)?.frames : null;
    if (!asset || !frames) throw new Error(`No ${kind} asset with a length was imported`);
    return { assetId: asset.id, frames };
  };
  const bench = benchTimeline(
    count,
    { videoTrackId: sequence.timeline.videoTracks[0]!.id, audioTrackId: sequence.timeline.audioTracks[0]!.id },
    media('video'),
    media('audio'),
  );
  const command: TimelineCommand = { type: 'timeline.replace', timeline: bench.timeline };
  const started = performance.now();
  const state = await api.call<ProjectState>('sequence.edit', { sequenceId: sequence.id, command });
  const replaceMs = Math.round(performance.now() - started);
  return { sequence, bench, replaceMs, stateKB: Math.round(JSON.stringify(state).length / 1024) };
}

interface Round {
  openMs: number;
  zoom: FrameStats;
  scroll: ScrollStats;
  play: PlayStats;
  splits: SplitTiming[];
  /** The renderer's main-thread time during each measure, by kind. */
  costs: Record<Measure, MainThreadCost>;
}

type Measure = 'open' | 'zoom' | 'scroll' | 'play' | 'split';

interface MainThreadCost {
  scriptMs: number;
  styleMs: number;
  layoutMs: number;
  /** All the main thread's tasks, the above included. */
  taskMs: number;
}

/** The renderer's main-thread time while `work` runs, from the cumulative durations of Performance.getMetrics. */
async function costed<T>(cdp: CDPSession, into: Partial<Record<Measure, MainThreadCost>>, name: Measure, work: () => Promise<T>): Promise<T> {
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const seconds = (metric: string) => metrics.find((m) => m.name === metric)?.value ?? 0;
    return { script: seconds('ScriptDuration'), style: seconds('RecalcStyleDuration'), layout: seconds('LayoutDuration'), task: seconds('TaskDuration') };
  };
  const before = await read();
  const result = await work();
  const after = await read();
  const ms = (key: keyof typeof before) => Math.round((after[key] - before[key]) * 1000);
  into[name] = { scriptMs: ms('script'), styleMs: ms('style'), layoutMs: ms('layout'), taskMs: ms('task') };
  return result;
}

async function measure(
  project: ProjectPage,
  api: ApiClient,
  cdp: CDPSession,
  sequence: Sequence,
  bench: BenchTimeline,
  replaceMs: number,
  stateKB: number,
  profile: boolean,
): Promise<Measured> {
  const { page } = project;
  const profiles: Record<string, string[]> = {};
  const clipsShown = async () => (await probe(page, 'view')).clipsInDom;
  /** Clips in the sequence: each split adds one to V1 and one to A1. */
  let clips = bench.clips;

  // Open the sequence once (its media load), then leave for the gallery, so the timed open starts from the tab click.
  await page.getByTestId('tab-timeline').click();
  await page.locator(`[data-testid=sequence-item][data-sequence-id="${sequence.id}"]`).click();
  await page.locator(`[data-testid=timeline-editor][data-sequence-id="${sequence.id}"]`).waitFor();
  await until(`${clips} clips on the timeline`, 60_000, async () => (await clipsShown()) === clips);
  await page.waitForTimeout(1000);

  const rate = sequence.frameRate;
  const fitFrames = Math.max(bench.duration, secondsToFrames(MIN_FIT_SECONDS, rate));
  const pxPerFrame = async () => {
    const view = await probe(page, 'view');
    return { view, px: (view.contentWidth - view.laneWidth) / fitFrames };
  };
  // The playhead goes where a click on the ruler puts it; the click also gives the editor the keyboard.
  const putPlayhead = async (frame: number) => {
    await probe(page, 'setScroll', 0);
    const view = await probe(page, 'view');
    await page.mouse.click(view.laneLeft + frame * FIXED_ZOOM + FIXED_ZOOM / 2, view.rulerTop + view.rulerHeight / 2);
    await until(`the playhead at frame ${frame}`, 5000, async () => (await probe(page, 'view')).playhead === frame);
  };

  const rounds: Round[] = [];
  let heapAfterOpen: HeapFigures | null = null;
  for (let round = 0; round < ROUNDS; round += 1) {
    // Only the first round is profiled: the profiler slows what it watches.
    const section = (name: string) => {
      const lines: string[] = [];
      if (round === 0) profiles[name] = lines;
      return lines;
    };
    const profiling = profile && round === 0;
    const costs: Partial<Record<Measure, MainThreadCost>> = {};
    const measured = <T>(name: Measure, work: () => Promise<T>) =>
      costed(cdp, costs, name, () => profiled(cdp, profiling, section(name), work));

    // (e) Open: from the Timeline tab's click to the sequence's clips drawn (fitted, so all of them).
    await page.getByTestId('tab-gallery').click();
    await page.getByTestId('gallery').waitFor();
    await page.waitForTimeout(500);
    const opened = await measured('open', () => probe(page, 'open', clips, 60_000));
    await page.waitForTimeout(1000);
    heapAfterOpen ??= await heap(cdp);

    // (b) Zoom from fitted all the way in and back out, one Ctrl+wheel step a frame, around the lanes' centre.
    const { view: fitted, px: fittedPx } = await pxPerFrame();
    const expectedFit = fitZoom(fitFrames, fitted.laneWidth);
    if (Math.abs(fittedPx / expectedFit - 1) > 0.01) {
      throw new Error(`The editor opened at ${fittedPx} px a frame, not fitted (${expectedFit})`);
    }
    const notches = Math.log(maxZoom(fitFrames) / fittedPx) / Math.log(1.25);
    const zoom = await measured('zoom', () =>
      probe(page, 'zoomSweep', ZOOM_FRAMES, (notches * 100) / ZOOM_FRAMES),
    );

    // (a) At a fixed zoom, scroll across the whole timeline.
    for (let attempt = 0; ; attempt += 1) {
      const { px } = await pxPerFrame();
      if (Math.abs(px / FIXED_ZOOM - 1) < 0.001) break;
      if (attempt === 4) throw new Error(`Ctrl+wheel did not set the zoom to ${FIXED_ZOOM} px a frame (it is ${px})`);
      await probe(page, 'wheelZoom', (-100 * Math.log(FIXED_ZOOM / px)) / Math.log(1.25));
      await probe(page, 'frames', 3);
    }
    await probe(page, 'setScroll', 0);
    await page.waitForTimeout(500);
    const scroll = await measured('scroll', () =>
      probe(page, 'scrollSweep', SCROLL_STEP_PX, SCROLL_FRAMES),
    );

    // (c) Play the preview for three seconds.
    await putPlayhead(PLAY_FROM);
    await page.waitForTimeout(500);
    const play = await measured('play', async () => {
      await page.keyboard.press('Space');
      return probe(page, 'record', PLAY_MS);
    });
    await page.keyboard.press('k');
    await until('the preview to stop', 5000, async () => (await page.getByTestId('preview-stage').getAttribute('data-playing')) === 'false');

    // (d) Split at the playhead, inside a clip on V1 and one on A1: S makes two more clips. Each round splits a
    // little later, inside the second half of the clip the round before split.
    const splits: SplitTiming[] = [];
    await measured('split', async () => {
      for (const frame of SPLIT_AT) {
        await putPlayhead(frame + round * 2);
        await page.waitForTimeout(300);
        await probe(page, 'armSplit', 2, 20_000);
        await page.keyboard.press('s');
        splits.push(await probe(page, 'splitResult'));
        clips += 2;
      }
    });
    rounds.push({ openMs: opened.ms, zoom, scroll, play, splits, costs: costs as Record<Measure, MainThreadCost> });
  }
  const heapAfterAll = await heap(cdp);

  // The same split sent over the API from here, to tell the engine's and the wire's share from the renderer's.
  const engineSplitMs: number[] = [];
  for (const clip of [15, 17, 19]) {
    const command: TimelineCommand = { type: 'clip.split', clipId: `v${clip}`, frame: clip * CLIP_STRIDE + 11, newClipId: `bench-split-${clip}` };
    const started = performance.now();
    await api.call<ProjectState>('sequence.edit', { sequenceId: sequence.id, command });
    engineSplitMs.push(Math.round(performance.now() - started));
  }

  // Other work on the machine only ever slows a round down: keep each measure's least disturbed round.
  const bestRound = (pick: (r: Round) => FrameStats) =>
    [...rounds].sort((x, y) => pick(x).p95Ms - pick(y).p95Ms || pick(x).medianMs - pick(y).medianMs)[0]!;
  const fastestOpen = [...rounds].sort((x, y) => x.openMs - y.openMs)[0]!;
  const chosen = { open: fastestOpen, zoom: bestRound((r) => r.zoom), scroll: bestRound((r) => r.scroll), play: bestRound((r) => r.play) };
  return {
    clips: bench.clips,
    replaceMs,
    stateKB,
    openMs: chosen.open.openMs,
    zoom: chosen.zoom.zoom,
    scroll: chosen.scroll.scroll,
    play: chosen.play.play,
    costs: {
      open: chosen.open.costs.open,
      zoom: chosen.zoom.costs.zoom,
      scroll: chosen.scroll.costs.scroll,
      play: chosen.play.costs.play,
      // The splits of every round are pooled; their main-thread time is the first round's.
      split: rounds[0]!.costs.split,
    },
    splits: rounds.flatMap((r) => r.splits),
    engineSplitMs,
    heapAfterOpen: heapAfterOpen!,
    heapAfterAll,
    profiles,
    rounds,
  };
}

/* The report. */

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function printTable(large: Measured, base: Measured) {
  const rows: [string, (m: Measured) => number, string][] = [
    ['open: tab click → clips shown', (m) => m.openMs, 'ms'],
    ['zoom sweep: median frame', (m) => m.zoom.medianMs, 'ms'],
    ['zoom sweep: p95 frame', (m) => m.zoom.p95Ms, 'ms'],
    ['zoom sweep: worst frame', (m) => m.zoom.worstMs, 'ms'],
    ['zoom sweep: frames > 33 ms', (m) => m.zoom.over33 * 100, '%'],
    ['scroll: median frame', (m) => m.scroll.medianMs, 'ms'],
    ['scroll: p95 frame', (m) => m.scroll.p95Ms, 'ms'],
    ['scroll: worst frame', (m) => m.scroll.worstMs, 'ms'],
    ['scroll: frames > 33 ms', (m) => m.scroll.over33 * 100, '%'],
    ['play 3 s: median frame', (m) => m.play.medianMs, 'ms'],
    ['play 3 s: p95 frame', (m) => m.play.p95Ms, 'ms'],
    ['play 3 s: worst frame', (m) => m.play.worstMs, 'ms'],
    ['play 3 s: frames > 33 ms', (m) => m.play.over33 * 100, '%'],
    ['play 3 s: playhead advance', (m) => m.play.playheadAdvance, 'frames'],
    [`split (S) → first new clip, median of ${3 * ROUNDS}`, (m) => median(m.splits.map((s) => s.firstMs)), 'ms'],
    [`split (S) → both new clips, median of ${3 * ROUNDS}`, (m) => median(m.splits.map((s) => s.allMs)), 'ms'],
    [`split (S) → both new clips, worst of ${3 * ROUNDS}`, (m) => Math.max(...m.splits.map((s) => s.allMs)), 'ms'],
    ['API alone: clip.split round trip, median of 3', (m) => median(m.engineSplitMs), 'ms'],
    ['JS heap, fitted (every clip drawn)', (m) => m.heapAfterOpen.jsHeapMB, 'MB'],
    ['JS heap, at 2 px/frame after the measures', (m) => m.heapAfterAll.jsHeapMB, 'MB'],
    ['DOM nodes, fitted', (m) => m.heapAfterOpen.domNodes, ''],
    ['DOM nodes, at 2 px/frame after the measures', (m) => m.heapAfterAll.domNodes, ''],
    ['API alone: timeline.replace round trip', (m) => m.replaceMs, 'ms'],
    ['project state in each edit’s answer (JSON)', (m) => m.stateKB, 'KB'],
  ];
  const format = (value: number, unit: string) => {
    const text = unit === '%' ? value.toFixed(1) : Number.isInteger(value) ? String(value) : value.toFixed(1);
    return `${text}${unit && unit !== 'frames' ? ` ${unit}` : ''}`;
  };
  const clips = (m: Measured) => `${m.clips / 2}+${m.clips / 2} clips`;
  const head = `${'measure (clips on V1+A1)'.padEnd(48)}${clips(large).padStart(16)}${clips(base).padStart(13)}${'ratio'.padStart(9)}`;
  console.log(head);
  console.log('-'.repeat(head.length));
  for (const [label, read, unit] of rows) {
    const l = read(large);
    const b = read(base);
    const ratio = b > 0 ? `${(l / b).toFixed(2)}×` : '—';
    console.log(`${label.padEnd(48)}${format(l, unit).padStart(16)}${format(b, unit).padStart(13)}${ratio.padStart(9)}`);
  }
}

function printDetails(label: string, m: Measured) {
  console.log(`\n${label}`);
  for (const [name, stats] of [['zoom', m.zoom], ['scroll', m.scroll], ['play', m.play]] as const) {
    const scripts = stats.topScripts.map((s) => `${s.name} ${s.ms} ms`).join('; ') || '–';
    console.log(
      `  ${name.padEnd(7)} ${stats.frames} frames, ${stats.longFrames} over 50 ms (script ${stats.longFrameScriptMs} ms, ` +
        `style/layout/paint ${stats.longFrameRenderMs} ms); longest scripts: ${scripts}`,
    );
  }
  for (const [name, cost] of Object.entries(m.costs)) {
    console.log(
      `  ${name.padEnd(7)} main thread: script ${cost.scriptMs} ms, style ${cost.styleMs} ms, layout ${cost.layoutMs} ms, ` +
        `all tasks ${cost.taskMs} ms`,
    );
  }
  for (const bucket of m.zoom.byClipsInDom ?? []) {
    console.log(`  zoom    frames drawing ${bucket.clips.padEnd(9)} clips: ${String(bucket.frames).padStart(3)}, median ${bucket.medianMs} ms, p95 ${bucket.p95Ms} ms`);
  }
  console.log(
    `  scroll  ${m.scroll.scrolledPx} px scrolled over a scrollable width of ${m.scroll.scrollMaxPx} px ` +
      `(turning round at the ends), ${m.scroll.clipsInDom} clips in the DOM at the end`,
  );
  console.log(`  play    preview playing: ${m.play.playing}`);
  console.log(`  splits  ${m.splits.map((s) => `${s.firstMs}/${s.allMs} ms`).join(', ')} (first/both new clips)`);
  console.log(`  engine  clip.split round trips ${m.engineSplitMs.join(', ')} ms`);
  const perRound = (read: (r: Round) => number) => m.rounds.map(read).join(' / ');
  console.log(
    `  rounds  open ${perRound((r) => r.openMs)} ms; p95 zoom ${perRound((r) => r.zoom.p95Ms)}, ` +
      `scroll ${perRound((r) => r.scroll.p95Ms)}, play ${perRound((r) => r.play.p95Ms)} ms`,
  );
  for (const [name, lines] of Object.entries(m.profiles)) {
    if (lines.length > 0) console.log(`  CPU profile, ${name}:\n    ${lines.join('\n    ')}`);
  }
}

if (!fs.existsSync(path.join(REPO, 'out/main/web.js'))) {
  console.error('The web shell is not built: run `npm run build` first.');
  process.exit(2);
}
const runStarted = performance.now();
const corpus = await ensureTestMedia();
const project = await openNewProject('Timeline bench');
const pageErrors: string[] = [];
project.page.on('pageerror', (error) => pageErrors.push(error.message));
const api = await connectApi(project.shell.port, project.shell.token);
let failed = false;
try {
  const { page } = project;
  // tsx keeps function names with a `__name` helper that the page does not have; the probe's code is sent as text.
  await page.evaluate('globalThis.__name = (target) => target');
  await page.evaluate(installProbe);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  if (PROFILE) await cdp.send('Profiler.enable');

  const assets = await importMedia(project, api, [corpus.good['h264-aac.mp4'].path, corpus.good['speech.wav'].path]);
  const small = await makeSequence(api, `Baseline ${BASELINE}`, BASELINE, assets);
  const base = await measure(project, api, cdp, small.sequence, small.bench, small.replaceMs, small.stateKB, false);
  // The large sequence is made only now, so the baseline ran in a project without it.
  const big = await makeSequence(api, `Large ${COUNT}`, COUNT, assets);
  const large = await measure(project, api, cdp, big.sequence, big.bench, big.replaceMs, big.stateKB, PROFILE);

  console.log(
    `\nTimeline editor, ${COUNT} clips on V1 and on A1 against a ${BASELINE}-clip baseline; Chromium 1440×900, ` +
      `scroll at ${FIXED_ZOOM} px a frame, ${SCROLL_STEP_PX} px a frame for ${SCROLL_FRAMES} frames\n`,
  );
  printTable(large, base);
  printDetails(`${COUNT} clips`, large);
  printDetails(`${BASELINE} clips`, base);
} catch (error) {
  failed = true;
  console.error('The bench broke:', error);
} finally {
  api.close();
  await project.close();
}
if (pageErrors.length > 0) {
  failed = true;
  console.error(`The page threw ${pageErrors.length} error(s):\n  ${pageErrors.join('\n  ')}`);
}
console.log(`\nRun took ${Math.round((performance.now() - runStarted) / 1000)} s.`);
process.exitCode = failed ? 1 : 0;
