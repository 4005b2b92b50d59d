import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, REPO, type Sandbox } from './support/web-shell';

const run = promisify(execFile);
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await makeSandbox();
});
afterAll(async () => {
  await sandbox.remove();
});

async function reelsmith(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [path.join(REPO, 'bin/reelsmith.js'), ...args], {
      cwd: sandbox.root,
      env: sandbox.env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the reelsmith command (built)', () => {
  it('creates a project and describes it, in words and in JSON', async () => {
    const created = await reelsmith('project', 'new', 'Podcast', '--name', 'Podcast #1', '--json');
    expect(created.code).toBe(0);
    const project = JSON.parse(created.stdout) as { path: string; name: string };
    expect(project).toMatchObject({ name: 'Podcast #1', path: path.join(sandbox.root, 'Podcast.reelsmith') });
    const info = await reelsmith('project', 'info', project.path);
    expect(info.stdout).toMatch(/^Name\s+Podcast #1$/m);
    expect(info.stdout).toMatch(/^Lock\s+not open anywhere$/m);
  });

  it('shares its recent projects with the app', async () => {
    await reelsmith('project', 'new', 'Shared');
    const recent = JSON.parse(
      await import('node:fs/promises').then((fs) =>
        fs.readFile(path.join(sandbox.root, 'config', 'recent-projects.json'), 'utf8'),
      ),
    ) as { projects: { name: string }[] };
    expect(recent.projects.map((p) => p.name)).toContain('Shared');
  });

  it('exits non-zero with one line for a damaged project', async () => {
    const fs = await import('node:fs/promises');
    await reelsmith('project', 'new', 'Broken');
    await fs.writeFile(path.join(sandbox.root, 'Broken.reelsmith', 'project.json'), '{"schemaVersion": 1, "na');
    const info = await reelsmith('project', 'info', 'Broken.reelsmith');
    expect(info.code).toBe(1);
    expect(info.stderr.trim().split('\n')).toHaveLength(1);
    expect(info.stderr).toMatch(/is damaged/);
  });

  it('prints its version', async () => {
    const version = await reelsmith('version');
    expect(version.stdout).toMatch(/^reelsmith \d+\.\d+\.\d+ /);
  });
});
