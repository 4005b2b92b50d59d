import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureTestMedia, type TestMediaCorpus } from '../test/media/corpus';
import { openNewProject, type ProjectPage } from './support/project-page';

/**
 * The Generate panel as a user works it in the web shell: drag a picture from the panel's list onto “Upscale ×4”,
 * watch the job, find the result with its lineage in the gallery; then draw a sheet of 16 stickers and see it; after
 * a reload the panel still lists both, and its controls are as they were left.
 */

const SCREENSHOT = path.resolve('.cache/generate-panel.png');

let project: ProjectPage;
let page: Page;
let corpus: TestMediaCorpus;

beforeAll(async () => {
  corpus = await ensureTestMedia();
  project = await openNewProject('Stickers');
  page = project.page;
});

afterAll(() => project?.close());

/** Width and height from the detail panel's Resolution row. */
async function detailResolution(): Promise<[number, number]> {
  const text = await page.getByTestId('detail-panel').innerText();
  const match = /Resolution\s+(\d+)×(\d+)/.exec(text);
  if (!match) throw new Error(`no resolution in the detail panel: ${text}`);
  return [Number(match[1]), Number(match[2])];
}

describe('the Generate panel in the web shell', () => {
  it('upscales a picture dropped on “Upscale ×4” and shows the result with its lineage', async () => {
    await page.getByTestId('import-input').setInputFiles([corpus.good['alpha.png'].path]);
    await expect.poll(() => page.getByTestId('asset-tile').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('tab-generate').click();
    const item = page.getByTestId('generate-bin-item').first();
    await item.waitFor();

    // Every state the panel shows the job in, so the test sees it watched, not only its end.
    await page.evaluate(`(() => {
      const seen = (globalThis.seenRunStates = new Set());
      new MutationObserver(() => {
        for (const run of document.querySelectorAll('[data-testid=generate-run]')) seen.add(run.getAttribute('data-state'));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
    })()`);
    await item.dragTo(page.getByTestId('generate-target-upscale-4'));
    const run = page.getByTestId('generate-run').first();
    await run.waitFor();
    expect(await run.innerText()).toContain('Upscale alpha.png ×4');
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 60_000 }).toBe('succeeded');
    const seen = await page.evaluate<string[]>('[...globalThis.seenRunStates]');
    expect(seen.some((state) => state === 'queued' || state === 'running')).toBe(true);

    const result = run.getByTestId('generate-result');
    await expect.poll(() => result.count(), { timeout: 30_000 }).toBe(1);
    expect(await result.getAttribute('data-name')).toBe('alpha ×4.png');
    const resultId = await result.getAttribute('data-asset-id');
    await result.click();

    await expect.poll(() => page.getByTestId('detail-panel').getAttribute('data-asset-id')).toBe(resultId);
    expect(await page.getByTestId('detail-lineage').innerText()).toMatch(/upscale with rdn-slim-x4\s+from\s+alpha\.png/);
    expect(await page.getByTestId('detail-lineage-parameters').innerText()).toMatch(/Scale\s+×4/);
    expect(await detailResolution()).toEqual([640, 360]);
  }, 120_000);

  it('draws a sheet of 16 stickers in four rows of four and shows it in the panel and the gallery', async () => {
    await page.getByTestId('tab-generate').click();
    await page.getByTestId('generate-count').fill('16');
    await page.getByTestId('generate-size').selectOption('128');
    await page.getByTestId('generate-target-sheet').click();

    const run = page.locator('[data-testid=generate-run]', { hasText: 'Sticker sheet' });
    await run.waitFor();
    await expect.poll(() => run.getAttribute('data-state'), { timeout: 120_000 }).toBe('succeeded');
    const thumbnail = run.getByTestId('generate-result').locator('img');
    await thumbnail.waitFor({ timeout: 30_000 });
    await expect.poll(() => thumbnail.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);

    await mkdir(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    const sheetId = await run.getByTestId('generate-result').getAttribute('data-asset-id');
    await run.getByTestId('generate-result').click();
    await page.locator(`[data-testid=asset-tile][data-asset-id="${sheetId}"]`).waitFor();
    expect(await page.getByTestId('detail-lineage').innerText()).toMatch(/sample with emoji-gan-32/);
    const recipe = await page.getByTestId('detail-lineage-parameters').innerText();
    expect(recipe).toMatch(/Seed\s+1/);
    expect(recipe).toMatch(/Count\s+16/);

    // Four cells of 128 px on a side, with at most a few pixels between them.
    const [width, height] = await detailResolution();
    expect(width).toBe(height);
    expect(width).toBeGreaterThanOrEqual(4 * 128);
    expect(width).toBeLessThan(4 * 128 + 16);
  }, 180_000);

  it('refuses sound dropped on an upscale and says why', async () => {
    await page.getByTestId('tab-gallery').click();
    await page.getByTestId('import-input').setInputFiles([corpus.good['speech.wav'].path]);
    const tile = page.locator('[data-testid=asset-tile][data-name="speech.wav"]');
    await tile.waitFor({ timeout: 30_000 });
    const payload = await tile.getAttribute('data-asset-id');
    await page.getByTestId('tab-generate').click();
    const runs = await page.getByTestId('generate-run').count();

    // The gallery tile's drag carries its id under the app's own type, as this transfer does.
    const transfer = await page.evaluateHandle((id) => {
      const dt = new (globalThis as unknown as { DataTransfer: new () => { setData(type: string, data: string): void } }).DataTransfer();
      dt.setData('application/x-reelsmith-asset', id ?? '');
      return dt;
    }, payload);
    const target = page.getByTestId('generate-target-upscale-2');
    await target.dispatchEvent('dragover', { dataTransfer: transfer });
    await target.dispatchEvent('drop', { dataTransfer: transfer });
    await page.getByText('speech.wav is sound: Upscale ×2 takes an image or a video.').waitFor();
    expect(await page.getByTestId('generate-run').count()).toBe(runs);
  }, 60_000);

  it('still lists what it made, with the results, and keeps its controls after the window reloads', async () => {
    await page.getByTestId('tab-generate').click();
    const jobIds = () => page.getByTestId('generate-run').evaluateAll((runs) => runs.map((run) => run.getAttribute('data-job-id')));
    const before = await jobIds();
    expect(before.length).toBeGreaterThanOrEqual(2);
    await page.getByTestId('generate-seed').fill('4242');
    await page.getByTestId('generate-count').fill('9');

    await page.reload();
    await page.getByTestId('tab-generate').click();
    await expect.poll(jobIds, { timeout: 10_000 }).toEqual(before);
    const sheet = page.locator('[data-testid=generate-run]', { hasText: 'Sticker sheet' });
    expect(await sheet.getAttribute('data-state')).toBe('succeeded');
    await sheet.getByTestId('generate-result').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('generate-seed').inputValue()).toBe('4242');
    expect(await page.getByTestId('generate-count').inputValue()).toBe('9');
    expect(await page.getByTestId('generate-size').inputValue()).toBe('128');
  }, 60_000);
});
