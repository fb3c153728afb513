import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// End-to-end tests: the real app driven in Debian's Chromium through playwright-core, in serve mode
// or (MOODTAPE_E2E_TRANSPORT=electron) through the desktop shell's own bindings (e2e/helpers/electron).
// One file at a time in one fork: each file starts its own app and browser, and the machines
// these run on are small.
export default defineConfig({
  resolve: {
    // The shell's modules (bindIpc, the media protocol) get the e2e stand-ins for Electron's primitives.
    alias: { electron: fileURLToPath(new URL('./e2e/helpers/electron/electron-main.ts', import.meta.url)) },
  },
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
