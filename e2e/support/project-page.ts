import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { makeSandbox, startBuiltWebShell, type RunningWebShell, type Sandbox } from './web-shell';

export interface ProjectPage {
  sandbox: Sandbox;
  shell: RunningWebShell;
  browser: Browser;
  /** The app in Chromium, with a new project open on its gallery. */
  page: Page;
  close(): Promise<void>;
}

/** A web shell in a sandbox, Chromium on it, and a new project named `name` created through the welcome screen. */
export async function openNewProject(name: string): Promise<ProjectPage> {
  const sandbox = await makeSandbox();
  const shell = await startBuiltWebShell(sandbox);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (error) => console.error('page error:', error));
  await page.goto(shell.url);
  await page.getByTestId('new-project-name').fill(name);
  await page.getByTestId('create-project').click();
  await page.getByTestId('gallery').waitFor();
  return {
    sandbox,
    shell,
    browser,
    page,
    close: async () => {
      await browser.close();
      await shell.stop();
      await sandbox.remove();
    },
  };
}
