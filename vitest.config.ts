import { defineConfig } from 'vitest/config';

// Unit tests of the services (real OpenCV, ONNX Runtime, audio files) and of the Electron glue (electron faked).
export default defineConfig({
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    // Native addons (OpenCV, ONNX Runtime) are safest in separate processes, not worker threads.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
