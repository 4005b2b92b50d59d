import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { launchChromium } from './support/browser';
import { makeSandbox, startBuiltWebShell, type RunningWebShell, type Sandbox } from './support/web-shell';

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

async function openApp(url = shell.url): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(url);
  return page;
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

describe('web shell in Chromium', () => {
  it('creates a project, edits with undo and redo, and reopens it from recent projects after a reload', async () => {
    const page = await openApp();
    await page.getByTestId('welcome').waitFor();
    await page.getByTestId('new-project-name').fill('Launch Video');
    await page.getByTestId('create-project').click();
    await page.getByTestId('workspace').waitFor();
    await expect.poll(() => page.getByTestId('project-name').textContent()).toContain('Launch Video');

    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('new-sequence').click();
    await page.getByTestId('new-sequence').click();
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(2);

    await page.getByTestId('undo').click();
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(1);
    await page.keyboard.press(`${mod}+z`);
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(0);
    await page.getByTestId('redo').click();
    await page.keyboard.press(`${mod}+Shift+z`);
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(2);
    await page.keyboard.press(`${mod}+s`);
    await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/saved/i);
    await page.screenshot({ path: path.join(sandbox.root, 'workspace.png') });

    await page.reload();
    await page.getByTestId('workspace').waitFor();
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(2);

    await page.getByTestId('close-project').click();
    await page.getByTestId('welcome').waitFor();
    const recent = page.getByTestId('recent-item').filter({ hasText: 'Launch Video' });
    await expect.poll(() => recent.count()).toBe(1);
    await recent.click();
    await page.getByTestId('workspace').waitFor();
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(2);
    await page.getByTestId('close-project').click();
    await page.close();

    const onDisk = JSON.parse(
      await fs.readFile(path.join(sandbox.root, 'projects', 'Launch Video.reelsmith', 'project.json'), 'utf8'),
    ) as { sequences: unknown[] };
    expect(onDisk.sequences).toHaveLength(2);
  });

  it('offers the backup of a damaged project and restores it', async () => {
    const page = await openApp();
    await page.getByTestId('new-project-name').fill('Fragile');
    await page.getByTestId('create-project').click();
    await page.getByTestId('workspace').waitFor();
    await page.getByTestId('tab-timeline').click();
    await page.getByTestId('new-sequence').click();
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(1);
    await page.getByTestId('close-project').click();
    await page.getByTestId('welcome').waitFor();

    const file = path.join(sandbox.root, 'projects', 'Fragile.reelsmith', 'project.json');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(file, text.slice(0, text.length / 3));

    await page.getByTestId('recent-item').filter({ hasText: 'Fragile' }).click();
    await page.getByTestId('backup-dialog').waitFor();
    expect(await page.getByTestId('backup-dialog').textContent()).toMatch(/damaged/i);
    await page.screenshot({ path: path.join(sandbox.root, 'backup-dialog.png') });
    await page.getByTestId('restore-backup').first().click();
    await page.getByTestId('workspace').waitFor();
    await page.getByTestId('tab-timeline').click();
    await expect.poll(() => page.getByTestId('sequence-item').count()).toBe(1);
    await page.getByTestId('close-project').click();
    await page.close();
  });

  it('refuses the page and its socket without the access token', async () => {
    const res = await fetch(`http://127.0.0.1:${shell.port}/`);
    expect(res.status).toBe(401);
    expect(await res.text()).toMatch(/access token/);
  });

  it('answers malformed API calls over WebSocket with typed errors and keeps running', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api?token=${shell.token}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const results: Record<string, unknown>[] = [];
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as Record<string, unknown>;
      if (message.type === 'result') results.push(message);
    });
    const calls = [
      'garbage',
      JSON.stringify({ type: 'call', id: 1, method: 'no.such.method' }),
      JSON.stringify({ type: 'call', id: 2, method: 'project.open', params: { path: 7 } }),
      JSON.stringify({ type: 'call', id: 3, method: 'project.rename', params: { name: 'x'.repeat(3_000_000) } }),
      JSON.stringify({ type: 'call', id: 4, method: 'app.info' }),
    ];
    for (const call of calls) ws.send(call);
    await expect.poll(() => results.length).toBe(calls.length);
    expect(results.map((r) => (r.ok ? 'ok' : (r.error as { code: string }).code))).toEqual([
      'INVALID_REQUEST',
      'UNKNOWN_METHOD',
      'INVALID_PARAMS',
      'PAYLOAD_TOO_LARGE',
      'ok',
    ]);
    ws.close();
    expect(shell.process.exitCode).toBeNull();
  });
});

describe('web shell restart', () => {
  it('reconnects the open page when the web shell comes back on the same address', async () => {
    const own = await makeSandbox();
    const shells: RunningWebShell[] = [];
    try {
      const args = ['--port', '0', '--token', 'restart-token-0123456789'];
      let first = await startBuiltWebShell(own, args);
      shells.push(first);
      const fixed = ['--port', String(first.port), '--token', 'restart-token-0123456789'];
      await first.stop();
      first = await startBuiltWebShell(own, fixed);
      shells.push(first);
      const page = await openApp(first.url);
      await page.getByTestId('welcome').waitFor();
      await page.getByTestId('new-project-name').fill('Survivor');
      await page.getByTestId('create-project').click();
      await page.getByTestId('workspace').waitFor();

      await first.stop();
      await expect.poll(() => page.getByTestId('connection-state').textContent()).toMatch(/reconnect|disconnect|offline/i);
      shells.push(await startBuiltWebShell(own, fixed));
      await page.getByTestId('welcome').waitFor();
      await expect.poll(() => page.getByTestId('connection-state').textContent(), { timeout: 20_000 }).toMatch(/web shell connected/i);
      await page.getByTestId('recent-item').filter({ hasText: 'Survivor' }).click();
      await page.getByTestId('workspace').waitFor();
      await page.close();
    } finally {
      for (const shell of shells) await shell.stop();
      await own.remove();
    }
  });
});
