#!/usr/bin/env node
// Per-clip features of the development sets (emotify-dev, fourq-dev), computed by the app's own
// analysis code (hand features, MusiCNN tag probabilities and embedding) and cached in the
// gitignored training/audio/cache/clips.json, so refits take seconds. Resumable: rerun to continue.
//
//   nice -n 10 node training/audio/extract-clips.mjs [--emotify DIR] [--fourq DIR]
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAnalysis } from './bundle.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    emotify: { type: 'string', default: `${root}../shared/datasets/emotify-dev` },
    fourq: { type: 'string', default: `${root}../shared/datasets/fourq-dev` },
  },
});

export function readCsv(file) {
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = header.split(',');
  return lines.map((l) => {
    // Quoted fields (titles with commas) in fourq-dev.
    const v = [...l.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"'));
    return Object.fromEntries(cols.map((c, i) => [c, v[i] !== undefined && v[i] !== '' && !Number.isNaN(Number(v[i])) ? Number(v[i]) : v[i]]));
  });
}

/** Changes whenever the code behind the music model's view or the model changes, so stale features are recomputed. */
export function codeHash() {
  const h = createHash('sha256');
  const dir = `${root}src/main/library/analysis/`;
  for (const f of ['decode.ts', 'single-pass.ts', 'resample.ts', 'mel.ts', 'music-model.ts', 'sniff.ts', 'wav.ts']) h.update(readFileSync(dir + f));
  h.update(readFileSync(`${root}assets/models/musicnn-msd.onnx`));
  h.update(readFileSync(`${root}src/main/library/analysis/analyze.ts`, 'utf8').match(/MODEL_PATCHES = \d+/)?.[0] ?? '');
  return h.digest('hex').slice(0, 16);
}

export const CACHE = `${root}training/audio/cache/clips.json`;

export function loadCache() {
  const hash = codeHash();
  const cache = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : {};
  return { hash, entries: cache.hash === hash ? cache.entries : {} };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync(`${root}training/audio/cache`, { recursive: true });
  const { hash, entries } = loadCache();
  const sets = [
    ['emotify', args.emotify, readCsv(`${args.emotify}/labels.csv`)],
    ['fourq', args.fourq, readCsv(`${args.fourq}/labels.csv`)],
  ];
  // Both sets interleaved and each in a fixed shuffled order (the files are sorted by genre or
  // quadrant), so a partial run already covers every genre and quadrant.
  let seed = 7;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const shuffled = sets.map(([name, dir, rows]) => {
    const r = rows.map((row) => [`${name}/${row.file}`, `${dir}/${row.file}`]);
    for (let i = r.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [r[i], r[j]] = [r[j], r[i]];
    }
    return r;
  });
  const todo = [];
  for (let i = 0; i < Math.max(...shuffled.map((s) => s.length)); i++)
    for (const r of shuffled) if (r[i] && !entries[r[i][0]]?.hand) todo.push(r[i]);
  const a = await loadAnalysis();
  const save = () => {
    writeFileSync(CACHE + '.tmp', JSON.stringify({ hash, handNames: a.FEATURE_NAMES, entries }));
    renameSync(CACHE + '.tmp', CACHE);
  };
  const t0 = performance.now();
  for (const [i, [key, path]] of todo.entries()) {
    try {
      // The music model's view and the hand features, as the app computes them (decode, excerpt,
      // mel, MusiCNN; handFeatures), so cross-validation can say what each adds.
      const track = await a.decodeTrack(path, a.excerptWindow(null), undefined, false);
      const m = await a.embedPcm(track.excerpt, track.rate);
      const hand = a.handFeatures(track.excerpt, track.rate);
      const round = (x) => Math.round(x * 1e5) / 1e5;
      entries[key] = {
        tags: [...m.tags].map(round),
        emb: [...m.embedding].map(round),
        hand: a.FEATURE_NAMES.map((n) => round(hand.features[n])),
      };
    } catch (e) {
      console.error(`${key}: ${e.message}`);
      entries[key] = { error: e.message };
    }
    if ((i + 1) % 20 === 0) {
      save();
      const sec = (performance.now() - t0) / 1000;
      process.stderr.write(`${i + 1}/${todo.length} clips, ${(sec / (i + 1)).toFixed(2)} s each\n`);
    }
  }
  save();
  console.log(`features of ${todo.length} clips in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}
