import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureTestMedia, type TestMediaCorpus } from '../test/media/corpus';
import { openNewProject, type ProjectPage } from './support/project-page';

/** Upscaling as a user does it in the web shell: ask for ×4 on an image, watch the job, find the result and its lineage. */

let project: ProjectPage;
let page: Page;
let corpus: TestMediaCorpus;

beforeAll(async () => {
  corpus = await ensureTestMedia();
  project = await openNewProject('Art');
  page = project.page;
});

afterAll(() => project?.close());

describe('upscaling in the web shell', () => {
  it('upscales an image ×4 as a job and shows the result with where it came from', async () => {
    await page.getByTestId('import-input').setInputFiles([corpus.good['alpha.png'].path]);
    await expect.poll(() => page.getByTestId('asset-tile').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('asset-tile').first().click();
    await page.getByTestId('upscale-4').click();
    await expect.poll(() => page.getByTestId('upscale-run').first().getAttribute('data-state'), { timeout: 60_000 }).toBe('succeeded');
    await expect.poll(() => page.getByTestId('asset-tile').count(), { timeout: 30_000 }).toBe(2);
    await page.locator('[data-testid=asset-tile][data-name="alpha ×4.png"]').click();
    await expect.poll(() => page.getByTestId('detail-lineage').innerText(), { timeout: 10_000 }).toMatch(/upscale with rdn-slim-x4\s+from\s+alpha\.png/);
    await expect.poll(() => page.getByTestId('detail-panel').innerText()).toMatch(/Resolution\s+\d+×\d+/);
  }, 120_000);
});
