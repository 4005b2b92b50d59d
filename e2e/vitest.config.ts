import { defineConfig } from 'vitest/config';

/** End-to-end tests drive the built app (`npm run build` first): the web shell in Chromium, the CLI, Electron. */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
