import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureTestMedia, type TestMediaCorpus } from '../test/media/corpus';
import { openNewProject, type ProjectPage } from './support/project-page';

/** Ingest as a user does it in the web shell: drop and pick files, watch them arrive, play, seek, search, filter, tag. */

let project: ProjectPage;
let corpus: TestMediaCorpus;
let page: Page;

beforeAll(async () => {
  corpus = await ensureTestMedia();
  project = await openNewProject('Ingest');
  page = project.page;
});

afterAll(() => project?.close());

/** The parts of DOM elements these checks read (the e2e project has no DOM types; the callbacks run in the page). */
interface MediaElement {
  readyState: number;
  currentTime: number;
  currentSrc: string;
  videoWidth: number;
  ended: boolean;
  play(): Promise<void>;
  addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
}
interface ImageElement {
  complete: boolean;
  naturalWidth: number;
}
interface CanvasElement {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

const tiles = () => page.getByTestId('asset-tile');
const tile = (name: string) => page.locator(`[data-testid="asset-tile"][data-name="${name}"]`);

describe('the gallery in the web shell', () => {
  it('uploads picked files, shows each with its poster and badges, and reports the file it rejected', async () => {
    await page.getByTestId('import-input').setInputFiles([
      corpus.good['h264-aac.mp4'].path,
      corpus.good['speech.wav'].path,
      corpus.good['alpha.png'].path,
      corpus.good['hevc.mkv'].path,
      corpus.bad['notes.mp4'].path,
    ]);
    await expect.poll(() => tiles().count(), { timeout: 30_000 }).toBe(4);
    await expect.poll(() => page.getByTestId('import-report').textContent()).toMatch(/notes\.mp4/);
    await expect.poll(() => page.getByTestId('import-report').textContent()).toMatch(/not a media file/);

    const video = tile('h264-aac.mp4');
    await expect.poll(() => video.getAttribute('data-poster'), { timeout: 30_000 }).toBe('ready');
    await expect.poll(() => video.getByTestId('asset-poster').evaluate((img: ImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await video.getByTestId('asset-duration').textContent()).toMatch(/0:02/);
    expect(await video.getByTestId('asset-resolution').textContent()).toMatch(/\d/);
    await expect.poll(() => tile('alpha.png').getAttribute('data-poster'), { timeout: 30_000 }).toBe('ready');
    expect(await tile('speech.wav').getAttribute('data-kind')).toBe('audio');
    await page.screenshot({ path: path.join(project.sandbox.root, 'gallery.png') });
  });

  it('serves media by id with byte ranges, and nothing by path', async () => {
    const id = await tile('h264-aac.mp4').getAttribute('data-asset-id');
    const answers = await page.evaluate(async (assetId) => {
      const ranged = await fetch(`/media/asset/${assetId}/original`, { headers: { Range: 'bytes=0-99' } });
      const head = await fetch(`/media/asset/${assetId}/original`, { method: 'HEAD' });
      const tooFar = await fetch(`/media/asset/${assetId}/original`, { headers: { Range: 'bytes=999999999-' } });
      const byPath = await fetch(`/media/asset/${encodeURIComponent('/etc/passwd')}/original`);
      return {
        ranged: [ranged.status, ranged.headers.get('content-range'), (await ranged.arrayBuffer()).byteLength],
        head: [head.status, head.headers.get('accept-ranges'), head.headers.get('content-length')],
        tooFar: tooFar.status,
        byPath: byPath.status,
      };
    }, id);
    const size = (await fs.stat(corpus.good['h264-aac.mp4'].path)).size;
    expect(answers).toEqual({
      ranged: [206, `bytes 0-99/${size}`, 100],
      head: [200, 'bytes', String(size)],
      tooFar: 416,
      byPath: 404,
    });
  });

  it('plays a video in the detail panel and seeks', async () => {
    await tile('h264-aac.mp4').click();
    const player = page.getByTestId('detail-panel').getByTestId('detail-player');
    await player.waitFor();
    await expect.poll(() => player.evaluate((v: MediaElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const seeked = await player.evaluate(
      (v: MediaElement) =>
        new Promise<number>((resolve) => {
          v.addEventListener('seeked', () => resolve(v.currentTime), { once: true });
          v.currentTime = 1.5;
        }),
    );
    expect(seeked).toBeCloseTo(1.5, 1);
    await player.evaluate((v: MediaElement) => v.play());
    await expect.poll(() => player.evaluate((v: MediaElement) => v.currentTime > 1.5 || v.ended)).toBe(true);
    await page.screenshot({ path: path.join(project.sandbox.root, 'detail-video.png') });
  });

  it('plays HEVC through its proxy once it is made', async () => {
    await expect.poll(() => tile('hevc.mkv').getAttribute('data-state'), { timeout: 30_000 }).toBe('ready');
    await tile('hevc.mkv').click();
    const player = page.getByTestId('detail-panel').getByTestId('detail-player');
    await expect.poll(() => player.evaluate((v: MediaElement) => v.readyState).catch(() => 0), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);
    expect(await player.evaluate((v: MediaElement) => v.currentSrc)).toMatch(/\/play/);
    expect(await player.evaluate((v: MediaElement) => v.videoWidth)).toBeGreaterThan(0);
  });

  it('draws the waveform of audio', async () => {
    await tile('speech.wav').click();
    const waveform = page.getByTestId('detail-panel').getByTestId('detail-waveform');
    await waveform.waitFor({ timeout: 30_000 });
    // Speech draws ink on the canvas: some pixels are not background.
    await expect
      .poll(
        () =>
          waveform.evaluate((canvas: CanvasElement) => {
            const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
            const seen = new Set<number>();
            for (let i = 0; i < data.length; i += 4) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
            return seen.size;
          }),
        { timeout: 30_000 },
      )
      .toBeGreaterThan(2);
  });

  it('drops a file on the gallery and imports it', async () => {
    const bytes = await fs.readFile(corpus.good['vp9-opus.webm'].path);
    const transfer = await page.evaluateHandle((data) => {
      // A drop from the desktop cannot be made by a script; a DataTransfer holding a File takes the same path.
      const dt = new (globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } } }).DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'dropped.webm', { type: 'video/webm' }));
      return dt;
    }, [...bytes]);
    const gallery = page.getByTestId('gallery');
    await gallery.dispatchEvent('dragenter', { dataTransfer: transfer });
    await gallery.dispatchEvent('dragover', { dataTransfer: transfer });
    await gallery.dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => tiles().count(), { timeout: 30_000 }).toBe(5);
    await expect.poll(() => tile('dropped.webm').getAttribute('data-kind')).toBe('video');
  });

  it('searches, filters by kind, and tags', async () => {
    await page.getByTestId('gallery-search').fill('speech');
    await expect.poll(() => tiles().count()).toBe(1);
    await page.getByTestId('gallery-search').fill('');
    await page.getByTestId('gallery-filter-audio').click();
    await expect.poll(() => tiles().count()).toBe(1);
    await page.getByTestId('gallery-filter-video').click();
    await expect.poll(() => tiles().count()).toBe(3);
    await page.getByTestId('gallery-filter-all').click();
    await expect.poll(() => tiles().count()).toBe(5);

    await tile('alpha.png').click();
    await page.getByTestId('tag-input').fill('Thumbnail art');
    await page.getByTestId('tag-input').press('Enter');
    await expect.poll(() => page.getByTestId('detail-panel').getByTestId('tag-chip').allTextContents()).toEqual([expect.stringContaining('Thumbnail art')]);
    await page.getByTestId('gallery-search').fill('thumbnail');
    await expect.poll(() => tiles().count()).toBe(1);
    expect(await tiles().first().getAttribute('data-name')).toBe('alpha.png');
    await page.getByTestId('gallery-search').fill('');
    await page.screenshot({ path: path.join(project.sandbox.root, 'tagged.png') });
  });
});
