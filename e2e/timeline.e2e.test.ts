import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureTestMedia, type TestMediaCorpus } from '../test/media/corpus';
import { openNewProject, type ProjectPage } from './support/project-page';

/**
 * The timeline as a user edits it in the web shell: add clips from the gallery or by dragging, trim, split, undo,
 * redo, play across the cuts, export with a progress bar, and find and play the export in the gallery.
 */

let project: ProjectPage;
let corpus: TestMediaCorpus;
let page: Page;

beforeAll(async () => {
  corpus = await ensureTestMedia();
  project = await openNewProject('Cut');
  page = project.page;
});

afterAll(() => project?.close());

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const clips = () => page.getByTestId('timeline-clip');

/** The part of a media element the checks read (this file is compiled without the DOM's types). */
interface MediaLike {
  paused: boolean;
  currentTime: number;
  muted: boolean;
  play(): Promise<void>;
  style: { visibility: string };
}

/** The preview's picture elements: whether each is shown, playing, and where in its source. */
function pictures() {
  return page.locator('[data-testid=preview-stage] video').evaluateAll((elements) =>
    elements.map((element) => {
      const video = element as unknown as MediaLike;
      return { visible: video.style.visibility === 'visible', paused: video.paused, time: video.currentTime };
    }),
  );
}

describe('the timeline in the web shell', () => {
  it('adds gallery assets to a new sequence, splits a clip at the playhead, and undoes and redoes the split', async () => {
    await page.getByTestId('import-input').setInputFiles([corpus.good['h264-aac.mp4'].path, corpus.good['vp9-opus.webm'].path]);
    await expect.poll(() => page.getByTestId('asset-tile').count(), { timeout: 30_000 }).toBe(2);
    await page.getByTestId('asset-tile').first().click();
    await page.getByTestId('asset-tile').nth(1).click({ modifiers: ['Shift'] });
    await page.getByTestId('add-to-timeline').click();

    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('timeline-editor').waitFor();
    await expect.poll(() => clips().count()).toBe(2);
    const first = clips().first();
    const box = (await first.boundingBox())!;
    const ruler = (await page.getByTestId('timeline-ruler').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, ruler.y + ruler.height / 2);
    await first.click();
    await page.keyboard.press('s');
    await expect.poll(() => clips().count()).toBe(3);
    const starts = await clips().evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-start'))));
    expect(new Set(starts).size).toBe(3);

    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => clips().count()).toBe(2);
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect.poll(() => clips().count()).toBe(3);
  });

  it('takes three dragged clips through trim, split, undo, redo, playback and an export that lands in the gallery', async () => {
    await page.getByTestId('tab-gallery').click();
    await page.getByTestId('import-input').setInputFiles([corpus.good['hevc.mkv'].path]);
    await expect.poll(() => page.getByTestId('asset-tile').count(), { timeout: 30_000 }).toBe(3);
    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('new-sequence').click();
    await expect.poll(() => page.getByTestId('timeline-editor').getAttribute('data-sequence-id')).not.toBeNull();
    await expect.poll(() => clips().count()).toBe(0);

    // Drag each of the three media onto V1, one after the other.
    const lane = page.locator('[data-testid=timeline-track][data-kind=video]');
    for (let i = 0; i < 3; i++) {
      const laneBox = (await lane.boundingBox())!;
      await page.getByTestId('media-bin-item').nth(i).dragTo(lane, { targetPosition: { x: Math.max(2, laneBox.width * 0.3 * i), y: laneBox.height / 2 } });
      await expect.poll(() => clips().count()).toBe(i + 1);
    }
    await page.getByTestId('timeline-zoom-fit').click();
    const spans = () =>
      clips().evaluateAll((nodes) =>
        nodes.map((n) => [Number(n.getAttribute('data-start')), Number(n.getAttribute('data-duration'))] as const).sort((a, b) => a[0] - b[0]),
      );
    const before = await spans();
    expect(before).toHaveLength(3);
    for (let i = 1; i < 3; i++) expect(before[i]![0]).toBeGreaterThanOrEqual(before[i - 1]![0] + before[i - 1]![1]);

    // Trim the end of the last clip by dragging its out edge to the left.
    const last = clips().last();
    const edge = last.locator('.edge.out');
    const edgeBox = (await edge.boundingBox())!;
    await page.mouse.move(edgeBox.x + edgeBox.width / 2, edgeBox.y + edgeBox.height / 2);
    await page.mouse.down();
    await page.mouse.move(edgeBox.x - 60, edgeBox.y + edgeBox.height / 2, { steps: 6 });
    await page.mouse.up();
    await expect.poll(async () => (await spans())[2]![1]).toBeLessThan(before[2]![1]);
    const trimmed = await spans();

    // Split the first clip at the playhead.
    const firstBox = (await clips().first().boundingBox())!;
    const ruler = (await page.getByTestId('timeline-ruler').boundingBox())!;
    await page.mouse.click(firstBox.x + firstBox.width / 2, ruler.y + ruler.height / 2);
    await page.keyboard.press('s');
    await expect.poll(() => clips().count()).toBe(4);

    // Undo the split and the trim, then redo the trim.
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => clips().count()).toBe(3);
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(spans).toEqual(before);
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect.poll(spans).toEqual(trimmed);

    // Play from the start: the playhead runs across the first cut and the picture follows.
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('preview-stage').getAttribute('data-playing')).toBe('true');
    const cut = trimmed[1]![0];
    await expect.poll(async () => Number(await page.getByTestId('timeline-playhead').getAttribute('data-frame')), { timeout: 15_000 }).toBeGreaterThan(cut + 5);
    const shown = (await pictures()).filter((v) => v.visible);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((v) => !v.paused && v.time > 0)).toBe(true);
    // The clips' own sound plays with them.
    expect(Number(await page.getByTestId('preview-stage').getAttribute('data-audible'))).toBeGreaterThan(0);
    await page.keyboard.press('k');
    await expect.poll(() => page.getByTestId('preview-stage').getAttribute('data-playing')).toBe('false');

    // Paused, the picture sits on the playhead's frame of its source.
    await page.keyboard.press('Home');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('timeline-playhead').getAttribute('data-frame')).toBe('10');
    await expect
      .poll(async () => {
        const video = (await pictures()).find((v) => v.visible);
        return video ? Math.round(video.time * 30 - 0.5) : null;
      })
      .toBe(10);

    // Export with a visible progress bar; the file lands in the gallery and plays there.
    await page.getByTestId('timeline-export').click();
    await page.getByTestId('export-name').fill('Rough cut');
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-progress').waitFor({ timeout: 15_000 });
    await page.getByTestId('export-show').waitFor({ timeout: 90_000 });
    await expect.poll(() => page.getByTestId('export-show').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('export-show').click();
    await page.getByTestId('gallery').waitFor();
    await expect.poll(() => page.getByTestId('detail-panel').getByText('Rough cut.mp4').first().isVisible()).toBe(true);
    const player = page.locator('video[data-testid=detail-player]');
    await player.waitFor();
    await player.evaluate((element) => {
      const video = element as unknown as MediaLike;
      video.muted = true;
      return video.play();
    });
    await expect.poll(() => player.evaluate((element) => (element as unknown as MediaLike).currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2);
  }, 180_000);
});
