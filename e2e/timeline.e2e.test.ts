import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureTestMedia, type TestMediaCorpus } from '../test/media/corpus';
import { openNewProject, type ProjectPage } from './support/project-page';

/** The timeline as a user edits it in the web shell: add clips from the gallery, split, undo, redo. */

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
});
