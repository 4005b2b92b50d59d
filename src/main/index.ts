import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDesktopApp } from './electron/app';

// Built to out/main/index.js; the preload and the renderer are built beside it.
const here = path.dirname(fileURLToPath(import.meta.url));

startDesktopApp({
  preloadFile: path.join(here, '../preload/index.cjs'),
  rendererFile: path.join(here, '../renderer/index.html'),
});
