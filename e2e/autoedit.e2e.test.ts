import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ensureTalks, type Talk } from '../test/media/talks';
import { openNewProject, type ProjectPage } from './support/project-page';

/**
 * Dead-air removal as a user does it in the web shell: drop a talk on the Auto-edit target, get a new sequence with
 * ghosts where the pauses were, restore one, re-cut it gentler (asked first, as the restore is the user's change),
 * export it with a progress bar, and play the result in the gallery.
 */

let project: ProjectPage;
let page: Page;
let talk: Talk;

beforeAll(async () => {
  ({ 'loud-noise-music': talk } = await ensureTalks(90, ['loud-noise-music']));
  project = await openNewProject('Talk');
  page = project.page;
}, 180_000);

afterAll(() => project?.close());

interface MediaLike {
  currentTime: number;
  muted: boolean;
  play(): Promise<void>;
}

describe('automatic editing in the web shell', () => {
  it('cuts the pauses of a dropped talk into a new sequence that restores, exports and plays', async () => {
    await page.getByTestId('import-input').setInputFiles([talk.path]);
    await expect.poll(() => page.getByTestId('asset-tile').count(), { timeout: 30_000 }).toBe(1);
    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('media-bin-item').first().dragTo(page.getByTestId('autoedit-drop'));

    // The new sequence opens by itself once the job is done, with a ghost for every cut pause.
    const editor = page.getByTestId('timeline-editor');
    await editor.waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('timeline-removed-region').count(), { timeout: 120_000 }).toBeGreaterThan(3);
    await page.getByTestId('timeline-zoom-fit').click();
    const ghosts = await page.getByTestId('timeline-removed-region').count();
    const clipCount = await page.getByTestId('timeline-clip').count();
    expect(await page.getByTestId('timeline-clip-reason').first().innerText()).toMatch(/Speech|Pause/);
    const lengthOf = async () => (await page.getByTestId('timeline-playhead-timecode').locator('xpath=following-sibling::span[1]').innerText()).trim();
    const before = await lengthOf();

    // Restore the first ghost: one more clip, one ghost fewer, a longer sequence.
    const ghost = page.getByTestId('timeline-removed-region').first();
    await ghost.hover();
    await ghost.getByRole('button', { name: 'Restore the removed part' }).click();
    await expect.poll(() => page.getByTestId('timeline-removed-region').count()).toBe(ghosts - 1);
    expect(await page.getByTestId('timeline-clip').count()).toBe(clipCount + 1);
    expect(await lengthOf()).not.toBe(before);

    // Re-cut gentler: it keeps short pauses whole, so the restored stretch is the user's change where the new cut
    // differs, and the dialog asks before replacing it.
    await page.getByTestId('timeline-recut').click();
    await page.getByTestId('recut-preset').selectOption('gentle');
    await page.getByTestId('recut-apply').click();
    await page.getByTestId('recut-conflicts').waitFor();
    await page.getByTestId('recut-replace').click();
    await page.getByTestId('recut-dialog').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('timeline-removed-region').count()).toBeGreaterThan(0);

    // Export, normalised to −14 LUFS, with a visible progress bar.
    await page.getByTestId('timeline-export').click();
    await page.getByTestId('export-name').fill('Talk cut');
    await page.getByTestId('export-preset').selectOption('audio-aac');
    await page.getByTestId('export-loudness').selectOption('-14');
    await page.getByTestId('export-start').click();
    await page.getByTestId('export-progress').waitFor({ timeout: 15_000 });
    await page.getByTestId('export-show').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('export-status').first().innerText()).toContain('Talk cut.m4a');
    await expect.poll(() => page.getByTestId('export-show').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByTestId('export-show').click();

    // The export is in the gallery and plays.
    await expect.poll(() => page.getByTestId('detail-panel').getByText('Talk cut.m4a').first().isVisible()).toBe(true);
    const player = page.locator('[data-testid=detail-panel] audio, [data-testid=detail-panel] video').first();
    await player.waitFor();
    await player.evaluate((element) => {
      const media = element as unknown as MediaLike;
      media.muted = true;
      return media.play();
    });
    await expect.poll(() => player.evaluate((element) => (element as unknown as MediaLike).currentTime), { timeout: 10_000 }).toBeGreaterThan(0.2);
  }, 300_000);
});
