import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine';
import { runCliCaptured } from './captured-run';
import { withNegativeValues } from './run-cli';

let root: string;
let engine: Engine;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-cli-'));
  engine = createEngine({ shell: 'cli', configDir: path.join(root, 'config'), projectsDir: root });
});
afterEach(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(engine, root, argv);

describe('reelsmith CLI', () => {
  it('creates a project relative to the working folder and leaves it unlocked', async () => {
    const run = await cli('project', 'new', 'Talk', '--name', 'Episode 1');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Created “Episode 1” at ${path.join(root, 'Talk.reelsmith')}`);
    const info = await cli('project', 'info', 'Talk.reelsmith', '--json');
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({ name: 'Episode 1', lockedBy: null, sequenceCount: 0 });
  });

  it('prints exactly one JSON document with --json', async () => {
    const run = await cli('project', 'new', 'A', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'A', path: path.join(root, 'A.reelsmith') });
    const version = await cli('version', '--json');
    expect(JSON.parse(version.stdout)).toMatchObject({ name: 'Reelsmith', version: expect.any(String) });
  });

  it('fails with one human line on stderr and a non-zero exit', async () => {
    await cli('project', 'new', 'A');
    const again = await cli('project', 'new', 'A');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^reelsmith: A project already exists at .*A\.reelsmith\. Open it instead\.\n$/);
    const missing = await cli('project', 'info', 'nowhere', '--json');
    expect(missing.code).toBe(1);
    expect(missing.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'PROJECT_NOT_FOUND', message: expect.any(String) } });
  });

  it('lists backups and restores one over a damaged project.json', async () => {
    await cli('project', 'new', 'Talk');
    const file = path.join(root, 'Talk.reelsmith', 'project.json');
    await fs.writeFile(file, '{"schemaVersion":1,');
    const list = await cli('project', 'backups', 'Talk.reelsmith', '--json');
    const backups = JSON.parse(list.stdout) as { id: string; valid: boolean }[];
    expect(backups).toHaveLength(1);
    expect(backups[0]!.valid).toBe(true);
    const restored = await cli('project', 'restore', 'Talk.reelsmith', backups[0]!.id);
    expect(restored.code).toBe(0);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ name: 'Talk' });
  });

  it('probes a media file without a project', async () => {
    const { execFile } = await import('node:child_process');
    const { locateTool } = await import('../engine/ffmpeg/locate');
    await new Promise<void>((resolve, reject) =>
      execFile(locateTool('ffmpeg').path, ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'sine=d=1,aformat=channel_layouts=stereo', '-ac', '2', path.join(root, 'tone.wav')], (e) => (e ? reject(e) : resolve())),
    );
    const text = await cli('probe', 'tone.wav');
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^Kind +audio$/m);
    expect(text.stdout).toMatch(/^Audio +#0 pcm_s16le (stereo|2 channels) 44100 Hz$/m);
    const json = await cli('probe', 'tone.wav', '--json');
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'audio', container: 'wav', video: null, audio: [{ channels: 2, sampleRate: 44100 }] });
    const missing = await cli('probe', 'nope.mov', '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringMatching(/does not exist/) } });
  });

  it('reports usage mistakes with exit code 2', async () => {
    expect((await cli('project', 'new')).code).toBe(2);
    expect((await cli('project', 'new', 'x', '--colour', 'red')).code).toBe(2);
    const group = await cli('project');
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('needs one of: new, info, backups, restore');
    expect((await cli('teleport')).stderr).toContain('unknown command “teleport”');
  });

  it('documents every command with --help', async () => {
    const general = await cli('--help');
    expect(general.code).toBe(0);
    for (const line of ['project new <dir>', 'project info <dir>', 'version']) expect(general.stdout).toContain(line);
    const one = await cli('project', 'new', '--help');
    expect(one.stdout).toContain('Usage: reelsmith project new <dir> [--name N] [--json]');
  });
});

describe('negative option values', () => {
  it('keeps a negative number, in dB or percent too, with the option before it', () => {
    expect(withNegativeValues(['autoedit', 'silence', 'a.wav', '--loudness', '-14', '--json'], ['loudness', 'threshold'])).toEqual([
      'autoedit', 'silence', 'a.wav', '--loudness=-14', '--json',
    ]);
    expect(withNegativeValues(['--threshold', '-28dB'], ['threshold'])).toEqual(['--threshold=-28dB']);
    expect(withNegativeValues(['--threshold', '-2.5%'], ['threshold'])).toEqual(['--threshold=-2.5%']);
  });

  it('leaves flags, other options and words alone', () => {
    expect(withNegativeValues(['--json', '-14'], ['loudness'])).toEqual(['--json', '-14']);
    expect(withNegativeValues(['--loudness', '--json'], ['loudness'])).toEqual(['--loudness', '--json']);
    expect(withNegativeValues(['--loudness', '-x'], ['loudness'])).toEqual(['--loudness', '-x']);
  });
});
