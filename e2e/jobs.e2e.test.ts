import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser';
import { makeSandbox, REPO, type Sandbox } from './support/web-shell';

/**
 * The Jobs view over a real export: the renderer cannot start path-taking exports, so a test-only launcher
 * (support/web-shell-with-export.ts) starts the web shell with a long export already running.
 */
let sandbox: Sandbox;
let launcher: ChildProcess;
let launcherOutput = '';
let url: string;
let exportOutput: string;
let browser: Browser;
/** Where screenshots go: REELSMITH_E2E_SHOTS to keep them, else the sandbox (removed afterwards). */
let shots: string;

beforeAll(async () => {
  sandbox = await makeSandbox();
  launcher = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(REPO, 'e2e/support/web-shell-with-export.ts'), '--failed'],
    { cwd: REPO, env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  launcher.stdout!.on('data', (d: Buffer) => (launcherOutput += d.toString()));
  launcher.stderr!.on('data', (d: Buffer) => (launcherOutput += d.toString()));
  [url, exportOutput] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher did not start:\n${launcherOutput}`)), 30_000);
    const check = () => {
      const address = /Reelsmith web shell: (http:\/\/\S+)/.exec(launcherOutput)?.[1];
      const output = /EXPORT_OUTPUT (.+)/.exec(launcherOutput)?.[1];
      if (address && output) {
        clearTimeout(timer);
        resolve([address, output.trim()]);
      }
    };
    launcher.stdout!.on('data', check);
    launcher.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`launcher exited with ${code}:\n${launcherOutput}`));
    });
  });
  browser = await launchChromium();
  shots = process.env.REELSMITH_E2E_SHOTS ?? sandbox.root;
  await fs.mkdir(shots, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (launcher && launcher.exitCode === null) {
    const exited = new Promise((resolve) => launcher.once('exit', resolve));
    launcher.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    if (launcher.exitCode === null) launcher.kill('SIGKILL');
  }
  await sandbox?.remove();
});

async function openJobs(page: Page): Promise<void> {
  await page.getByTestId('workspace').waitFor({ timeout: 15_000 });
  await page.getByTestId('tab-jobs').click();
}

async function progressOf(page: Page): Promise<number> {
  const bar = page.getByTestId('job-item').filter({ hasText: 'long-source.mp4' }).getByTestId('job-progress');
  if ((await bar.count()) === 0) return -1;
  return Number((await bar.getAttribute('aria-valuenow')) ?? -1);
}

describe('Jobs view in Chromium', () => {
  it('shows a running export across a reload, cancels it and leaves no file behind', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(url);
    await openJobs(page);

    const job = page.getByTestId('job-item').filter({ hasText: 'long-source.mp4' });
    await expect.poll(() => job.getByTestId('job-state').getAttribute('data-state'), { timeout: 15_000 }).toBe('running');
    await expect.poll(() => progressOf(page), { timeout: 20_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('jobs-badge').textContent()).toBe('1');
    await page.screenshot({ path: path.join(shots, 'jobs-running.png') });

    // The failed export from before shows its readable message and, on demand, ffmpeg's command line and output.
    const failed = page.getByTestId('job-item').filter({ hasText: 'short.mp4' });
    await expect.poll(() => failed.getByTestId('job-state').getAttribute('data-state')).toBe('failed');
    expect(await failed.getByTestId('job-error').textContent()).toBeTruthy();
    await failed.getByTestId('job-details').locator('summary').click();
    expect(await failed.getByTestId('job-details').textContent()).toContain('ffmpeg');
    await page.screenshot({ path: path.join(shots, 'jobs-failed-details.png') });
    expect(await failed.getByTestId('job-retry').isEnabled()).toBe(true);

    const before = await progressOf(page);
    await page.reload();
    await openJobs(page);
    await expect.poll(() => job.getByTestId('job-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => progressOf(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(before);
    expect(await job.getByTestId('job-progress').locator('..').textContent()).toMatch(/\d+%/);

    await job.getByTestId('job-cancel').click();
    await expect.poll(() => job.getByTestId('job-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('cancelled');
    await expect.poll(() => job.getByTestId('job-state').textContent()).toBe('Cancelled');
    expect(await job.getByTestId('job-cancel').count()).toBe(0);
    await expect.poll(() => page.getByTestId('jobs-badge').count()).toBe(0);

    const folder = path.dirname(exportOutput);
    await expect
      .poll(async () => (await fs.readdir(folder)).filter((name) => name.includes('long-export') || name.includes('.reelsmith-partial-')), {
        timeout: 10_000,
      })
      .toEqual([]);
    await expect(fs.access(exportOutput)).rejects.toThrow();

    await page.getByTestId('jobs-clear-finished').click();
    await expect.poll(() => page.getByTestId('job-item').count()).toBe(0);
    await page.getByText('No jobs yet').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
