import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestMedia, type TestMediaCorpus } from '../../../../test/media/corpus';
import type { ApiMethodName, ApiOutput } from '../../../shared/api';
import type { AssetView } from '../../../shared/assets';
import { locateTool } from '../ffmpeg/locate';
import { createEngine, type Engine } from '../index';

const run = promisify(execFile);
const makeClip = (file: string, source: string) =>
  run(locateTool('ffmpeg').path, ['-v', 'error', '-f', 'lavfi', '-i', source, '-c:v', 'libx264', '-preset', 'ultrafast', file]);

/** Ingest end to end in the engine: import the generated corpus, make derived media, serve it, relink, upload. */

let root: string;
let corpus: TestMediaCorpus;
let engine: Engine;
let project: string;

async function ok<M extends ApiMethodName>(method: M, params?: unknown): Promise<ApiOutput<M>> {
  const result = await engine.call(method, params, { caller: 'local' });
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as ApiOutput<M>;
}

const byName = (assets: AssetView[]) => new Map(assets.map((a) => [a.name, a]));

beforeAll(async () => {
  corpus = await ensureTestMedia();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-ingest-'));
  engine = createEngine({ shell: 'test', configDir: path.join(root, 'config'), projectsDir: root, cpuSlots: 2 });
  project = (await ok('project.create', { path: path.join(root, 'Ingest') })).path;
}, 120_000);
afterAll(async () => {
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('importing the corpus', () => {
  let report: ApiOutput<'assets.import'>;
  let assets: Map<string, AssetView>;

  beforeAll(async () => {
    report = await ok('assets.import', { paths: [corpus.dir] });
    await engine.whenMediaIdle();
    assets = byName(await ok('assets.list'));
  }, 180_000);

  it('gives every file one result: good ones imported, the copy a duplicate, bad ones rejected with the reason', () => {
    const results = new Map(report.results.map((r) => [r.name.split('/').slice(1).join('/'), r]));
    for (const media of corpus.all) {
      if (media.name.split('/').some((part) => part.startsWith('.'))) {
        expect(results.has(media.name), `${media.name} is hidden and skipped`).toBe(false);
        continue;
      }
      const result = results.get(media.name);
      expect(result, media.name).toBeDefined();
      if (media.bad) {
        expect(result).toMatchObject({ outcome: 'rejected', assetId: null });
        expect(result!.reason).toMatch(media.reasonPattern);
      } else if (media.name === 'duplicate-of-h264-aac.mp4' || media.name === 'h264-aac.mp4') {
        expect(['imported', 'duplicate']).toContain(result!.outcome);
      } else {
        expect(result, media.name).toMatchObject({ outcome: 'imported', reason: null });
      }
    }
    const pair = ['h264-aac.mp4', 'duplicate-of-h264-aac.mp4'].map((n) => results.get(n)!);
    expect(pair.map((r) => r.outcome).sort()).toEqual(['duplicate', 'imported']);
    expect(pair.find((r) => r.outcome === 'duplicate')!.assetId).toBe(pair.find((r) => r.outcome === 'imported')!.assetId);
    // The corpus folder also holds its done.json marker: text, so rejected like the bad files.
    expect(report.rejected).toBe(Object.keys(corpus.bad).length + 1);
    expect(results.get('done.json')?.reason).toMatch(/not a media file/);
    expect(report.duplicates).toBe(1);
  });

  it('records the probed kind and metadata of every good file', () => {
    for (const media of Object.values(corpus.good)) {
      const asset = [...assets.values()].find((a) => a.path === media.path);
      if (!asset) continue;
      expect(asset.kind, media.name).toBe(media.kind);
      expect(asset.media.video?.displayWidth ?? null, media.name).toBe(media.video?.displayWidth ?? null);
      expect(asset.media.audio[0]?.codec ?? null, media.name).toBe(media.audio?.codec ?? null);
      expect(asset.status).toBe('ready');
    }
    expect(assets.get(path.basename(corpus.good['phone-rotated.mp4'].path))?.media.video?.rotation).toBe(90);
  });

  it('makes a poster for everything with a picture, a filmstrip for video, peaks for sound, proxies where Chromium needs them', () => {
    for (const asset of assets.values()) {
      const hasPicture = asset.kind !== 'audio' || asset.media.attachedPicture !== null;
      expect(asset.derived.poster, `${asset.name} poster`).toBe(hasPicture ? 'ready' : 'none');
      expect(asset.derived.filmstrip, `${asset.name} filmstrip`).toBe(asset.kind === 'video' ? 'ready' : 'none');
      expect(asset.derived.waveform, `${asset.name} waveform`).toBe(asset.media.audio.length > 0 ? 'ready' : 'none');
      expect(asset.derived.failure).toBeNull();
      expect(asset.playable, `${asset.name} playable`).toBe(true);
    }
    for (const name of ['hevc.mkv', 'prores-422.mov', 'h264-10bit.mp4', 'h264-yuv422p.mp4', 'alac.m4a']) {
      expect(assets.get(name)?.derived.proxy, name).toBe('ready');
    }
    for (const name of ['vp9-opus.webm', 'speech.wav', 'tone.mp3', 'alpha.png']) {
      expect(assets.get(name)?.derived.proxy, name).toBe('none');
    }
    const strip = assets.get('vfr.mp4')!.derived.filmstripGeometry!;
    expect(strip.tiles).toBeGreaterThan(0);
    expect(strip.interval * strip.tiles).toBeCloseTo(assets.get('vfr.mp4')!.media.duration!, 1);
  });

  it('serves variants by asset id: the proxy for play when one is needed, the original otherwise', async () => {
    const hevc = assets.get('hevc.mkv')!;
    const play = await engine.media.resolve(hevc.id, 'play');
    expect(play?.contentType).toBe('video/mp4');
    expect(play?.path.startsWith(path.join(project, 'cache', 'media'))).toBe(true);
    const webm = assets.get('vp9-opus.webm')!;
    expect(await engine.media.resolve(webm.id, 'play')).toEqual({ path: webm.path, contentType: 'video/webm' });
    expect((await engine.media.resolve(webm.id, 'poster'))?.contentType).toBe('image/jpeg');
    expect(await engine.media.resolve(assets.get('speech.wav')!.id, 'poster')).toBeNull();
    expect(await engine.media.resolve('no-such-asset', 'original')).toBeNull();
  });

  it('undoes the whole import in one step and redoes it', async () => {
    const count = assets.size;
    const state = await ok('project.current');
    expect(state?.assetCount).toBe(count);
    expect(state?.history.undoLabel).toBe(`Import ${count} files`);
    expect((await ok('project.undo')).assetCount).toBe(0);
    expect(await ok('assets.list')).toEqual([]);
    expect((await ok('project.redo')).assetCount).toBe(count);
  });

  it('imports the same folder again as duplicates only', async () => {
    const again = await ok('assets.import', { paths: [path.join(corpus.dir, 'folder')] });
    expect(again).toMatchObject({ imported: 0, duplicates: 1, rejected: 0 });
  });

  it('tags and favourites in one undoable edit each', async () => {
    const ids = [assets.get('photo.jpg')!.id, assets.get('anim.gif')!.id];
    await ok('assets.update', { ids, addTags: ['Thumbnail ideas'], favourite: true });
    const photo = (await ok('assets.list')).find((a) => a.id === ids[0])!;
    expect(photo).toMatchObject({ tags: ['Thumbnail ideas'], favourite: true });
    await ok('project.undo');
    expect((await ok('assets.list')).find((a) => a.id === ids[0])).toMatchObject({ tags: [], favourite: false });
  });
});

describe('refreshing', () => {
  it('probes again without an edit when nothing about the file changed', async () => {
    const id = (await ok('assets.list')).find((a) => a.name === 'photo.jpg')!.id;
    const before = (await ok('project.current'))!.history;
    await ok('assets.refresh', { ids: [id] });
    expect((await ok('project.current'))!.history).toEqual(before);
    expect((await ok('assets.list')).find((a) => a.id === id)?.status).toBe('ready');
  });
});

describe('relinking and uploads', () => {
  it('flags a moved file missing and relinks it by content from a folder', async () => {
    const fresh = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-relink-'));
    const copy = path.join(fresh, 'take.mp4');
    await makeClip(copy, 'testsrc2=s=96x64:r=10:d=1');
    const report = await ok('assets.import', { paths: [copy] });
    const id = report.results[0]!.assetId!;
    await engine.whenMediaIdle();

    const moved = path.join(root, 'archive', 'renamed take.mp4');
    await fs.mkdir(path.dirname(moved), { recursive: true });
    await fs.rename(copy, moved);
    await ok('assets.refresh', { ids: [id] });
    await expect.poll(async () => (await ok('assets.list')).find((a) => a.id === id)?.status).toBe('missing');
    expect(await engine.media.resolve(id, 'original')).toBeNull();
    // Its poster is still in the content-keyed cache, so the gallery still shows what is missing.
    expect((await ok('assets.list')).find((a) => a.id === id)?.derived.poster).toBe('ready');
    expect(await engine.media.resolve(id, 'poster')).not.toBeNull();

    expect(await ok('assets.relink', { folder: path.join(root, 'archive') })).toEqual({ relinked: 1, missing: 0 });
    await expect.poll(async () => (await ok('assets.list')).find((a) => a.id === id)?.status).toBe('ready');
    expect((await ok('assets.list')).find((a) => a.id === id)?.path).toBe(moved);
    await fs.rm(fresh, { recursive: true, force: true });
  });

  it('imports uploads into media/ and deletes the ones that were not imported', async () => {
    const upload = async (name: string, file: string) =>
      (await engine.media.receiveUpload(name, Readable.from(await fs.readFile(file)))).uploadId;
    const fresh = path.join(root, 'fresh.mp4');
    await makeClip(fresh, 'testsrc2=s=80x60:r=12:d=1');
    const good = await upload('drop/it\'s "quoted": café.mp4', fresh);
    const bad = await upload('drop/notes.mp4', corpus.bad['notes.mp4'].path);
    const dup = await upload('drop/again.webm', corpus.good['vp9-opus.webm'].path);
    const report = await ok('assets.importUploads', { uploads: [good, bad, dup] });
    expect(report.results.map((r) => [r.name, r.outcome])).toEqual([
      ['drop/it\'s "quoted": café.mp4', 'imported'],
      ['drop/notes.mp4', 'rejected'],
      ['drop/again.webm', 'duplicate'],
    ]);
    const stored = (await ok('assets.list')).find((a) => a.id === report.results[0]!.assetId)!;
    expect(stored).toMatchObject({ name: 'it\'s "quoted": café.mp4', stored: true });
    expect(stored.path).toBe(path.join(project, 'media', 'drop', "it's _quoted__ café.mp4"));
    expect(await fs.readdir(path.join(project, 'media', 'drop'))).toEqual(["it's _quoted__ café.mp4"]);
  });
});
