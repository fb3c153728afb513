// Runs a TypeScript script of this repo (benchmarks) by bundling it with esbuild first: no extra runtime needed.
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function runTs(entry) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const out = new URL(`../.tmp/${basename(entry, '.ts')}.mjs`, import.meta.url).pathname;
  mkdirSync(new URL('../.tmp/', import.meta.url), { recursive: true });
  await build({
    entryPoints: [entry],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron', ...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  await import(pathToFileURL(out).href);
}
