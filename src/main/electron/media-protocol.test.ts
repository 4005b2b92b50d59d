import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ServedMedia } from '../engine/serving/media-response';
import { answerMediaRequest, parseMediaUrl, toWebResponse, type ResolveMedia } from './media-protocol';

describe('parseMediaUrl', () => {
  it('reads the asset id and variant', () => {
    expect(parseMediaUrl('media://asset/clip_01-A/original')).toEqual({ id: 'clip_01-A', variant: 'original' });
    expect(parseMediaUrl('media://asset/abc/waveform')).toEqual({ id: 'abc', variant: 'waveform' });
  });

  it('ignores the cache-busting query and any fragment', () => {
    expect(parseMediaUrl('media://asset/abc/poster?v=3#x')).toEqual({ id: 'abc', variant: 'poster' });
  });

  it('refuses every other URL, and never takes a path', () => {
    for (const url of [
      'media://asset/abc/thumbnail',
      'media://asset/abc',
      'media://asset/abc/original/extra',
      'media://asset//original',
      'media://asset/../../etc/passwd',
      'media://asset/..%2F..%2Fetc%2Fpasswd/original',
      'media://asset/a%2Fb/original',
      'media://asset/%/original',
      'media://asset/%E0%A4%A/original',
      'media://file/etc/passwd',
      'media:///etc/passwd',
      'media://user:secret@asset/abc/original',
      'file:///asset/abc/original',
      'https://asset/abc/original',
      'not a url',
      '',
    ]) {
      expect(parseMediaUrl(url), url).toBeNull();
    }
  });
});

describe('answerMediaRequest', () => {
  let folder: string;
  let clip: ServedMedia;
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'reelsmith-media-protocol-'));
    clip = { path: path.join(folder, 'clip.mp4'), contentType: 'video/mp4' };
    fs.writeFileSync(clip.path, bytes);
  });

  afterAll(() => fs.rmSync(folder, { recursive: true, force: true }));

  const resolver = () => vi.fn<ResolveMedia>(async (id) => (id === 'clip' ? clip : null));
  const request = (url: string, init: RequestInit = {}) => new Request(url, init);
  const noError = (error: unknown) => {
    throw error;
  };

  it('streams the whole file, saying that it may be fetched by range and read by the page', async () => {
    const resolve = resolver();
    const response = await answerMediaRequest(request('media://asset/clip/play'), resolve, noError);
    expect(resolve).toHaveBeenCalledWith('clip', 'play');
    expect(response.status).toBe(200);
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-type')).toBe('video/mp4');
    expect(response.headers.get('content-length')).toBe('1000');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers a Range request with 206 and those bytes, so <video> can seek', async () => {
    const response = await answerMediaRequest(
      request('media://asset/clip/original', { headers: { Range: 'bytes=100-199' } }),
      resolver(),
      noError,
    );
    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(response.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes.subarray(100, 200));
  });

  it('answers HEAD and an unsatisfiable range with headers alone', async () => {
    const headRequest = request('media://asset/clip/original', { method: 'HEAD' });
    const head = await answerMediaRequest(headRequest, resolver(), noError);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');
    expect(head.body).toBeNull();
    const beyond = await answerMediaRequest(
      request('media://asset/clip/original', { headers: { Range: 'bytes=5000-' } }),
      resolver(),
      noError,
    );
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe('bytes */1000');
    expect(beyond.body).toBeNull();
  });

  it('answers 404 for an unknown asset, and for a URL it cannot read without asking the engine', async () => {
    const resolve = resolver();
    expect((await answerMediaRequest(request('media://asset/other/poster'), resolve, noError)).status).toBe(404);
    expect(resolve).toHaveBeenCalledWith('other', 'poster');
    resolve.mockClear();
    for (const url of ['media://asset/clip/secret', 'media://asset/%/original', 'media://file/etc/passwd']) {
      expect((await answerMediaRequest(request(url), resolve, noError)).status).toBe(404);
    }
    expect(resolve).not.toHaveBeenCalled();
  });

  it('refuses methods other than GET and HEAD', async () => {
    const post = request('media://asset/clip/original', { method: 'POST' });
    const response = await answerMediaRequest(post, resolver(), noError);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 and reports the error when the engine fails', async () => {
    const failure = new Error('project closed mid-request');
    const onError = vi.fn();
    const response = await answerMediaRequest(
      request('media://asset/clip/original'),
      async () => Promise.reject(failure),
      onError,
    );
    expect(response.status).toBe(500);
    expect(onError).toHaveBeenCalledWith(failure);
  });
});

describe('toWebResponse', () => {
  it('keeps the status and headers, with no body when there is none', async () => {
    const response = toWebResponse({ status: 404, headers: { 'Content-Length': '0' }, body: null });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-length')).toBe('0');
    expect(response.body).toBeNull();
  });

  it('adds the extra headers', () => {
    const response = toWebResponse({ status: 404, headers: {}, body: null }, { 'Access-Control-Allow-Origin': '*' });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('releases the file when the player stops reading (a seek cancels the request)', async () => {
    const source = Readable.from([Buffer.from('first'), Buffer.from('second')]);
    const response = toWebResponse({ status: 200, headers: {}, body: source });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    await vi.waitFor(() => expect(source.destroyed).toBe(true));
  });
});
