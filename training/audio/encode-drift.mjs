#!/usr/bin/env node
// Same audio, same place, measured on more than the unit test's one excerpt: the middle 30 s of each of the
// 18 original demo tracks (assets/music/catalogue.json, those with a listener impression) and the unit
// test's excerpt (the first demo file from 40 s), cut to Opus 128k as the original (as the test does), then
// re-encoded by ffmpeg to MP3 192k, Vorbis q5, AAC 192k, FLAC and WAV (and, as a control kept out of the
// totals, FLAC in Ogg: lossless, but decoded by ffmpeg like AAC). Each file is analysed by the app's
// own code; the model inputs of all of them are cached (gitignored training/audio/cache/drift-inputs.json),
// so other models are compared in seconds. Prints, per model, the mean and max distance of a re-encode's
// place from its original's (per codec and over all), and the test excerpt's worst codec.
//
//   nice -n 10 node training/audio/encode-drift.mjs [--model mood-model.json ...] [--refresh] [--refresh-codec m4a]
// (no --model: the shipped src/main/library/analysis/mood-model.json)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAnalysis } from './bundle.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    model: { type: 'string', multiple: true, default: [] },
    refresh: { type: 'boolean', default: false },
    // Re-analyses only this codec's copies (after a change to how that format is decoded).
    'refresh-codec': { type: 'string' },
  },
});
const CODECS = [
  ['mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']],
  ['ogg', ['-c:a', 'libvorbis', '-q:a', '5']],
  ['m4a', ['-c:a', 'aac', '-b:a', '192k']],
  ['flac', ['-c:a', 'flac']],
  ['wav', ['-c:a', 'pcm_s16le']],
  // A control, not one of the five: lossless FLAC in Ogg, which the app hands to ffmpeg like AAC, so any
  // drift here comes from the ffmpeg decode path rather than from a lossy codec.
  ['oga', ['-c:a', 'flac', '-f', 'ogg']],
];
const CONTROL = 'oga';
const CACHE = `${root}training/audio/cache/drift-inputs.json`;
const ffmpeg = (...a) => execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...a]);

const a = await loadAnalysis();

async function inputsOf(path) {
  const t = await a.readTags(path);
  if (!t.ok) throw new Error(t.message);
  const r = await a.featuresOfFile(path, t.durationSec);
  return a.moodInputs(r.features, r.music);
}

let cache = existsSync(CACHE) && !args.refresh ? JSON.parse(readFileSync(CACHE, 'utf8')) : null;
const only = cache && args['refresh-codec'];
if (!cache || only) {
  const music = `${root}assets/music`;
  const { tracks } = JSON.parse(readFileSync(`${music}/catalogue.json`, 'utf8'));
  const excerpts = tracks.filter((t) => t.impression).map((t) => ({ id: t.id, file: t.file, from: Math.max(0, t.durationSec / 2 - 15) }));
  // The unit test's excerpt (test/library/analysis-reencode.test.ts).
  const first = readdirSync(music).filter((f) => /\.(opus|ogg|mp3|flac)$/.test(f)).sort()[0];
  excerpts.push({ id: `test:${first}`, file: first, from: 40 });
  const work = mkdtempSync(join(tmpdir(), 'drift-'));
  const old = cache;
  cache = { excerpts: [] };
  for (const e of excerpts) {
    const original = join(work, 'original.opus');
    ffmpeg('-ss', String(e.from), '-t', '30', '-i', join(music, e.file), '-vn', '-c:a', 'libopus', '-b:a', '128k', original);
    const before = only && old.excerpts.find((r) => r.id === e.id);
    const row = before ?? { id: e.id, original: await inputsOf(original), copies: {} };
    for (const [ext, enc] of CODECS) {
      if (before && ext !== only) continue;
      const out = join(work, `copy.${ext}`);
      ffmpeg('-i', original, '-vn', ...enc, out);
      row.copies[ext] = await inputsOf(out);
    }
    cache.excerpts.push(row);
    process.stderr.write(`${cache.excerpts.length}/${excerpts.length} ${e.id}\n`);
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(`${root}training/audio/cache`, { recursive: true });
  writeFileSync(CACHE, JSON.stringify(cache));
}

const models = args.model.length ? args.model : [`${root}src/main/library/analysis/mood-model.json`];
for (const path of models) {
  const m = JSON.parse(readFileSync(path, 'utf8'));
  const d = {};
  let testWorst = ['', 0];
  for (const row of cache.excerpts) {
    const o = a.predictMood(row.original, m);
    for (const [ext, inputs] of Object.entries(row.copies)) {
      const p = a.predictMood(inputs, m);
      const dist = Math.hypot(p.valence - o.valence, p.arousal - o.arousal);
      if (row.id.startsWith('test:')) {
        if (ext !== CONTROL && dist > testWorst[1]) testWorst = [ext, dist];
      } else (d[ext] ??= []).push(dist);
    }
  }
  const all = Object.entries(d)
    .filter(([ext]) => ext !== CONTROL)
    .flatMap(([, xs]) => xs);
  const fmt = (xs) => `mean ${(xs.reduce((s, x) => s + x, 0) / xs.length).toFixed(4)} max ${Math.max(...xs).toFixed(4)}`;
  console.log(`${path.replace(root, '')} (v${m.version}): 18 excerpts x ${Object.keys(d).filter((e) => e !== CONTROL).length} codecs: ${fmt(all)}`);
  console.log(`  ${Object.entries(d).map(([ext, xs]) => `${ext} ${fmt(xs)}`).join('; ')}`);
  console.log(`  unit test excerpt: worst ${testWorst[0]} ${testWorst[1].toFixed(4)} (limit 0.05)`);
}
