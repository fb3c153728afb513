import { defineConfig } from 'vitest/config';

// End-to-end tests: the real app in serve mode, driven in Debian's Chromium through playwright-core.
// One file at a time in one fork: each file starts its own server and browser, and the machines
// these run on are small.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    retry: 0,
  },
});
