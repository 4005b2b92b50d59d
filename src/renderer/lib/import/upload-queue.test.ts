import { describe, expect, it } from 'vitest';
import { STOPPED_MESSAGE, uploadAll, type SendUpload, type UploadProgress } from './upload-queue';

interface Item {
  name: string;
  size: number;
}

const items = (...sizes: number[]): Item[] => sizes.map((size, i) => ({ name: `f${i}.mp4`, size }));

/** A sender whose uploads finish when the test says so. */
function controlledSender() {
  type Pending = { resolve: (id: string) => void; reject: (e: Error) => void; onSent: (bytes: number) => void };
  const pending = new Map<string, Pending>();
  const started: string[] = [];
  const send: SendUpload<Item> = (item, onSent, signal) =>
    new Promise<string>((resolve, reject) => {
      started.push(item.name);
      pending.set(item.name, { resolve, reject, onSent });
      signal.addEventListener('abort', () => reject(new Error('aborted')));
    });
  return { send, pending, started };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('uploadAll', () => {
  it('keeps at most the allowed number of uploads running', async () => {
    const { send, pending, started } = controlledSender();
    const done = uploadAll(items(1, 1, 1, 1, 1), send, {
      concurrency: 3,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    await tick();
    expect(started).toEqual(['f0.mp4', 'f1.mp4', 'f2.mp4']);
    pending.get('f1.mp4')!.resolve('u1');
    await tick();
    expect(started).toEqual(['f0.mp4', 'f1.mp4', 'f2.mp4', 'f3.mp4']);
    for (const name of ['f0.mp4', 'f2.mp4', 'f3.mp4']) pending.get(name)!.resolve(`u-${name}`);
    await tick();
    pending.get('f4.mp4')!.resolve('u4');
    const outcomes = await done;
    expect(outcomes.map((o) => ('uploadId' in o ? o.uploadId : o.error))).toEqual([
      'u-f0.mp4',
      'u1',
      'u-f2.mp4',
      'u-f3.mp4',
      'u4',
    ]);
  });

  it('reports bytes sent across all files', async () => {
    const { send, pending } = controlledSender();
    const seen: UploadProgress[] = [];
    const done = uploadAll(items(100, 300), send, {
      concurrency: 2,
      signal: new AbortController().signal,
      onProgress: (p) => seen.push(p),
    });
    await tick();
    pending.get('f0.mp4')!.onSent(50);
    pending.get('f1.mp4')!.onSent(150);
    expect(seen.at(-1)).toEqual({ sentBytes: 200, totalBytes: 400, doneFiles: 0, totalFiles: 2 });
    pending.get('f0.mp4')!.resolve('a');
    await tick();
    expect(seen.at(-1)).toEqual({ sentBytes: 250, totalBytes: 400, doneFiles: 1, totalFiles: 2 });
    pending.get('f1.mp4')!.resolve('b');
    await done;
    expect(seen.at(-1)).toEqual({ sentBytes: 400, totalBytes: 400, doneFiles: 2, totalFiles: 2 });
  });

  it('carries on after a failed file and says why it failed', async () => {
    const send: SendUpload<Item> = async (item) => {
      if (item.name === 'f0.mp4') throw new Error('This file is larger than the web shell accepts.');
      return 'ok';
    };
    const outcomes = await uploadAll(items(1, 1), send, {
      concurrency: 1,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(outcomes[0]).toMatchObject({ error: 'This file is larger than the web shell accepts.', stopped: false });
    expect(outcomes[1]).toMatchObject({ uploadId: 'ok' });
  });

  it('stops running uploads and never starts the waiting ones, keeping those that arrived', async () => {
    const { send, pending, started } = controlledSender();
    const controller = new AbortController();
    const done = uploadAll(items(1, 1, 1, 1), send, {
      concurrency: 2,
      signal: controller.signal,
      onProgress: () => undefined,
    });
    await tick();
    pending.get('f0.mp4')!.resolve('kept');
    await tick();
    controller.abort();
    const outcomes = await done;
    expect(started).toEqual(['f0.mp4', 'f1.mp4', 'f2.mp4']);
    expect(outcomes[0]).toMatchObject({ uploadId: 'kept' });
    for (const outcome of outcomes.slice(1)) expect(outcome).toMatchObject({ error: STOPPED_MESSAGE, stopped: true });
  });

  it('answers at once for nothing to upload', async () => {
    const outcomes = await uploadAll([], async () => 'x', {
      concurrency: 3,
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    expect(outcomes).toEqual([]);
  });
});
