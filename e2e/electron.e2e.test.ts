import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The desktop app itself, driven through Playwright: the built app (`npm run build`) in a real Electron window. Runs
 * only where the Electron binary is installed and a display exists; elsewhere it says why and skips, and the web-shell
 * e2e tests cover the same renderer and engine.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electron = findElectronBinary();
if ('reason' in electron) console.warn(`Electron e2e skipped: ${electron.reason}`);

describe.runIf('executable' in electron)('the Electron app', () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let configDir: string;
  let projectsDir: string;

  beforeAll(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-e2e-config-'));
    projectsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-e2e-projects-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.ELECTRON_RENDERER_URL; // the built renderer, not a dev server
    app = await _electron.launch({
      executablePath: (electron as { executable: string }).executable,
      args: ['.'],
      cwd: root,
      env: { ...env, REELSMITH_CONFIG_DIR: configDir, REELSMITH_PROJECTS_DIR: projectsDir },
      timeout: 60_000,
    });
    page = await app.firstWindow();
  }, 90_000);

  afterAll(async () => {
    await app?.close().catch(() => undefined);
    for (const dir of [configDir, projectsDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens on the welcome screen', async () => {
    await page.getByTestId('welcome').waitFor({ state: 'visible', timeout: 30_000 });
  });

  it('gives the page the Reelsmith bridge and nothing of Node or Electron', async () => {
    const globals = await page.evaluate(() => {
      const w = globalThis as unknown as Record<string, unknown>;
      const bridge = w.reelsmith as Record<string, unknown> | undefined;
      return {
        bridge: typeof bridge,
        methods: bridge ? Object.keys(bridge).sort() : [],
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
      };
    });
    expect(globals).toEqual({
      bridge: 'object',
      methods: ['call', 'importDropped', 'onEvent', 'onShellCommand'],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  it('answers API calls from its own page', async () => {
    const info = await page.evaluate(() => {
      const w = globalThis as unknown as { reelsmith: { call(method: string, params: unknown): Promise<unknown> } };
      return w.reelsmith.call('app.info', undefined);
    });
    expect(info).toMatchObject({ ok: true, value: { name: 'Reelsmith', shell: 'electron', projectsDir } });
  });

  it('stays on its own page: no new windows, no navigation away', async () => {
    const startUrl = page.url();
    // http (not https) so that nothing is handed to the system browser during the test.
    const refused = await page.evaluate(() => {
      const w = globalThis as unknown as { open(url: string): unknown };
      return w.open('http://example.invalid/') === null;
    });
    expect(refused).toBe(true);
    await page.evaluate(() => {
      const w = globalThis as unknown as { location: { href: string } };
      w.location.href = 'http://example.invalid/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(startUrl);
    expect(app!.windows()).toHaveLength(1);
  });

  it('creates a project from the welcome screen', async () => {
    await page.getByTestId('new-project-name').fill('Electron Film');
    await page.getByTestId('create-project').click();
    await page.getByTestId('workspace').waitFor({ state: 'visible', timeout: 30_000 });
    await expect.poll(() => page.getByTestId('project-name').textContent()).toContain('Electron Film');
  });

  it('takes paths from the page only as dropped files', async () => {
    const results = await page.evaluate(async (folder) => {
      const w = globalThis as unknown as {
        reelsmith: {
          call(method: string, params: unknown): Promise<unknown>;
          importDropped(files: unknown[]): Promise<unknown>;
        };
      };
      return {
        byPath: await w.reelsmith.call('assets.import', { paths: [folder] }),
        madeInScript: await w.reelsmith.importDropped([new File(['x'], 'clip.mp4')]),
        notFiles: await w.reelsmith.importDropped([folder]),
      };
    }, projectsDir);
    expect(results).toMatchObject({
      byPath: { ok: false, error: { code: 'UNAUTHORIZED' } },
      madeInScript: { ok: false, error: { code: 'INVALID_PARAMS' } },
      notFiles: { ok: false, error: { code: 'INVALID_PARAMS' } },
    });
  });

  it('serves media:// to the page by asset id only', async () => {
    const statuses = await page.evaluate(async () => {
      const status = (url: string) => fetch(url).then((response) => response.status, (error: unknown) => String(error));
      return {
        unknownAsset: await status('media://asset/no-such-asset/original'),
        notAnAsset: await status('media://file/etc/passwd'),
      };
    });
    expect(statuses).toEqual({ unknownAsset: 404, notAnAsset: 404 });
  });

  it('saves the project and releases its lock when it quits', async () => {
    await app!.close();
    app = undefined;
    const folders = fs.readdirSync(projectsDir).filter((name) => name.endsWith('.reelsmith'));
    expect(folders).toHaveLength(1);
    const folder = path.join(projectsDir, folders[0]!);
    const saved: unknown = JSON.parse(fs.readFileSync(path.join(folder, 'project.json'), 'utf8'));
    expect(saved).toMatchObject({ name: 'Electron Film' });
    expect(fs.existsSync(path.join(folder, '.reelsmith.lock'))).toBe(false);
    expect(fs.existsSync(path.join(configDir, 'window-state.json'))).toBe(true);
  });
});

/** The Electron executable, found without triggering the download that `require('electron')` would start. */
function findElectronBinary(): { executable: string } | { reason: string } {
  const packageDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : null;
  let executable: string;
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    executable = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative ?? 'electron');
    if (!fs.existsSync(executable)) return { reason: `ELECTRON_OVERRIDE_DIST_PATH has no Electron (${executable})` };
  } else {
    if (relative === null) {
      return { reason: 'the Electron binary is not installed (node_modules/electron/dist missing)' };
    }
    executable = path.join(packageDir, 'dist', relative);
    if (!fs.existsSync(executable)) {
      return { reason: 'the Electron binary is not installed (node_modules/electron/dist missing)' };
    }
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (DISPLAY and WAYLAND_DISPLAY are unset; try xvfb-run)' };
  }
  return { executable };
}
