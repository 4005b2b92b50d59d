import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser';
import { makeSandbox, startBuiltWebShell, type RunningWebShell, type Sandbox } from './support/web-shell';

/** Local AI in the built web shell: the built inference host, the bundled models, the status bar and Settings. */

let sandbox: Sandbox;
let shell: RunningWebShell;
let browser: Browser;

beforeAll(async () => {
  sandbox = await makeSandbox();
  shell = await startBuiltWebShell(sandbox);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await shell?.stop();
  await sandbox?.remove();
});

describe('local AI in the web shell', () => {
  it('shows the provider in use, lists the models with their licence, and forces the CPU', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(shell.url);
    const status = page.getByTestId('ai-status');
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toMatch(/AI: (CUDA|DirectML|CoreML|WebGPU|CPU)/);

    await status.click();
    const dialog = page.getByTestId('ai-settings');
    await dialog.waitFor();
    await expect.poll(() => page.getByTestId('model-row').count()).toBeGreaterThan(0);
    const rows = await page.getByTestId('model-row').evaluateAll((els) => els.map((el) => [el.getAttribute('data-model-id'), el.getAttribute('data-status')]));
    expect(rows.every(([, modelStatus]) => modelStatus === 'ok')).toBe(true);
    expect(await page.getByTestId('model-licence').first().textContent()).toBe('MIT');

    await page.getByTestId('force-cpu').check();
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('AI: CPU');
    await expect.poll(() => page.locator('[data-testid="provider-attempt"][data-outcome="skipped"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${sandbox.root}/ai-settings.png` });
    await page.getByTestId('force-cpu').uncheck();
    await expect.poll(() => page.getByTestId('force-cpu').isChecked()).toBe(false);
  });
});
