import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaResponse } from './media-response';

let dir: string;
let media: { path: string; contentType: string };

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-serve-'));
  media = { path: path.join(dir, 'clip.mp4'), contentType: 'video/mp4' };
  await fs.writeFile(media.path, '0123456789');
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

describe('mediaResponse', () => {
  it('sends the whole file with Accept-Ranges', async () => {
    const answer = await mediaResponse(media, 'GET', undefined);
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({ 'Accept-Ranges': 'bytes', 'Content-Length': '10', 'Content-Type': 'video/mp4' });
    expect(await text(answer.body!)).toBe('0123456789');
  });

  it('sends bounded, open-ended and suffix ranges as 206', async () => {
    for (const [range, body, contentRange] of [
      ['bytes=2-4', '234', 'bytes 2-4/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-2', '89', 'bytes 8-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
    ] as const) {
      const answer = await mediaResponse(media, 'GET', range);
      expect(answer.status).toBe(206);
      expect(answer.headers['Content-Range']).toBe(contentRange);
      expect(answer.headers['Content-Length']).toBe(String(body.length));
      expect(await text(answer.body!)).toBe(body);
    }
  });

  it('answers 416 past the end, headers alone for HEAD, 404 for nothing, 405 for other methods', async () => {
    expect(await mediaResponse(media, 'GET', 'bytes=10-')).toMatchObject({ status: 416, body: null, headers: { 'Content-Range': 'bytes */10' } });
    expect(await mediaResponse(media, 'HEAD', 'bytes=0-1')).toMatchObject({ status: 206, body: null, headers: { 'Content-Length': '2' } });
    expect((await mediaResponse(null, 'GET', undefined)).status).toBe(404);
    expect((await mediaResponse({ ...media, path: path.join(dir, 'gone.mp4') }, 'GET', undefined)).status).toBe(404);
    expect((await mediaResponse({ ...media, path: dir }, 'GET', undefined)).status).toBe(404);
    expect(await mediaResponse(media, 'POST', undefined)).toMatchObject({ status: 405, headers: { Allow: 'GET, HEAD' } });
  });
});
