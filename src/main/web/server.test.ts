import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_CALL_BYTES } from '../../shared/api';
import { CLOSE_UNAUTHORIZED } from '../../shared/wire';
import { createEngine, type Engine } from '../engine';
import { startWebShell, type WebShell } from './server';

let root: string;
let engine: Engine;
let shell: WebShell;
const TOKEN = 'test-token-0123456789abcdef';

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'reelsmith-web-'));
  const rendererDir = path.join(root, 'renderer');
  await fs.mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await fs.writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Reelsmith</title>');
  await fs.writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await fs.writeFile(path.join(root, 'secret.txt'), 'secret');
  engine = createEngine({ shell: 'web', configDir: path.join(root, 'config'), projectsDir: path.join(root, 'projects') });
  shell = await startWebShell({ engine, rendererDir, token: TOKEN });
});

afterEach(async () => {
  await shell.close();
  await engine.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

function base() {
  return `http://127.0.0.1:${shell.port}`;
}

interface Received {
  ws: WebSocket;
  messages: unknown[];
  next(): Promise<Record<string, unknown>>;
}

async function connect(query = `?token=${TOKEN}`, headers: Record<string, string> = {}): Promise<Received> {
  const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/api${query}`, { headers });
  const messages: unknown[] = [];
  const waiters: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const waiter = waiters.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    next: () =>
      new Promise((resolve) => {
        const queued = messages.shift();
        if (queued) resolve(queued as Record<string, unknown>);
        else waiters.push(resolve);
      }),
  };
}

async function nextResult(client: Received): Promise<Record<string, unknown>> {
  for (;;) {
    const message = await client.next();
    if (message.type === 'result') return message;
  }
}

/** fetch() does not let a caller set Host, so this goes through node:http. */
function statusWithHost(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: shell.port, path: `/?token=${TOKEN}`, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

function closeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('web shell access', () => {
  it('serves the renderer only with the token, then by cookie', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=wrong-token-0123456789ab`)).status).toBe(401);
    const page = await fetch(`${base()}/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    const asset = await fetch(`${base()}/assets/app.js`, { headers: { cookie } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('refuses other hosts and origins, which is how DNS rebinding and cross-site sockets arrive', async () => {
    expect(await statusWithHost('evil.example')).toBe(403);
    expect(await statusWithHost(`localhost:${shell.port}`)).toBe(200);
    await expect(connect(`?token=${TOKEN}`, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await fetch(`${base()}${p}?token=${TOKEN}`);
      expect(await res.text()).not.toContain('secret');
    }
  });

  it('closes a socket without the token with the unauthorized code', async () => {
    const client = await connect('');
    expect(await closeOf(client.ws)).toBe(CLOSE_UNAUTHORIZED);
  });

  it('accepts a socket authorised by the cookie the page received', async () => {
    const client = await connect('', { cookie: `reelsmith_token=${TOKEN}` });
    client.ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info' }));
    expect(await nextResult(client)).toMatchObject({ id: 1, ok: true, value: { name: 'Reelsmith', shell: 'web' } });
    client.ws.close();
  });
});

describe('web shell API', () => {
  it('answers malformed calls with typed errors and stays up', async () => {
    const client = await connect();
    const send = (data: string | Buffer) => client.ws.send(data);

    send('{not json');
    expect(await nextResult(client)).toMatchObject({ id: null, ok: false, error: { code: 'INVALID_REQUEST' } });
    send(JSON.stringify({ type: 'call', id: 'x', method: 'app.info' }));
    expect(await nextResult(client)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    send(Buffer.from([1, 2, 3]));
    expect(await nextResult(client)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    send(JSON.stringify({ type: 'call', id: 2, method: 'project.format-disk' }));
    expect(await nextResult(client)).toMatchObject({ id: 2, ok: false, error: { code: 'UNKNOWN_METHOD' } });
    send(JSON.stringify({ type: 'call', id: 3, method: 'project.create', params: { path: ['a'] } }));
    expect(await nextResult(client)).toMatchObject({ id: 3, ok: false, error: { code: 'INVALID_PARAMS' } });
    send(JSON.stringify({ type: 'call', id: 4, method: 'project.rename', params: { name: 'x'.repeat(2 * MAX_CALL_BYTES) } }));
    expect(await nextResult(client)).toMatchObject({ id: 4, ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
    send(JSON.stringify({ type: 'call', id: 5, method: 'app.info' }));
    expect(await nextResult(client)).toMatchObject({ id: 5, ok: true });
    client.ws.close();
  });

  it('drops a socket that sends a huge frame, and keeps serving others', async () => {
    const client = await connect();
    const closed = closeOf(client.ws);
    client.ws.send(Buffer.alloc(20 * MAX_CALL_BYTES, 0x20).toString());
    expect(await closed).toBe(1009);
    const other = await connect();
    other.ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info' }));
    expect(await nextResult(other)).toMatchObject({ id: 1, ok: true });
    other.ws.close();
  });

  it('pushes project events to every connected page', async () => {
    const editor = await connect();
    const watcher = await connect();
    editor.ws.send(
      JSON.stringify({ type: 'call', id: 1, method: 'project.create', params: { path: path.join(root, 'Live') } }),
    );
    expect(await nextResult(editor)).toMatchObject({ id: 1, ok: true });
    let event: Record<string, unknown>;
    do event = await watcher.next();
    while (event.event !== 'project.changed');
    expect(event).toMatchObject({ type: 'event', payload: { state: { document: { name: 'Live' } } } });
    editor.ws.close();
    watcher.ws.close();
  });
});
