import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia } from '../../../test/media/corpus';
import { engineCalls } from '../../../test/support/engine-calls';
import { createEngine, type Engine } from './index';

/** Timeline commands over the API: applied to the open project, undoable, refused with a reason. */

let root: string;
let engine: Engine;
let assetId: string;
let sequenceId: string;

const { call, ok } = engineCalls(() => engine);

beforeAll(async () => {
  const corpus = await ensureTestMedia();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-timeline-api-'));
  engine = createEngine({ shell: 'test', configDir: path.join(root, 'config'), projectsDir: root });
  await ok('project.create', { path: path.join(root, 'Cut') });
  const report = await ok('assets.import', { paths: [corpus.good['h264-aac.mp4'].path] });
  assetId = report.results[0]!.assetId!;
  const state = await ok('sequence.create', {});
  sequenceId = state.document.sequences[0]!.id;
}, 60_000);
afterAll(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('sequence.create', () => {
  it('makes a sequence in a video’s own frame when asked, the project’s otherwise, and refuses an unknown asset', async () => {
    const before = (await ok('project.current'))!.document.sequences.length;
    const state = await ok('sequence.create', { name: 'From the clip', shapeFrom: assetId });
    const made = state.document.sequences.at(-1)!;
    // The clip is 320×180 at 30 fps; the project's frame is 1920×1080.
    expect(made).toMatchObject({ name: 'From the clip', frameRate: { num: 30, den: 1 }, frameSize: { width: 320, height: 180 } });
    expect(state.document.sequences[0]!.frameSize).toEqual({ width: 1920, height: 1080 });
    const unknown = await call('sequence.create', { shapeFrom: 'nope' });
    expect(unknown.ok === false && unknown.error.code).toBe('NOT_FOUND');
    await ok('sequence.delete', { id: made.id });
    expect((await ok('project.current'))!.document.sequences).toHaveLength(before);
  });
});

describe('sequence.edit', () => {
  it('adds and splits a clip, each an undoable step', async () => {
    const track = (await ok('project.current'))!.document.sequences[0]!.timeline.videoTracks[0]!.id;
    await ok('sequence.edit', {
      sequenceId,
      command: { type: 'clip.add', trackId: track, ripple: false, clip: { kind: 'video', id: 'c1', assetId, start: 0, duration: 50, sourceIn: 0, volume: 1 } },
    });
    const split = await ok('sequence.edit', { sequenceId, command: { type: 'clip.split', clipId: 'c1', frame: 20, newClipId: 'c2' } });
    expect(split.document.sequences[0]!.timeline.videoTracks[0]!.clips.map((c) => [c.id, c.start, c.duration])).toEqual([
      ['c1', 0, 20],
      ['c2', 20, 30],
    ]);
    expect(split.history.undoLabel).toBe('Split clip');
    const undone = await ok('project.undo');
    expect(undone.document.sequences[0]!.timeline.videoTracks[0]!.clips).toHaveLength(1);
  });

  it('refuses a clip longer than its media with INVALID_PARAMS and a reason', async () => {
    const track = (await ok('project.current'))!.document.sequences[0]!.timeline.videoTracks[0]!.id;
    const result = await call('sequence.edit', {
      sequenceId,
      command: { type: 'clip.add', trackId: track, ripple: false, clip: { kind: 'video', id: 'long', assetId, start: 100, duration: 100_000, sourceIn: 0, volume: 1 } },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_PARAMS');
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });

  it('renders the sequence to a file that then lands in the gallery', async () => {
    const output = path.join(root, 'cut.mp4');
    const job = await ok('sequence.render', { id: sequenceId, output, preset: 'h264-1080p' });
    const settled = await engine.whenJobSettled(job.id);
    expect(settled.state, settled.error?.message).toBe('succeeded');
    await expect.poll(async () => (await ok('assets.list')).some((a) => a.path === output), { timeout: 20_000 }).toBe(true);
    const rendered = (await ok('assets.list')).find((a) => a.path === output)!;
    expect(rendered.media.video).toMatchObject({ width: 1920, height: 1080 });
    expect(rendered.media.duration).toBeCloseTo(50 / 30, 1);
  }, 60_000);

  it('refuses to render a sequence that does not exist', async () => {
    const result = await call('sequence.render', { id: 'nope', output: path.join(root, 'x.mp4'), preset: 'h264-1080p' });
    expect(result.ok === false && result.error.code).toBe('NOT_FOUND');
  });

  it('exports a range into the renders folder under a free name, and says whether a stream copy is possible', async () => {
    const check = await ok('sequence.exportCheck', { id: sequenceId, preset: 'h264-1080p', range: { from: 10, to: 40 } });
    expect(check.frames).toBe(30);
    expect(check.streamCopy.ok === false && check.streamCopy.reason.length > 10).toBe(true);
    const folder = path.join(root, 'Cut.reelsmith', 'renders');
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, 'Middle.mp4'), 'taken');
    const { job, fileName } = (await ok('sequence.export', { id: sequenceId, name: 'Middle', preset: 'h264-1080p', range: { from: 10, to: 40 } }))!;
    expect(fileName).toBe('Middle 2.mp4');
    const settled = await engine.whenJobSettled(job.id);
    expect(settled.state, settled.error?.message).toBe('succeeded');
    const output = path.join(folder, 'Middle 2.mp4');
    await expect.poll(async () => (await ok('assets.list')).some((a) => a.path === output), { timeout: 20_000 }).toBe(true);
    const exported = (await ok('assets.list')).find((a) => a.path === output)!;
    expect(exported.media.duration).toBeCloseTo(30 / 30, 1);
    expect(await fs.readFile(path.join(folder, 'Middle.mp4'), 'utf8')).toBe('taken');
  }, 60_000);

  it('refuses export names with folders in them, ranges outside the sequence, and dialogs where there are none', async () => {
    const sneaky = await call('sequence.export', { id: sequenceId, name: '../escape', preset: 'h264-1080p' });
    expect(sneaky.ok === false && sneaky.error.code).toBe('INVALID_PARAMS');
    const outside = await call('sequence.export', { id: sequenceId, name: 'Late', preset: 'h264-1080p', range: { from: 5000, to: 6000 } });
    expect(outside.ok === false && outside.error.message).toMatch(/In and Out/);
    const dialog = await call('sequence.export', { id: sequenceId, name: 'Here', preset: 'h264-1080p', destination: 'choose' });
    expect(dialog.ok === false && dialog.error.code).toBe('UNSUPPORTED');
  });
});
