// Builds assets/music/catalogue.json for the bundled demo library (a development step; the output
// is committed). Re-run it whenever the demo tracks or the analysis change:
//
//   node scripts/build-catalogue.mjs
//
// One scale for all music: every demo track is placed by exactly the analysis that places the
// user's tracks (analyzeFile with the duration its tags give), so the same audio gets the same
// place wherever it comes from. The table in ATTRIBUTION.md (| file | title | artist | from | licence |)
// gives the names and licences (with a fuller credit where one is listed below it: attribution.mjs);
// a file missing from it falls back to its own tags. Where
// ATTRIBUTION.md also lists listener impressions ("bright and upbeat: a, b; ..."), the script prints
// how well the analysis agrees with them; they no longer move the model (it is fitted on listener
// data, docs/audio-mood.md).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAnalysis } from '../training/audio/bundle.mjs';
import { readAttribution } from './attribution.mjs';
import { spearman } from '../training/audio/stats.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}assets/music/`;
const md = readFileSync(dir + 'ATTRIBUTION.md', 'utf8');

// Listener impressions -> rough hand positions (valence, arousal), only for the agreement printed at the end.
const IMPRESSIONS = {
  'bright and upbeat': [0.7, 0.45],
  melancholic: [-0.55, -0.4],
  'driving and intense': [-0.15, 0.75],
  calm: [0.35, -0.55],
  'tense and dark': [-0.6, 0.3],
};
const impression = {};
for (const name of Object.keys(IMPRESSIONS)) {
  const m = new RegExp(`${name}: ([^;.]+)`).exec(md);
  if (m) for (const f of m[1].split(',').map((s) => s.trim())) impression[f] = name;
}
const listed = readAttribution(md);
const files = readdirSync(dir)
  .filter((f) => /\.(opus|ogg|mp3|flac|m4a|wav)$/.test(f))
  .sort((x, y) => {
    // Keep ATTRIBUTION.md's order (the demo library's order in the app), then any others by name.
    const order = [...listed.keys()];
    const ix = order.indexOf(x),
      iy = order.indexOf(y);
    return (ix < 0 ? 1e9 : ix) - (iy < 0 ? 1e9 : iy) || x.localeCompare(y);
  });

const a = await loadAnalysis();
const out = [];
for (const file of files) {
  const id = file.replace(/\.[^.]+$/, '');
  const tags = await a.readTags(dir + file);
  if (!tags.ok) throw new Error(`${file}: ${tags.message}`);
  const r = await a.analyzeFile(dir + file, tags.durationSec);
  const meta = listed.get(file) ?? { title: tags.title, artist: tags.artist, album: tags.album, licence: '' };
  if (!listed.has(file)) process.stderr.write(`${file}: not in ATTRIBUTION.md's table, names from its tags\n`);
  out.push({
    id,
    file,
    ...meta,
    durationSec: tags.durationSec,
    valence: r.valence,
    arousal: r.arousal,
    tempo: r.tempo,
    key: r.key,
    mode: r.mode,
    energy: r.energy,
    loudnessLufs: r.loudnessLufs,
    ...(impression[id] ? { impression: impression[id] } : {}),
  });
  process.stderr.write(`analysed ${id}: valence ${r.valence}, arousal ${r.arousal}\n`);
}
writeFileSync(
  dir + 'catalogue.json',
  JSON.stringify({ generatedBy: 'scripts/build-catalogue.mjs', modelVersion: a.MOOD_MODEL.version, tracks: out }, null, 2) + '\n',
);
console.log(`wrote assets/music/catalogue.json: ${out.length} tracks, model version ${a.MOOD_MODEL.version}`);
const withHand = out.filter((t) => t.impression);
if (withHand.length >= 3) {
  for (const [k, axis] of ['valence', 'arousal'].entries()) {
    const rho = spearman(
      withHand.map((t) => t[axis]),
      withHand.map((t) => IMPRESSIONS[t.impression][k]),
    );
    console.log(`${axis}: Spearman with the listener impressions in ATTRIBUTION.md ${rho.toFixed(2)} (${withHand.length} tracks)`);
  }
}
