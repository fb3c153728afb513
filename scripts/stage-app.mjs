// Stages the app electron-builder packs (its "two package.json" layout, directories.app):
//   release/app/package.json   production-only manifest (runtime dependencies of the root package.json)
//   release/app/dist/          the built main, preload and renderer (run `npm run build` first)
//   release/app/node_modules/  runtime dependencies, native ones rebuilt for Electron's ABI
//
// The repo's own node_modules hold the *Node* builds the tests and the CLI use; nothing here may
// touch them. So the install and the rebuild happen here, pinned to release/app (electron-builder's
// own rebuild would walk up into ../../node_modules, see docs/packaging.md), and
// electron-builder.yml sets npmRebuild: false.
//
//   node scripts/stage-app.mjs [--arch x64|arm64] [--skip-install]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const appDir = join(root, 'release', 'app');
const argv = process.argv.slice(2);
const flag = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const arch = flag('--arch') ?? process.arch;
const skipInstall = argv.includes('--skip-install');

const fail = (msg) => {
  console.error(`stage-app: ${msg}`);
  process.exit(1);
};
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));

// 1. The build must exist.
for (const f of ['dist/main/electron.js', 'dist/preload/index.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, f))) fail(`${f} is missing: run "npm run build" first.`);
}

// 2. Manifest: what the packaged app needs at run time, nothing else.
const pkg = readJson(join(root, 'package.json'));
const manifest = {
  name: pkg.name,
  version: pkg.version,
  description: pkg.description,
  license: pkg.license,
  author: pkg.author,
  ...(pkg.homepage ? { homepage: pkg.homepage } : {}),
  type: 'module',
  main: 'dist/main/electron.js',
  dependencies: pkg.dependencies ?? {},
  // @u4/opencv4nodejs reads its build settings from the package.json at INIT_CWD.
  ...(pkg.opencv4nodejs ? { opencv4nodejs: pkg.opencv4nodejs } : {}),
};
mkdirSync(appDir, { recursive: true });
writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
// The root lock pins the same versions the tests ran with; npm trims it to the production tree.
if (existsSync(join(root, 'package-lock.json'))) cpSync(join(root, 'package-lock.json'), join(appDir, 'package-lock.json'));

// 3. The build output.
rmSync(join(appDir, 'dist'), { recursive: true, force: true });
cpSync(join(root, 'dist'), join(appDir, 'dist'), { recursive: true });
console.log(`stage-app: staged ${relative(root, appDir)} (${pkg.name} ${pkg.version})`);
if (skipInstall) process.exit(0);

// 4. OpenCV for @u4/opencv4nodejs: the system's OpenCV, never an automatic source build.
const env = { ...process.env };
env.OPENCV4NODEJS_DISABLE_AUTOBUILD ??= '1';
env.ONNXRUNTIME_NODE_INSTALL ??= 'skip'; // onnxruntime-node: CPU binaries only, no CUDA download
env.INIT_CWD = appDir;
if (!env.OPENCV_INCLUDE_DIR) {
  const brew = ['/opt/homebrew/opt/opencv', '/usr/local/opt/opencv'].find((p) => process.platform === 'darwin' && existsSync(p));
  const multiarch = { x64: 'x86_64-linux-gnu', arm64: 'aarch64-linux-gnu' }[arch];
  if (brew) {
    Object.assign(env, { OPENCV_INCLUDE_DIR: `${brew}/include/opencv4`, OPENCV_LIB_DIR: `${brew}/lib`, OPENCV_BIN_DIR: `${brew}/bin` });
  } else if (process.platform === 'linux' && existsSync('/usr/include/opencv4') && multiarch) {
    Object.assign(env, { OPENCV_INCLUDE_DIR: '/usr/include/opencv4', OPENCV_LIB_DIR: `/usr/lib/${multiarch}`, OPENCV_BIN_DIR: '/usr/bin' });
  } else {
    fail('set OPENCV_INCLUDE_DIR, OPENCV_LIB_DIR and OPENCV_BIN_DIR to your OpenCV 4 install (see docs/packaging.md).');
  }
}
console.log(`stage-app: OpenCV from ${env.OPENCV_LIB_DIR}`);

// 5. Production install inside release/app only.
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const install = spawnSync(npm, ['install', '--omit=dev', '--no-audit', '--no-fund'], {
  cwd: appDir,
  env,
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
if (install.status !== 0) fail('npm install in release/app failed.');

// Every native module we are about to rebuild must really live under release/app.
for (const dep of Object.keys(manifest.dependencies)) {
  const p = join(appDir, 'node_modules', dep);
  if (!existsSync(p)) fail(`${dep} was not installed into release/app/node_modules.`);
  if (lstatSync(p).isSymbolicLink() || !realpathSync(p).startsWith(appDir + sep))
    fail(`${dep} resolves outside release/app; refusing to rebuild it.`);
}

// onnxruntime-node ships every platform's binaries: keep only this target's.
const ortBin = join(appDir, 'node_modules', 'onnxruntime-node', 'bin');
for (const napi of existsSync(ortBin) ? readdirSync(ortBin) : []) {
  for (const platform of readdirSync(join(ortBin, napi))) {
    if (platform !== process.platform) {
      rmSync(join(ortBin, napi, platform), { recursive: true, force: true });
      continue;
    }
    for (const a of readdirSync(join(ortBin, napi, platform))) {
      if (a !== arch) rmSync(join(ortBin, napi, platform, a), { recursive: true, force: true });
    }
  }
}

// 6. Rebuild the NAN addon @u4/opencv4nodejs against Electron's headers (the same rebuild setup uses
//    for `npm start`: scripts/electron-binding.mjs). onnxruntime-node is N-API: its binaries load as they are.
const { electronVersion, rebuildOpencvForElectron } = await import('./electron-binding.mjs');
const version = electronVersion();
console.log(`stage-app: rebuilding @u4/opencv4nodejs for Electron ${version} (${process.platform}-${arch})`);
try {
  rebuildOpencvForElectron(join(appDir, 'node_modules', '@u4', 'opencv4nodejs'), { version, arch, env });
} catch (e) {
  fail(e.message);
}
console.log('stage-app: release/app is ready for electron-builder');
