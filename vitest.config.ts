import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

// Unit tests in two projects, both run by `npm run test:unit`:
// - main: the services (real OpenCV, ONNX Runtime, audio files) and the Electron glue (electron faked);
// - renderer: the Svelte state (.svelte.ts runes) in happy-dom, against a fake MoodtapeApi.
export default defineConfig({
  root: '.',
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: ['test/renderer/**'],
          // Native addons (OpenCV, ONNX Runtime) are safest in separate processes, not worker threads.
          pool: 'forks',
        },
      },
      {
        extends: true,
        plugins: [svelte({ configFile: false, compilerOptions: { runes: true } })],
        // Svelte's client runtime (the one the page runs), not its server build.
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer',
          include: ['test/renderer/**/*.test.ts'],
          environment: 'happy-dom',
          setupFiles: ['test/renderer/helpers/setup.ts'],
        },
      },
    ],
  },
});
