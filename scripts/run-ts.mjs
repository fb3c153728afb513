// Runs a TypeScript module of this repo (benchmarks) by bundling it with esbuild first: no extra runtime needed.
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles `entry` (dependencies stay external) to `out` and imports it afresh. */
export async function importTs(entry, out = new URL(`../.tmp/${basename(entry, '.ts')}.mjs`, import.meta.url).pathname) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  mkdirSync(dirname(out), { recursive: true });
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
  return import(`${pathToFileURL(out).href}?t=${Date.now()}`);
}

export async function runTs(entry) {
  await importTs(entry);
}
