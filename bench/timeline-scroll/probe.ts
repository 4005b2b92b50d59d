/**
 * What the bench runs inside the app's page: `installProbe` is handed to Playwright's `page.evaluate`, which sends its
 * source text, so it must not use anything from outside its own body. It puts `__timelineBench` on the window, with
 * one method per measure; each times the frames it spans from `requestAnimationFrame` timestamps.
 *
 * This file is type-checked with the Node project, which has no DOM types: the few browser objects used are
 * described by the small interfaces below.
 */

export interface FrameStats {
  frames: number;
  medianMs: number;
  p95Ms: number;
  worstMs: number;
  /** Share (0..1) of frames longer than 33 ms: two refreshes or more at 60 Hz, which a user sees as a stutter. */
  over33: number;
  /** Long animation frames (over 50 ms) and where their time went: script, or style, layout and paint. */
  longFrames: number;
  longFrameScriptMs: number;
  longFrameRenderMs: number;
  /** The scripts that took longest in the long frames, by what ran them, with their total milliseconds. */
  topScripts: { name: string; ms: number }[];
  /** Frame times by how many clips the DOM held in the frame (only where asked for): fewer than 100, up to 1,000, more. */
  byClipsInDom?: { clips: string; frames: number; medianMs: number; p95Ms: number }[];
}

export interface ScrollStats extends FrameStats {
  /** Pixels scrolled in all, and the timeline's scrollable width. */
  scrolledPx: number;
  scrollMaxPx: number;
  clipsInDom: number;
}

export interface PlayStats extends FrameStats {
  playing: boolean;
  /** Frames the playhead advanced while the frames were recorded. */
  playheadAdvance: number;
}

export interface ViewInfo {
  /** The lanes' visible width, and their left and top edge in the viewport. */
  laneWidth: number;
  laneLeft: number;
  laneTop: number;
  laneHeight: number;
  rulerTop: number;
  rulerHeight: number;
  /** The lanes' full width (the sequence, and a viewport's worth after it). */
  contentWidth: number;
  scrollLeft: number;
  scrollMax: number;
  clipsInDom: number;
  playhead: number;
}

export interface SplitTiming {
  /** From the key going down to the frame after the DOM shows the first new clip, and all the new clips. */
  firstMs: number;
  allMs: number;
}

export interface TimelineProbe {
  /** Clicks the Timeline tab and times until the open sequence shows `expectedClips` clips, and a frame after. */
  open(expectedClips: number, timeoutMs: number): Promise<{ ms: number; clips: number }>;
  view(): ViewInfo;
  /** One Ctrl+wheel step at the lanes' centre, `deltaY` as a wheel reports it (100 is one notch, zooming out). */
  wheelZoom(deltaY: number): void;
  /** A Ctrl+wheel step every frame: `frames` zooming in by `deltaY` each, then as many zooming back out. */
  zoomSweep(frames: number, deltaY: number): Promise<FrameStats>;
  setScroll(px: number): Promise<void>;
  /** Scrolls by `stepPx` every frame for `frames` frames, turning round at either end. */
  scrollSweep(stepPx: number, frames: number): Promise<ScrollStats>;
  /** Frame times over `ms` while whatever is running (playback) runs. */
  record(ms: number): Promise<PlayStats>;
  /** Starts watching for `extra` more clips in the DOM, timed from the next key press. */
  armSplit(extra: number, timeoutMs: number): void;
  splitResult(): Promise<SplitTiming>;
  frames(count: number): Promise<void>;
}

