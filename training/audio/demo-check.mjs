#!/usr/bin/env node
// Analyses the bundled demo tracks and compares their places with the listener impressions in
// assets/music/ATTRIBUTION.md (kept in catalogue.json as `impression`).
//   node training/audio/demo-check.mjs [--json]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAnalysis } from './bundle.mjs';
import { spearman } from './stats.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { tracks } = JSON.parse(readFileSync(`${root}assets/music/catalogue.json`, 'utf8'));
const a = await loadAnalysis();
const rows = [];
for (const t of tracks) {
  const r = await a.analyzeFile(`${root}assets/music/${t.file}`, t.durationSec);
  rows.push({ id: t.id, impression: t.impression, valence: r.valence, arousal: r.arousal, tempo: r.tempo, key: `${r.key} ${r.mode}` });
}
if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  const groups = {};
  for (const r of rows) (groups[r.impression] ??= []).push(r);
  for (const [imp, rs] of Object.entries(groups)) {
    const mean = (k) => (rs.reduce((s, r) => s + r[k], 0) / rs.length).toFixed(2);
    console.log(`${imp.padEnd(20)} mean valence ${mean('valence').padStart(5)}  arousal ${mean('arousal').padStart(5)}`);
    for (const r of rs) console.log(`  ${r.id.padEnd(22)} v ${r.valence.toFixed(2).padStart(5)}  a ${r.arousal.toFixed(2).padStart(5)}  ${String(r.tempo).padStart(5)} BPM  ${r.key}`);
  }
  // The catalogue's positions come from the impressions (scripts/build-catalogue.mjs).
  const byId = Object.fromEntries(tracks.map((t) => [t.id, t]));
  for (const axis of ['valence', 'arousal']) {
    console.log(`Spearman, analysis vs listener impression, ${axis}: ${spearman(rows.map((r) => r[axis]), rows.map((r) => byId[r.id][axis])).toFixed(2)}`);
  }
}
