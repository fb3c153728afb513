// npm start: the desktop app when Electron's binary is installed, serve mode (browser) otherwise.
// Arguments pass through: `npm start -- --camera path/to/video.webm`.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binding.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const built = ['dist/main/electron.js', 'dist/main/cli.js', 'dist/preload/index.cjs', 'dist/renderer/index.html'];

function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (e) => {
    console.error(`Could not start ${command}: ${e.message}`);
    process.exit(1);
  });
}

if (built.some((f) => !existsSync(new URL(`../${f}`, import.meta.url)))) {
  console.log('Building Moodtape first (node scripts/build.mjs)...');
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const electron = electronBinary();
if (electron) {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  run(electron, ['.', ...args], env);
} else {
  console.log("Electron's binary is not installed here (setup could not download it); starting serve mode instead.");
  console.log('Open the URL printed below in a browser (Chromium or Chrome).');
  run(process.execPath, ['bin/moodtape.js', 'serve', ...args]);
}