export function installProbe(): void {
  interface Box {
    left: number;
    top: number;
    width: number;
    height: number;
  }
  interface Element {
    scrollLeft: number;
    readonly scrollWidth: number;
    readonly clientWidth: number;
    readonly offsetWidth: number;
    getBoundingClientRect(): Box;
    getAttribute(name: string): string | null;
    querySelector(selector: string): Element | null;
    querySelectorAll(selector: string): ArrayLike<Element> & Iterable<Element>;
    dispatchEvent(event: object): boolean;
    click(): void;
  }
  interface LongFrameEntry {
    startTime: number;
    duration: number;
    renderStart: number;
    scripts: { duration: number; invoker: string; sourceFunctionName: string; sourceURL: string; sourceCharPosition: number }[];
  }
  interface PageWindow {
    document: Element;
    requestAnimationFrame(callback: (now: number) => void): number;
    addEventListener(type: string, listener: (event: { timeStamp: number; key: string }) => void, capture: boolean): void;
    removeEventListener(type: string, listener: (event: { timeStamp: number; key: string }) => void, capture: boolean): void;
    WheelEvent: new (type: string, init: object) => object;
    PerformanceObserver: new (callback: (list: { getEntries(): LongFrameEntry[] }) => void) => {
      observe(options: object): void;
      disconnect(): void;
    };
    __timelineBench?: TimelineProbe;
  }
  const page = globalThis as unknown as PageWindow;
  const doc = page.document;
  const CLIPS = '[data-testid="timeline-editor"] [data-testid="timeline-clip"]';
  const DENSE_LANES = '[data-testid="timeline-editor"] [data-testid="timeline-dense-lane"]';

  const nextFrame = () => new Promise<number>((resolve) => page.requestAnimationFrame(resolve));
  const one = (selector: string): Element => {
    const found = doc.querySelector(selector);
    if (!found) throw new Error(`The page has no ${selector}`);
    return found;
  };
  const scroller = () => one('[data-testid="timeline-editor"] .scroller');
  /** Clips drawn: one element each, or counted on the canvases of tracks drawn as one picture when zoomed far out. */
  const clipCount = () =>
    doc.querySelectorAll(CLIPS).length +
    [...doc.querySelectorAll(DENSE_LANES)].reduce((sum, lane) => sum + Number(lane.getAttribute('data-clips') ?? 0), 0);
  const round = (ms: number) => Math.round(ms * 10) / 10;

  /** Runs `step` at the start of each of `count` frames (or for `ms`), timing the frames between. */
  async function timeFrames(
    limit: { frames: number } | { ms: number },
    step: (i: number) => void,
    countClips = false,
  ): Promise<FrameStats> {
    const deltas: number[] = [];
    /** The clips in the DOM the frame that just ended drew (counted at the start of the next). */
    const drawn: number[] = [];
    const long: LongFrameEntry[] = [];
    const observer = new page.PerformanceObserver((list) => long.push(...list.getEntries()));
    observer.observe({ type: 'long-animation-frame', buffered: false });
    await new Promise<void>((resolve) => {
      let first = 0;
      let last = 0;
      const tick = (now: number) => {
        if (last !== 0) {
          deltas.push(now - last);
          if (countClips) drawn.push(clipCount());
        } else first = now;
        last = now;
        const done = 'frames' in limit ? deltas.length >= limit.frames : now - first >= limit.ms;
        if (done) return resolve();
        step(deltas.length);
        page.requestAnimationFrame(tick);
      };
      page.requestAnimationFrame(tick);
    });
    observer.disconnect();
    const percentile = (values: number[], p: number) => {
      const sorted = [...values].sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
    };
    const at = (p: number) => percentile(deltas, p);
    const buckets = [
      { clips: '< 100', test: (n: number) => n < 100 },
      { clips: '100–1,000', test: (n: number) => n >= 100 && n <= 1000 },
      { clips: '> 1,000', test: (n: number) => n > 1000 },
    ];
    const scripts = new Map<string, number>();
    for (const frame of long) {
      for (const script of frame.scripts) {
        const where = script.sourceFunctionName || script.invoker || 'script';
        scripts.set(where, (scripts.get(where) ?? 0) + script.duration);
      }
    }
    return {
      frames: deltas.length,
      medianMs: round(at(0.5)),
      p95Ms: round(at(0.95)),
      worstMs: round(Math.max(0, ...deltas)),
      over33: deltas.length === 0 ? 0 : deltas.filter((d) => d > 33.4).length / deltas.length,
      longFrames: long.length,
      longFrameScriptMs: round(long.reduce((sum, f) => sum + f.scripts.reduce((s, x) => s + x.duration, 0), 0)),
      longFrameRenderMs: round(long.reduce((sum, f) => sum + Math.max(0, f.startTime + f.duration - f.renderStart), 0)),
      topScripts: [...scripts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([name, ms]) => ({ name, ms: round(ms) })),
      ...(countClips
        ? {
            byClipsInDom: buckets.map(({ clips, test }) => {
              const times = deltas.filter((_, i) => test(drawn[i] ?? 0));
              return { clips, frames: times.length, medianMs: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)) };
            }),
          }
        : {}),
    };
  }

  function view(): ViewInfo {
    const element = scroller();
    const lane = one('[data-testid="timeline-editor"] [data-testid="timeline-track"]');
    const head = one('[data-testid="timeline-editor"] [data-testid="track-head"]');
    const ruler = one('[data-testid="timeline-editor"] [data-testid="timeline-ruler"]');
    const box = element.getBoundingClientRect();
    const laneBox = lane.getBoundingClientRect();
    const rulerBox = ruler.getBoundingClientRect();
    const headWidth = head.offsetWidth;
    return {
      laneWidth: element.clientWidth - headWidth,
      laneLeft: box.left + headWidth,
      laneTop: laneBox.top,
      laneHeight: laneBox.height,
      rulerTop: rulerBox.top,
      rulerHeight: rulerBox.height,
      contentWidth: lane.offsetWidth,
      scrollLeft: element.scrollLeft,
      scrollMax: element.scrollWidth - element.clientWidth,
      clipsInDom: clipCount(),
      playhead: Number(one('[data-testid="timeline-playhead"]').getAttribute('data-frame')),
    };
  }

  function wheelZoom(deltaY: number) {
    const info = view();
    scroller().dispatchEvent(
      new page.WheelEvent('wheel', {
        deltaY,
        ctrlKey: true,
        clientX: info.laneLeft + info.laneWidth / 2,
        clientY: info.laneTop + info.laneHeight / 2,
        bubbles: true,
        cancelable: true,
      }),
    );
  }

  let split: Promise<SplitTiming> | null = null;

  const probe: TimelineProbe = {
    async open(expectedClips, timeoutMs) {
      const tab = one('[data-testid="tab-timeline"]');
      const start = performance.now();
      tab.click();
      for (;;) {
        const now = await nextFrame();
        if (clipCount() === expectedClips) break;
        if (now - start > timeoutMs) throw new Error(`The timeline showed ${clipCount()} clips, not ${expectedClips}`);
      }
      // The frame in which the clips are complete has been drawn once the next one starts.
      const shown = await nextFrame();
      return { ms: round(shown - start), clips: clipCount() };
    },
    view,
    wheelZoom,
    zoomSweep(frames, deltaY) {
      return timeFrames({ frames: frames * 2 }, (i) => wheelZoom(i < frames ? -deltaY : deltaY), true);
    },
    async setScroll(px) {
      scroller().scrollLeft = px;
      await nextFrame();
      await nextFrame();
    },
    async scrollSweep(stepPx, frames) {
      const element = scroller();
      const max = element.scrollWidth - element.clientWidth;
      let direction = 1;
      let scrolled = 0;
      const stats = await timeFrames({ frames }, () => {
        if (element.scrollLeft + stepPx * direction > max || element.scrollLeft + stepPx * direction < 0) direction *= -1;
        const before = element.scrollLeft;
        element.scrollLeft = before + stepPx * direction;
        scrolled += Math.abs(element.scrollLeft - before);
      });
      return { ...stats, scrolledPx: Math.round(scrolled), scrollMaxPx: max, clipsInDom: clipCount() };
    },
    async record(ms) {
      const stage = one('[data-testid="preview-stage"]');
      const from = view().playhead;
      let playing = false;
      const stats = await timeFrames({ ms }, () => {
        playing ||= stage.getAttribute('data-playing') === 'true';
      });
      return { ...stats, playing, playheadAdvance: view().playhead - from };
    },
    armSplit(extra, timeoutMs) {
      const before = clipCount();
      split = new Promise<SplitTiming>((resolve, reject) => {
        const keydown = (event: { timeStamp: number; key: string }) => {
          if (event.key !== 's' && event.key !== 'S') return;
          page.removeEventListener('keydown', keydown, true);
          const pressed = performance.now();
          let seen = false;
          let first = 0;
          const watch = (now: number) => {
            // Times are taken at the start of the frame after the DOM changed: the change has been drawn by then.
            if (seen && first === 0) first = now;
            const count = clipCount();
            seen ||= count > before;
            if (count >= before + extra) {
              void nextFrame().then((shown) => resolve({ firstMs: round((first || shown) - pressed), allMs: round(shown - pressed) }));
              return;
            }
            if (now - pressed > timeoutMs) return reject(new Error(`The split showed ${count - before} new clips, not ${extra}`));
            page.requestAnimationFrame(watch);
          };
          page.requestAnimationFrame(watch);
        };
        page.addEventListener('keydown', keydown, true);
      });
    },
    splitResult() {
      if (!split) return Promise.reject(new Error('No split was armed'));
      return split;
    },
    async frames(count) {
      for (let i = 0; i < count; i += 1) await nextFrame();
    },
  };
  page.__timelineBench = probe;
}
