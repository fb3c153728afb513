// Builds everything the app and the CLI run from: dist/main (ESM), dist/preload (CJS, sandboxed), dist/renderer (Vite).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Native modules and every runtime dependency stay external: they are loaded from node_modules.
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];
const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external };

await build({
  ...common,
  format: 'esm',
  entryPoints: { electron: 'src/main/electron/main.ts', cli: 'src/main/cli/index.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.js' },
  // esbuild's ESM output needs require() for the CJS deps it leaves external.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
// The music library's worker thread: fully bundled (decoders, music-metadata), so it loads the same
// from dist/, from app.asar or unpacked beside it; only the native ONNX Runtime (the music model)
// is loaded from node_modules, as the main bundle loads it.
await build({
  ...common,
  external: ['onnxruntime-node'],
  format: 'esm',
  entryPoints: { 'library-worker': 'src/main/library/worker.ts' },
  outdir: 'dist/main',
  outExtension: { '.js': '.js' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
await build({
  ...common,
  format: 'cjs',
  entryPoints: { index: 'src/preload/index.ts' },
  outdir: 'dist/preload',
  outExtension: { '.js': '.cjs' },
});
await viteBuild({ configFile: 'vite.config.ts', logLevel: 'warn' });
console.log('built dist/main, dist/preload, dist/renderer');
