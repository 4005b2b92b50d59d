import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apiMethods, MAX_CALL_BYTES, type ApiEvent, type ApiMethodName, type ApiOutput, type ProjectState } from '../../shared/api';
import { PROJECT_SCHEMA_VERSION } from '../../shared/project/document';
import type { CallResult } from '../../shared/wire';
import { createEngine, type Engine, type EngineOptions } from './index';

let root: string;
const engines: Engine[] = [];

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-engine-'));
});
afterEach(async () => {
  await Promise.all(engines.splice(0).map((e) => e.dispose().catch(() => undefined)));
  await fs.rm(root, { recursive: true, force: true });
});

function engine(options: Partial<EngineOptions> = {}): Engine {
  const created = createEngine({
    shell: 'test',
    configDir: path.join(root, 'config'),
    projectsDir: path.join(root, 'projects'),
    project: { autosaveDelayMs: 50, autosaveMaxWaitMs: 200 },
    ...options,
  });
  engines.push(created);
  return created;
}

async function ok<M extends ApiMethodName>(e: Engine, method: M, params?: unknown): Promise<ApiOutput<M>> {
  const result = await e.call(method, params);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  expect(apiMethods[method].output.safeParse(result.value).success).toBe(true);
  return result.value as ApiOutput<M>;
}

