/**
 * Scroll smoothness of the gallery grid with 10,000 assets: serves the product's AssetGrid over a made-up library
 * (bench/gallery-scroll/page), scrolls it in Chromium at several speeds and prints frame times.
 *
 *   npx tsx bench/gallery-scroll/run.ts     (CHROMIUM=/path/to/chromium, COUNT=10000, TILE=180, POSTERS=0)
 *
 * The page is a production build (Svelte's development checks cost more than the grid itself). Posters are real
 * JPEGs made once with ffmpeg, so image decoding is part of what is measured.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { chromium } from 'playwright-core';
import { build, preview, type Plugin } from 'vite';
import { locateTool } from '../../src/main/engine/ffmpeg/locate';

const root = path.join(import.meta.dirname, 'page');
const repo = path.resolve(import.meta.dirname, '../..');
const posterDir = path.join(repo, '.cache/bench/gallery-posters');
const outDir = path.join(repo, '.cache/bench/gallery-scroll');
const POSTERS = 12;
const count = Number(process.env.COUNT ?? 10_000);
const tile = Number(process.env.TILE ?? 180);
const posters = process.env.POSTERS !== '0';

function makePosters(): string[] {
  fs.mkdirSync(posterDir, { recursive: true });
  const ffmpeg = locateTool('ffmpeg').path;
  return Array.from({ length: POSTERS }, (_, i) => {
    const file = path.join(posterDir, `poster-${i}.jpg`);
    if (!fs.existsSync(file)) {
      const source = `testsrc2=size=480x270:rate=1,hue=h=${i * 30}`;
      const args = ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, '-frames:v', '1', '-q:v', '4', file];
      const made = spawnSync(ffmpeg, args);
      if (made.status !== 0) throw new Error(`ffmpeg could not make ${file}: ${made.stderr}`);
    }
    return file;
  });
}

/** Answers the grid's poster requests (`/media/asset/a123/poster`) with one of the made-up posters. */
function posterServer(files: string[]): Plugin {
  const bodies = files.map((file) => fs.readFileSync(file));
  return {
    name: 'gallery-bench-posters',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/media\/asset\/a(\d+)\/poster/.exec(req.url ?? '');
        if (!match) return next();
        res.setHeader('Content-Type', 'image/jpeg');
        res.setHeader('Cache-Control', 'max-age=3600');
        res.end(bodies[Number(match[1]) % bodies.length]);
      });
    },
  };
}

await build({
  root,
  configFile: false,
  logLevel: 'error',
  plugins: [svelte({ configFile: path.join(repo, 'svelte.config.js') })],
  build: { outDir, emptyOutDir: true },
});
const server = await preview({
  root,
  configFile: false,
  logLevel: 'error',
  plugins: [posterServer(makePosters())],
  build: { outDir },
  preview: { port: 0, host: '127.0.0.1' },
});
const address = server.httpServer.address();
if (!address || typeof address === 'string') throw new Error('The bench server has no port.');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--no-first-run', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`http://127.0.0.1:${address.port}/?count=${count}&tile=${tile}&posters=${posters ? 1 : 0}`);
  await page.getByTestId('gallery-grid').waitFor();
  await page.waitForFunction(() => 'scrollBench' in globalThis);
  console.log(`Gallery grid, ${count} assets, ${tile} px tiles, ${posters ? 'JPEG posters' : 'no posters'}, 1440×900`);
  for (const [label, pixelsPerFrame] of [
    ['steady scroll (600 px/s)', 10],
    ['fast scroll (2,400 px/s)', 40],
    ['fling (12,000 px/s)', 200],
  ] as const) {
    type Bench = { scrollBench(pixelsPerFrame: number, frames: number): Promise<object> };
    const run = await page.evaluate(
      ([step, frames]) => (globalThis as unknown as Bench).scrollBench(step, frames),
      [pixelsPerFrame, 300] as const,
    );
    console.log(label.padEnd(26), JSON.stringify(run));
  }
} finally {
  await browser.close();
  await server.close();
}
