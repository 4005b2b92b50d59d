import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './electron/app';

// Built to out/main/index.js; the preload, the renderer and the inference host are built beside it.
const here = path.dirname(fileURLToPath(import.meta.url));

startDesktopApp({
  preloadFile: path.join(here, '../preload/index.cjs'),
  rendererFile: path.join(here, '../renderer/index.html'),
  inferenceHostFile: path.join(here, 'inference-host.js'),
});