async function fails(e: Engine, method: string, params?: unknown) {
  const result = await e.call(method, params);
  expect(result.ok).toBe(false);
  return (result as Extract<CallResult, { ok: false }>).error;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  return JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('projects on disk', () => {
  it('creates the folder layout, writes project.json and lists the project as recent', async () => {
    const e = engine();
    const state = await ok(e, 'project.create', { path: path.join(root, 'Talk') });
    expect(state.path).toBe(path.join(root, 'Talk.reelsmith'));
    expect(state.document.name).toBe('Talk');
    expect((await fs.readdir(state.path)).sort()).toEqual(
      ['.reelsmith.lock', 'backups', 'cache', 'generated', 'media', 'project.json', 'renders'].sort(),
    );
    expect((await readJson(path.join(state.path, 'project.json'))).schemaVersion).toBe(PROJECT_SCHEMA_VERSION);
    const recent = await ok(e, 'recent.list');
    expect(recent.map((r) => [r.name, r.path, r.exists])).toEqual([['Talk', state.path, true]]);
  });

  it('refuses to create over an existing project or into a folder with other files', async () => {
    const e = engine();
    await ok(e, 'project.create', { path: path.join(root, 'Talk.reelsmith') });
    await ok(e, 'project.close');
    expect((await fails(e, 'project.create', { path: path.join(root, 'Talk') })).code).toBe('PROJECT_EXISTS');
    await fs.mkdir(path.join(root, 'Busy.reelsmith'));
    await fs.writeFile(path.join(root, 'Busy.reelsmith', 'notes.txt'), 'mine');
    expect((await fails(e, 'project.create', { path: path.join(root, 'Busy') })).code).toBe('FOLDER_NOT_EMPTY');
    expect(await fs.readFile(path.join(root, 'Busy.reelsmith', 'notes.txt'), 'utf8')).toBe('mine');
  });

  it('autosaves edits shortly after they are made, with undo and redo, and reopens them', async () => {
    const e = engine();
    const events: ApiEvent[] = [];
    e.subscribe((event) => events.push(event));
    const created = await ok(e, 'project.create', { path: path.join(root, 'Talk') });
    await ok(e, 'sequence.create');
    await ok(e, 'sequence.create', { name: 'Shorts cut' });
    await ok(e, 'project.rename', { name: 'Episode 12' });
    let state = await ok(e, 'project.undo');
    expect(state.document.name).toBe('Talk');
    expect(state.history.redoLabel).toBe('Rename project');
    state = await ok(e, 'project.redo');
    expect(state.document.name).toBe('Episode 12');
    expect(state.save.dirty).toBe(true);

    await sleep(400);
    const onDisk = await readJson(path.join(created.path, 'project.json'));
    expect(onDisk.name).toBe('Episode 12');
    expect((onDisk.sequences as { name: string }[]).map((s) => s.name)).toEqual(['Sequence 1', 'Shorts cut']);
    expect((await ok(e, 'project.current'))!.save).toMatchObject({ dirty: false, saving: false, error: null });
    // The autosave announced its start and end as save states alone, not with the whole document again.
    const saves = events.flatMap((ev) => (ev.event === 'project.saved' ? [ev.payload] : []));
    expect(saves.map((s) => s.save.saving)).toEqual([true, false]);
    expect(saves.at(-1)).toMatchObject({ path: created.path, save: { dirty: false, saving: false, error: null }, modifiedAt: onDisk.modifiedAt });
    expect(events.filter((ev) => ev.event === 'project.changed' && ev.payload.state?.save.saving)).toEqual([]);

    await ok(e, 'project.close');
    expect(await ok(e, 'project.current')).toBeNull();
    const reopened = await ok(e, 'project.open', { path: path.join(created.path, 'project.json') });
    expect(reopened.document.name).toBe('Episode 12');
    expect(reopened.document.sequences).toHaveLength(2);
    expect(reopened.history.canUndo).toBe(false);
  });

  it('saves on close even before the autosave delay has passed', async () => {
    const e = engine({ project: { autosaveDelayMs: 60_000, autosaveMaxWaitMs: 60_000 } });
    const { path: folder } = await ok(e, 'project.create', { path: path.join(root, 'Quick') });
    await ok(e, 'project.rename', { name: 'Renamed' });
    await e.dispose();
    expect((await readJson(path.join(folder, 'project.json'))).name).toBe('Renamed');
    await expect(fs.access(path.join(folder, '.reelsmith.lock'))).rejects.toThrow();
  });

  it('backs up what it saved, once per content, newest first', async () => {
    const e = engine();
    const { path: folder } = await ok(e, 'project.create', { path: path.join(root, 'Talk') });
    await ok(e, 'project.rename', { name: 'Second' });
    await ok(e, 'project.save');
    let backups = await ok(e, 'project.listBackups', { path: folder });
    expect(backups).toHaveLength(1);
    expect(backups[0]!.valid).toBe(true);
    expect((await readJson(path.join(folder, 'backups', backups[0]!.id))).name).toBe('Second');
    await ok(e, 'project.close');
    await ok(e, 'project.open', { path: folder });
    await ok(e, 'project.close');
    expect(await ok(e, 'project.listBackups', { path: folder })).toHaveLength(1);

    await ok(e, 'project.open', { path: folder });
    await ok(e, 'project.rename', { name: 'Third' });
    await ok(e, 'project.close');
    backups = await ok(e, 'project.listBackups', { path: folder });
    expect(backups).toHaveLength(2);
    expect((await readJson(path.join(folder, 'backups', backups[0]!.id))).name).toBe('Third');
  });

  it('never lets two instances write the same project', async () => {
    const first = engine();
    const second = engine();
    const { path: folder } = await ok(first, 'project.create', { path: path.join(root, 'Shared') });
    const error = await fails(second, 'project.open', { path: folder });
    expect(error.code).toBe('PROJECT_LOCKED');
    expect(error.message).toMatch(/open in another Reelsmith window/);
    expect((await ok(second, 'project.info', { path: folder })).lockedBy?.pid).toBe(process.pid);
    await ok(first, 'project.close');
    expect((await ok(second, 'project.open', { path: folder })).path).toBe(folder);
  });
});

describe('a damaged or newer project.json', () => {
  async function projectWithBackup(e: Engine) {
    const { path: folder } = await ok(e, 'project.create', { path: path.join(root, 'Talk') });
    await ok(e, 'sequence.create', { name: 'Main cut' });
    await ok(e, 'project.save');
    await ok(e, 'project.rename', { name: 'Talk v2' });
    await ok(e, 'project.close');
    return folder;
  }

  it('is reported clearly with its backups, left untouched, and restorable', async () => {
    const e = engine();
    const folder = await projectWithBackup(e);
    const file = path.join(folder, 'project.json');
    const full = await fs.readFile(file, 'utf8');
    const truncated = full.slice(0, Math.floor(full.length / 2));
    await fs.writeFile(file, truncated);

    const error = await fails(e, 'project.open', { path: folder });
    expect(error.code).toBe('PROJECT_DAMAGED');
    expect(error.message).toMatch(/is damaged: it is not valid JSON/);
    const backups = error.details?.backups as { id: string; valid: boolean }[];
    expect(backups.length).toBeGreaterThanOrEqual(1);
    expect(backups.every((b) => b.valid)).toBe(true);
    expect(await fs.readFile(file, 'utf8')).toBe(truncated);
    expect((await fails(e, 'project.info', { path: folder })).code).toBe('PROJECT_DAMAGED');

    const restored = await ok(e, 'project.restoreBackup', { path: folder, backupId: backups[0]!.id });
    expect(restored.document.name).toBe('Talk v2');
    expect(restored.document.sequences.map((s) => s.name)).toEqual(['Main cut']);
    const aside = (await fs.readdir(folder)).filter((n) => n.startsWith('project.damaged-'));
    expect(aside).toHaveLength(1);
    expect(await fs.readFile(path.join(folder, aside[0]!), 'utf8')).toBe(truncated);
  });

  it('refuses a project from a newer Reelsmith without rewriting it', async () => {
    const e = engine();
    const folder = await projectWithBackup(e);
    const file = path.join(folder, 'project.json');
    const newer = JSON.stringify({ ...(await readJson(file)), schemaVersion: 7, futureField: true });
    await fs.writeFile(file, newer);
    const error = await fails(e, 'project.open', { path: folder });
    expect(error.code).toBe('PROJECT_TOO_NEW');
    expect(error.message).toContain(`newer Reelsmith (schema 7; this version reads up to ${PROJECT_SCHEMA_VERSION})`);
    expect(await fs.readFile(file, 'utf8')).toBe(newer);
  });

  it('reports a project.json with valid JSON but impossible content', async () => {
    const e = engine();
    const folder = await projectWithBackup(e);
    await fs.writeFile(path.join(folder, 'project.json'), JSON.stringify({ schemaVersion: 1, name: 42 }));
    const error = await fails(e, 'project.open', { path: folder });
    expect(error.code).toBe('PROJECT_DAMAGED');
    expect(error.message).toMatch(/content is invalid/);
  });

  it('rejects a backup id that tries to leave the backups folder', async () => {
    const e = engine();
    const folder = await projectWithBackup(e);
    expect((await fails(e, 'project.restoreBackup', { path: folder, backupId: '../project.json' })).code).toBe(
      'INVALID_PARAMS',
    );
    expect((await fails(e, 'project.restoreBackup', { path: folder, backupId: 'project-x.json' })).code).toBe(
      'BACKUP_NOT_FOUND',
    );
  });
});

describe('the API boundary', () => {
  it('answers unknown methods, wrong types and oversized calls with typed errors', async () => {
    const e = engine();
    expect((await fails(e, 'project.explode')).code).toBe('UNKNOWN_METHOD');
    expect((await fails(e, '__proto__')).code).toBe('UNKNOWN_METHOD');
    expect((await fails(e, 'toString')).code).toBe('UNKNOWN_METHOD');
    const invalid = await fails(e, 'project.create', { path: 42 });
    expect(invalid.code).toBe('INVALID_PARAMS');
    expect(invalid.details?.issues).toEqual([{ path: ['path'], message: expect.any(String) }]);
    expect((await fails(e, 'project.create', { path: '/tmp/x', extra: 1 })).code).toBe('INVALID_PARAMS');
    expect((await fails(e, 'project.rename', { name: '   ' })).code).toBe('INVALID_PARAMS');
    const big = await fails(e, 'project.rename', { name: 'x'.repeat(MAX_CALL_BYTES + 10) });
    expect(big.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fails(e, 'project.undo')).code).toBe('NO_PROJECT_OPEN');
    expect((await fails(e, 'dialog.pickFolder', {})).code).toBe('UNSUPPORTED');
  });

  it('never throws and never crashes, whatever it is sent', async () => {
    const e = engine();
    const names = [...Object.keys(apiMethods), 'nope', ''];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.anything(), async (method, params) => {
        if (method === 'project.create' || method === 'project.restoreBackup') return;
        const result = await e.call(method, params);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.code).not.toBe('INTERNAL');
      }),
      { numRuns: 300 },
    );
  });

  it('edits a sequence that does not exist with a clear error and no history entry', async () => {
    const e = engine();
    await ok(e, 'project.create', { path: path.join(root, 'Talk') });
    const error = await fails(e, 'sequence.rename', { id: 'missing', name: 'x' });
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'There is no sequence with id missing' });
    expect((await ok(e, 'project.current'))!.history.canUndo).toBe(false);
  });

  it('serialises concurrent calls so every edit lands exactly once', async () => {
    const e = engine();
    await ok(e, 'project.create', { path: path.join(root, 'Busy') });
    await Promise.all(Array.from({ length: 25 }, (_, i) => ok(e, 'sequence.create', { name: `S${i}` })));
    const state = (await ok(e, 'project.current')) as ProjectState;
    expect(state.document.sequences.map((s) => s.name).sort()).toEqual(
      Array.from({ length: 25 }, (_, i) => `S${i}`).sort(),
    );
  });
});

