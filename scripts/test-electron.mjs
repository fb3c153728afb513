// npm run test:electron: the real desktop app (Playwright's Electron support) on machines that have
// Electron's binary; elsewhere one line saying why it did not run, and success.
import { spawnSync } from 'node:child_process';
import { electronBinary } from './electron-binding.mjs';

const skip = (why) => {
  console.log(`test:electron: skipped, ${why}.`);
  process.exit(0);
};

if (!electronBinary()) skip("Electron's binary is not installed here (bash scripts/setup.sh installs it where it can be downloaded)");

const vitest = ['node_modules/vitest/vitest.mjs', 'run', '--config', 'vitest.electron.config.ts'];
let command = process.execPath;
let args = vitest;
// A Linux machine without a display (CI) runs the window on a virtual one when xvfb-run is there.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error) skip('there is no display and no xvfb-run (apt install xvfb)');
  command = 'xvfb-run';
  args = ['-a', process.execPath, ...vitest];
}
const run = spawnSync(command, args, { cwd: new URL('..', import.meta.url), stdio: 'inherit' });
process.exit(run.status ?? 1);
