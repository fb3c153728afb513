// Bundles the app's own analysis code (src/main/library/analysis) for these Node scripts, so the
// features fitted here are computed by exactly the code that ships.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export async function loadAnalysis() {
  const outfile = `${root}training/audio/cache/analysis.mjs`;
  await build({
    entryPoints: [`${root}training/audio/entry.ts`],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}