describe('jobs through the API', () => {
  async function makeClip(seconds: number): Promise<string> {
    const { runFfmpeg } = await import('./ffmpeg/run-ffmpeg');
    const { locateTool } = await import('./ffmpeg/locate');
    const file = path.join(root, `clip ${seconds}s.mp4`);
    await runFfmpeg({
      program: locateTool('ffmpeg').path,
      args: ['-y', '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', file],
    });
    return file;
  }

  it('refuses path-taking exports from a window or socket', async () => {
    const e = engine();
    const error = await fails(e, 'export.file', { input: '/etc/passwd', output: '/tmp/x.mp4', preset: 'h264-1080p' });
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it('asks for the file extension the preset writes', async () => {
    const e = engine();
    const result = await e.call('export.file', { input: '/a.mp4', output: '/b.mp4', preset: 'dnxhr-hq-1080p' }, { caller: 'local' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PARAMS', message: expect.stringContaining('writes .mov files') } });
  });

  it('cancels a running export from the API, leaving no file, and keeps the record in the project', async () => {
    const e = engine();
    const { path: folder } = await ok(e, 'project.create', { path: path.join(root, 'Jobs') });
    const input = await makeClip(20);
    const output = path.join(root, 'never.mov');
    const events: ApiEvent[] = [];
    e.subscribe((event) => events.push(event));
    const started = await e.call('export.file', { input, output, preset: 'dnxhr-hq-1080p' }, { caller: 'local' });
    if (!started.ok) throw new Error(started.error.message);
    const id = (started.value as { id: string }).id;
    await expect
      .poll(() => events.some((ev) => ev.event === 'job.changed' && ev.payload.job.id === id && (ev.payload.job.progress ?? 0) > 0), { timeout: 20_000 })
      .toBe(true);
    await ok(e, 'jobs.cancel', { id });
    const settled = await e.whenJobSettled(id);
    expect(settled.state).toBe('cancelled');
    expect((await fs.readdir(root)).filter((n) => n.includes('never'))).toEqual([]);
    await expect.poll(async () => JSON.stringify(await readJson(path.join(folder, 'jobs', 'history.json')).catch(() => ({})))).toContain(id);
    await ok(e, 'project.close');
    await ok(e, 'project.open', { path: folder });
    const listed = await ok(e, 'jobs.list');
    expect(listed.find((j) => j.id === id)?.state).toBe('cancelled');
  });
});
