// npm run test:electron: the real desktop app (Playwright's Electron support) on machines that have
// Electron's binary; elsewhere one line saying why it did not run, and success.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binding.mjs';

if (!electronBinary()) {
  console.log(
    "test:electron: skipped, Electron's binary is not installed here (bash scripts/setup.sh installs it where it can be downloaded).",
  );
  process.exit(0);
}
const vitest = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.electron.config.ts'], {
  cwd: new URL('..', import.meta.url),
  stdio: 'inherit',
});
process.exit(vitest.status ?? 1);
