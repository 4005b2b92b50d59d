import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliSandbox, type CliSandbox } from '../../../test/support/cli-sandbox';
import { locateTool } from '../engine/ffmpeg/locate';
import { probeFile } from '../engine/media/probe';

/** `reelsmith generate`: images, a sticker sheet, a loop, variations and a morph from the bundled emoji models. */

const BUNDLED = path.resolve('resources/models');
let root: string;
let sandbox: CliSandbox;

beforeAll(async () => {
  sandbox = await openCliSandbox('generate-cli');
  root = sandbox.root;
});
afterAll(() => sandbox?.close());

const cli = (...argv: string[]) => sandbox.cli(...argv);

describe('reelsmith generate', () => {
  it('writes the same images for the same seed, a sheet, a loop and variations', async () => {
    const first = await cli('generate', 'sample', '--count', '4', '--seed', '9', '--size', '64', '-o', 'a', '--json');
    expect(first.code, first.stderr).toBe(0);
    const again = await cli('generate', 'sample', '--count', '4', '--seed', '9', '--size', '64', '-o', 'b', '--json');
    const files = (JSON.parse(first.stdout) as { files: string[] }).files;
    expect(files).toHaveLength(4);
    const [x, y] = await Promise.all([fs.readFile(files[0]!), fs.readFile((JSON.parse(again.stdout) as { files: string[] }).files[0]!)]);
    expect(x.equals(y)).toBe(true);
    expect((await fs.readFile(files[1]!)).equals(x)).toBe(false);
    await expect(fs.stat(path.join(root, 'a', 'emoji-gan-32-sheet-seed9.png'))).resolves.toBeTruthy();

    const loop = await cli('generate', 'loop', '--seconds', '1', '--size', '64', '-o', 'loop.webm');
    expect(loop.code, loop.stderr).toBe(0);
    expect((await fs.stat(path.join(root, 'loop.webm'))).size).toBeGreaterThan(1000);

    const variations = await cli('generate', 'variations', files[0]!, '--count', '3', '-o', 'v');
    expect(variations.code, variations.stderr).toBe(0);
    expect(await fs.readdir(path.join(root, 'v'))).toHaveLength(3);

    const morph = await cli('generate', 'morph', files[0]!, files[1]!, '--seconds', '1', '--size', '64', '-o', 'morph.gif', '--json');
    expect(morph.code, morph.stderr).toBe(0);
    expect(JSON.parse(morph.stdout)).toMatchObject({ encoder: 'emoji-vae-32-encoder', frames: 25 });
    const clip = await probeFile(locateTool('ffprobe').path, path.join(root, 'morph.gif'));
    expect(clip.video).toMatchObject({ displayWidth: 64, displayHeight: 64 });
    expect(clip.duration).toBeCloseTo(1, 0);
  }, 120_000);

  it('draws from a generator the user imported, described only by its manifest', async () => {
    const manifest = JSON.parse(await fs.readFile(path.join(BUNDLED, 'models.json'), 'utf8')) as { models: Record<string, unknown>[] };
    const { file: _file, bytes: _bytes, sha256: _sha256, ...gan } = manifest.models.find((m) => m.id === 'emoji-gan-32')!;
    await fs.copyFile(path.join(BUNDLED, 'emoji-gan-32.onnx'), path.join(root, 'stickers.onnx'));
    await fs.writeFile(path.join(root, 'stickers.json'), JSON.stringify({ ...gan, id: 'my-stickers', name: 'My stickers' }));
    const imported = await cli('models', 'import', 'stickers.onnx', 'stickers.json');
    expect(imported.code, imported.stderr).toBe(0);
    const mine = await cli('generate', 'sample', '--model', 'my-stickers', '--count', '2', '--seed', '9', '--size', '32', '-o', 'mine', '--json');
    expect(mine.code, mine.stderr).toBe(0);
    const bundled = await cli('generate', 'sample', '--count', '2', '--seed', '9', '--size', '32', '-o', 'bundled', '--json');
    const first = (result: { stdout: string }) => fs.readFile((JSON.parse(result.stdout) as { files: string[] }).files[0]!);
    // The same weights under another name draw the same pixels.
    expect((await first(mine)).equals(await first(bundled))).toBe(true);
  }, 120_000);

  it('says what is wrong with a bad class, count or output', async () => {
    expect(await cli('generate', 'sample', '--class', 'dinosaurs', '-o', 'x')).toMatchObject({ code: 2, stderr: expect.stringMatching(/no class “dinosaurs”/) });
    expect(await cli('generate', 'sample', '--count', '0', '-o', 'x')).toMatchObject({ code: 2 });
    expect(await cli('generate', 'loop', '-o', 'loop.avi')).toMatchObject({ code: 2, stderr: expect.stringMatching(/\.mp4, \.webm or \.gif/) });
    expect(await cli('generate', 'morph', 'a.png', '-o', 'm.gif')).toMatchObject({ code: 2 });
    expect(await cli('generate', 'morph', 'a.png', 'b.png', '-o', 'm.avi')).toMatchObject({ code: 2, stderr: expect.stringMatching(/\.mp4, \.webm or \.gif/) });
  }, 60_000);
});
