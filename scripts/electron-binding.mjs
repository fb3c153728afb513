// The OpenCV binding (@u4/opencv4nodejs, a NAN addon) compiled for Electron's ABI, never over the
// Node build in node_modules (the CLI, serve mode and the tests keep that one). One rebuild, used
// twice: by setup for `npm start` (a copy of the package under native/electron/, which the main
// process loads when it runs in Electron: src/main/vision/opencv-binding.ts) and by stage-app.mjs for
// the packaged app (release/app/node_modules).
//
//   node scripts/electron-binding.mjs    builds native/electron when Electron's binary is installed;
//                                        otherwise, or offline, says why in one line and exits 0
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

/** Where the dev build lives; keep in step with ELECTRON_BINDING_DIR in src/main/vision/opencv-binding.ts. */
export const DEV_BINDING_DIR = join(root, 'native', 'electron', 'node_modules', '@u4', 'opencv4nodejs');
export const ADDON = join('build', 'Release', 'opencv4nodejs.node');
export const HEADERS_URL = 'https://electronjs.org/headers';

export function electronVersion() {
  return readJson(join(root, 'node_modules', 'electron', 'package.json')).version;
}

/** Path of the Electron binary, or null where the package was installed without it. */
export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null; // "Electron failed to install correctly": no path.txt, the download was skipped or failed
  }
}

/** Whether Electron's headers can be fetched (node-gyp needs them); a short bounded probe, so offline fails fast. */
export async function headersReachable(version, timeoutMs = 20_000) {
  const url = `${HEADERS_URL}/v${version}/SHASUMS256.txt`;
  try {
    const res = await fetch(url, { method: 'HEAD', redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? { ok: true } : { ok: false, why: `${url} answered ${res.status}` };
  } catch (e) {
    const cause = e?.cause?.code ?? e?.cause?.message ?? e?.message ?? String(e);
    return { ok: false, why: `${HEADERS_URL} unreachable (${cause})` };
  }
}

/**
 * Compiles the opencv4nodejs package at `moduleDir` for Electron `version` against the system's OpenCV
 * (OPENCV_* in `env`). node-gyp fetches the headers itself; npm_config_nodedir would point it at
 * Node's headers instead, so it is dropped here.
 */
export function rebuildOpencvForElectron(moduleDir, { version, arch = process.arch, env = process.env, stdio = 'inherit' }) {
  const gypEnv = { ...env, OPENCV4NODEJS_DISABLE_AUTOBUILD: '1', JOBS: env.JOBS ?? 'max' };
  for (const k of Object.keys(gypEnv)) if (k.toLowerCase() === 'npm_config_nodedir') delete gypEnv[k];
  const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  const r = spawnSync(process.execPath, [nodeGyp, 'rebuild', `--target=${version}`, `--arch=${arch}`, `--dist-url=${HEADERS_URL}`], {
    cwd: moduleDir,
    env: gypEnv,
    stdio,
  });
  const addon = join(moduleDir, ADDON);
  if (r.status !== 0 || !existsSync(addon)) throw new Error(`node-gyp could not build ${relative(root, addon)} for Electron ${version}`);
  return addon;
}

const STAMP = '.moodtape-electron-build.json';

/** What the dev build was made from; a rebuild is due when any of it changes. */
function wanted(version) {
  const src = join(root, 'node_modules', '@u4', 'opencv4nodejs');
  return { electron: version, opencv4nodejs: readJson(join(src, 'package.json')).version, arch: process.arch };
}

function upToDate(want) {
  try {
    const have = readJson(join(DEV_BINDING_DIR, STAMP));
    return existsSync(join(DEV_BINDING_DIR, ADDON)) && Object.entries(want).every(([k, v]) => have[k] === v);
  } catch {
    return false;
  }
}

async function main() {
  if (!electronBinary()) {
    console.log("OpenCV for Electron: skipped (Electron's binary is not installed); the CLI and serve mode use the Node build.");
    return 0;
  }
  const version = electronVersion();
  const want = wanted(version);
  if (upToDate(want)) {
    console.log(`OpenCV for Electron ${version}: up to date (${relative(root, DEV_BINDING_DIR)})`);
    return 0;
  }
  const reach = await headersReachable(version);
  if (!reach.ok) {
    console.log(
      `OpenCV for Electron: not built, Electron's headers cannot be downloaded (${reach.why}); the desktop app opens without the camera until setup runs online.`,
    );
    return 0;
  }
  console.log(`Building OpenCV for Electron ${version} in ${relative(root, DEV_BINDING_DIR)} (a few minutes the first time)`);
  rmSync(DEV_BINDING_DIR, { recursive: true, force: true });
  mkdirSync(DEV_BINDING_DIR, { recursive: true });
  // The package without the Node build; its own dependencies resolve from the repo's node_modules.
  const src = join(root, 'node_modules', '@u4', 'opencv4nodejs');
  cpSync(src, DEV_BINDING_DIR, { recursive: true, filter: (p) => relative(src, p).split(/[\\/]/)[0] !== 'build' });
  rebuildOpencvForElectron(DEV_BINDING_DIR, { version });
  writeFileSync(join(DEV_BINDING_DIR, STAMP), `${JSON.stringify(want)}\n`);
  console.log(`OpenCV for Electron ${version}: built`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(`OpenCV for Electron: ${e.message}`);
      process.exit(1);
    },
  );
}
