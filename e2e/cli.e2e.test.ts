import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia } from '../test/media/corpus';
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

  it('imports files and folders into a project, one line per file, and exits 1 when a file was rejected', async () => {
    const corpus = await ensureTestMedia();
    await reelsmith('project', 'new', 'Ingest');
    const files = [corpus.good['h264-aac.mp4'].path, corpus.good['duplicate-of-h264-aac.mp4'].path, corpus.bad['notes.mp4'].path];
    const imported = await reelsmith('import', 'Ingest.reelsmith', ...files, path.join(corpus.dir, 'folder'));
    expect(imported.code).toBe(1);
    expect(imported.stdout).toMatch(/^imported {2}h264-aac\.mp4$/m);
    expect(imported.stdout).toMatch(/^duplicate duplicate-of-h264-aac\.mp4 {2}\(Same content as h264-aac\.mp4\.\)$/m);
    expect(imported.stdout).toMatch(/^rejected {2}notes\.mp4 {2}\(notes\.mp4 .*not a media file/m);
    expect(imported.stdout).toMatch(/^imported {2}folder\/a\/b\/clip\.webm$/m);
    expect(imported.stdout.trim().split('\n').at(-1)).toBe('2 imported, 1 duplicate, 1 rejected');

    const again = await reelsmith('import', 'Ingest.reelsmith', corpus.good['h264-aac.mp4'].path, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, duplicates: 1, rejected: 0 });
    const info = await reelsmith('project', 'info', 'Ingest.reelsmith', '--json');
    expect(JSON.parse(info.stdout)).toMatchObject({ assetCount: 2, lockedBy: null });
    const cache = await fs.readdir(path.join(sandbox.root, 'Ingest.reelsmith', 'cache', 'media'));
    expect(cache).toHaveLength(2);
  });

  it('needs a project and at least one path to import', async () => {
    const missing = await reelsmith('import', 'Ingest.reelsmith');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/usage: reelsmith import <project> <paths\.\.\.>/);
  });

  it('renders a timeline file, and names the problem in a bad one', async () => {
    const corpus = await ensureTestMedia();
    const clip = (media: string, start: number, sourceIn: number) => ({ kind: 'video', media, start, duration: 15, sourceIn });
    const timeline = {
      format: 'reelsmith-timeline',
      version: 1,
      frameRate: { num: 30, den: 1 },
      frameSize: { width: 640, height: 360 },
      sampleRate: 48000,
      tracks: {
        video: [{ clips: [clip(corpus.good['h264-aac.mp4'].path, 0, 20), clip(corpus.good['vp9-opus.webm'].path, 15, 0)] }],
        audio: [],
        overlay: { clips: [] },
      },
    };
    await fs.writeFile(path.join(sandbox.root, 'cut.json'), JSON.stringify(timeline));
    const rendered = await reelsmith('render', 'cut.json', '-o', 'cut.mp4', '--preset', 'h264-1080p', '--json');
    expect(rendered.code, rendered.stderr).toBe(0);
    expect(JSON.parse(rendered.stdout)).toMatchObject({ job: { state: 'succeeded' }, output: path.join(sandbox.root, 'cut.mp4') });
    const probed = JSON.parse((await reelsmith('probe', 'cut.mp4', '--json')).stdout) as { duration: number };
    expect(probed.duration).toBeCloseTo(1, 1);

    await fs.writeFile(path.join(sandbox.root, 'bad.json'), JSON.stringify({ ...timeline, frameRate: { num: 0, den: 1 } }));
    const bad = await reelsmith('render', 'bad.json', '-o', 'bad.mp4');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/frameRate/);
  });

  it('prints its version', async () => {
    const version = await reelsmith('version');
    expect(version.stdout).toMatch(/^reelsmith \d+\.\d+\.\d+ /);
  });
});
