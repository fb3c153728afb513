// Features of every emotify-dev excerpt, computed once by the app's own analysis code and cached in
// training/audio/cache/ (gitignored: derived per-file data of a development-only data set).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAnalysis } from './bundle.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const srcDir = `${root}src/main/library/analysis/`;

export function readLabels(dataDir) {
  const [header, ...lines] = readFileSync(`${dataDir}/labels.csv`, 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => {
    const v = l.split(',');
    const row = Object.fromEntries(cols.map((c, i) => [c, i < 2 ? v[i] : Number(v[i])]));
    return row;
  });
}

/** Changes whenever the analysis code (not the model) changes, so stale features are recomputed. */
function codeHash() {
  const h = createHash('sha256');
  for (const f of readdirSync(srcDir).sort()) if (f.endsWith('.ts') && f !== 'mood-model.ts') h.update(readFileSync(srcDir + f));
  return h.digest('hex').slice(0, 16);
}

export async function loadFeatures(dataDir, rows) {
  const file = `${root}training/audio/cache/features.json`;
  const hash = codeHash();
  const cache = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const entries = cache.hash === hash ? cache.entries : {};
  const missing = rows.filter((r) => !entries[r.file]);
  if (missing.length) {
    const analysis = await loadAnalysis();
    const t0 = performance.now();
    for (const [i, r] of missing.entries()) {
      const res = await analysis.featuresOfFile(`${dataDir}/${r.file}`, null);
      entries[r.file] = { ...res.features, _tempoBpm: res.tempo, _key: res.tonality.key, _mode: res.tonality.mode };
      if ((i + 1) % 20 === 0) process.stderr.write(`features ${i + 1}/${missing.length}\n`);
    }
    const sec = (performance.now() - t0) / 1000;
    console.log(`extracted ${missing.length} excerpts in ${sec.toFixed(1)} s (${((missing.length / sec) * 60).toFixed(0)} per minute, one core)`);
    writeFileSync(file, JSON.stringify({ hash, entries }));
  }
  return { entries, featureNames: (await loadAnalysis()).FEATURE_NAMES ?? null };
}
