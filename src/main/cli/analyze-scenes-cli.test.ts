import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSceneClip, type SceneClip } from '../../../test/media/scene-clips';
import { createEngine, type Engine } from '../engine';
import { runCliCaptured } from './captured-run';

let root: string;
let engine: Engine;
let clip: SceneClip;

beforeAll(async () => {
  clip = await ensureSceneClip();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-analyze-cli-'));
  engine = createEngine({ shell: 'cli', configDir: path.join(root, 'config'), projectsDir: root });
});
afterAll(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const cli = (...argv: string[]) => runCliCaptured(engine, root, argv);

describe('reelsmith analyze scenes', () => {
  it('prints the transitions as JSON: time, frame, type and score', async () => {
    const run = await cli('analyze', 'scenes', clip.path, '--json');
    expect(run.code).toBe(0);
    const cuts = JSON.parse(run.stdout) as { time: number; frame: number; type: string; score: number }[];
    expect(cuts.map((c) => c.type)).toEqual(clip.cuts.map((t) => t.type));
    expect(cuts[0]).toEqual({ time: cuts[0]!.frame / clip.frameRate, frame: cuts[0]!.frame, type: 'cut', score: expect.any(Number) });
  });

  it('prints one line per transition for people, and the count of scenes', async () => {
    const run = await cli('analyze', 'scenes', clip.path, '--min-scene', '0.5');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0:03\.000 +frame 75 +cut +score/);
    expect(run.stdout).toContain(`${clip.cuts.length} transitions, ${clip.cuts.length + 1} scenes`);
  });

  it('says what is wrong with a missing file or a bad option', async () => {
    expect(await cli('analyze', 'scenes', 'missing.mp4')).toMatchObject({ code: 1, stderr: expect.stringMatching(/does not exist/) });
    expect((await cli('analyze', 'scenes', clip.path, '--threshold', 'high')).code).toBe(2);
  });
});
