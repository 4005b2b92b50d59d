import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/**
 * One main build with three entries (the Electron app, the web shell and the CLI) over the same engine, and a fourth
 * for the inference host process they start (out/main/inference-host.js); a CommonJS preload, since sandboxed
 * preloads cannot be ES modules; and the Svelte renderer shared by Electron and the web shell.
 */
export default defineConfig({
  main: {
    build: {
      // zod is bundled: loaded from node_modules it is a hundred ES modules, 40 ms of every start of the CLI and
      // 80 ms of every inference host's.
      externalizeDeps: { exclude: ['zod'] },
      rolldownOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          web: resolve('src/main/web/main.ts'),
          cli: resolve('src/main/cli/main.ts'),
          'inference-host': resolve('src/main/engine/inference/host-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [svelte({ configFile: resolve('svelte.config.js') })],
    build: {
      rolldownOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
