import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**'],
          environment: 'node',
          // The one seam to the WebExtension API is replaced, nothing else.
          alias: { 'webextension-polyfill': new URL('./test/support/fake-browser.ts', import.meta.url).pathname },
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file launches its own browser; two at once is what two cores can carry.
          maxWorkers: 2,
          fileParallelism: true,
        },
      },
    ],
  },
});
