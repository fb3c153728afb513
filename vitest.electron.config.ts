import { defineConfig } from 'vitest/config';

// The real desktop app under Playwright's Electron support (npm run test:electron, which skips
// itself where Electron's binary is missing). Builds first, like the e2e run.
export default defineConfig({
  test: {
    include: ['e2e/desktop/**/*.electron.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    retry: 0,
  },
});
