#!/usr/bin/env node
// Features of re-encoded copies of the development clips, for training with them as augmentation
// (fit_music_mood.py --augment FILE): each clip re-encoded by ffmpeg (default AAC 128k, the format whose
// decode path differs most from the Opus originals) and analysed by the app's own code exactly as
// extract-clips.mjs analyses the originals. Cached in the gitignored training/audio/cache/ (per-clip data:
// never committed). Resumable: rerun to continue.
//
//   nice -n 10 node training/audio/extract-copies.mjs --emotify DIR --fourq DIR [--codec aac|mp3|ogg]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAnalysis } from './bundle.mjs';
import { codeHash, readCsv } from './extract-clips.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    emotify: { type: 'string', default: `${root}../shared/datasets/emotify-dev` },
    fourq: { type: 'string', default: `${root}../shared/datasets/fourq-dev` },
    codec: { type: 'string', default: 'aac' },
  },
});
const CODECS = {
  aac: ['m4a', ['-c:a', 'aac', '-b:a', '128k']],
  mp3: ['mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']],
  ogg: ['ogg', ['-c:a', 'libvorbis', '-q:a', '3']],
};
const [ext, enc] = CODECS[args.codec];
const CACHE = `${root}training/audio/cache/copies-${args.codec}.json`;
const hash = codeHash();
const old = existsSync(CACHE) ? JSON.parse(readFileSync(CACHE, 'utf8')) : {};
const entries = old.hash === hash ? old.entries : {};
const todo = [];
for (const [name, dir] of [['emotify', args.emotify], ['fourq', args.fourq]])
  for (const row of readCsv(`${dir}/labels.csv`)) if (!entries[`${name}/${row.file}`]) todo.push([`${name}/${row.file}`, `${dir}/${row.file}`]);
// Interleaved in a fixed order, so a partial run covers both sets.
todo.sort((a, b) => (a[0].length * 7919 + a[0].charCodeAt(a[0].length - 6)) % 97 - (b[0].length * 7919 + b[0].charCodeAt(b[0].length - 6)) % 97);
const a = await loadAnalysis();
const work = mkdtempSync(join(tmpdir(), 'copies-'));
const save = () => {
  writeFileSync(CACHE + '.tmp', JSON.stringify({ hash, codec: args.codec, entries }));
  renameSync(CACHE + '.tmp', CACHE);
};
const t0 = performance.now();
try {
  for (const [i, [key, path]] of todo.entries()) {
    const copy = join(work, `copy.${ext}`);
    try {
      execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', path, '-vn', ...enc, copy]);
      const track = await a.decodeTrack(copy, a.excerptWindow(null), undefined, false);
      const m = await a.embedPcm(track.excerpt, track.rate);
      const hand = a.handFeatures(track.excerpt, track.rate);
      const round = (x) => Math.round(x * 1e5) / 1e5;
      entries[key] = { tags: [...m.tags].map(round), emb: [...m.embedding].map(round), hand: a.FEATURE_NAMES.map((n) => round(hand.features[n])) };
    } catch (e) {
      console.error(`${key}: ${e.message}`);
      entries[key] = { error: e.message };
    }
    if ((i + 1) % 20 === 0) {
      save();
      const sec = (performance.now() - t0) / 1000;
      process.stderr.write(`${i + 1}/${todo.length} copies, ${(sec / (i + 1)).toFixed(2)} s each\n`);
    }
  }
  save();
} finally {
  rmSync(work, { recursive: true, force: true });
}
