// Builds assets/music/catalogue.json for the bundled demo library and calibrates the audio mood
// model to it (a development step; both outputs are committed). Needs ffmpeg.
//
//   node scripts/build-catalogue.mjs
//
// One scale for all music: every demo track is placed by the same analysis that places the user's
// tracks (its tags' duration picks the same excerpt, the same model turns features into a place),
// so the same audio gets the same place wherever it comes from. The hand placements (a listener's
// first impression in ATTRIBUTION.md, nudged in arousal by the measured loudness) do not replace
// that place: they calibrate the model, one gain and offset per axis, written to
// src/main/library/analysis/mood-model.json and applied to every track, demo or user.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAnalysis } from '../training/audio/bundle.mjs';
import { spearman } from '../training/audio/stats.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = `${root}assets/music/`;
const modelFile = `${root}src/main/library/analysis/mood-model.json`;
const md = readFileSync(dir + 'ATTRIBUTION.md', 'utf8');

// Listener impressions -> hand positions (valence, arousal, each in [-1, 1]).
const IMPRESSIONS = {
  'bright and upbeat': [0.7, 0.45],
  melancholic: [-0.55, -0.4],
  'driving and intense': [-0.15, 0.75],
  calm: [0.35, -0.55],
  'tense and dark': [-0.6, 0.3],
};
const impression = {};
for (const [name] of Object.entries(IMPRESSIONS)) {
  const m = new RegExp(`${name}: ([^;.]+)`).exec(md);
  for (const f of m[1].split(',').map((s) => s.trim())) impression[f] = name;
}

const a = await loadAnalysis();
const rows = [...md.matchAll(/^\| (\S+\.opus) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/gm)];
const tracks = [];
for (const [, file, title, artist, from, licence] of rows) {
  const id = file.replace(/\.opus$/, '');
  const tags = await a.readTags(dir + file);
  if (!tags.ok) throw new Error(`${file}: ${tags.message}`);
  const log = spawnSync('ffmpeg', ['-hide_banner', '-nostats', '-i', dir + file, '-af', 'ebur128', '-f', 'null', '-']).stderr.toString();
  const lufs = Number(/I:\s+(-?[\d.]+) LUFS/.exec(log.slice(log.lastIndexOf('Summary')))[1]);
  const features = await a.featuresOfFile(dir + file, tags.durationSec);
  tracks.push({
    id,
    file,
    title: title.trim(),
    artist: artist.trim(),
    album: from.trim().replace(/ \(.*\)$/, ''),
    licence: licence.trim(),
    durationSec: tags.durationSec,
    lufs,
    impression: impression[id],
    features,
  });
  process.stderr.write(`analysed ${id}\n`);
}

// Hand positions: the impression's quadrant, arousal nudged by loudness relative to the median.
// Only the tracks with a listener impression have one (and calibrate); the others are placed as is.
const handPlaced = tracks.filter((t) => t.impression);
const sorted = handPlaced.map((t) => t.lufs).sort((x, y) => x - y);
const median = sorted[Math.floor(sorted.length / 2)];
const clamp = (v, m = 1) => Math.max(-m, Math.min(m, v));
for (const t of handPlaced) {
  const [v, ar] = IMPRESSIONS[t.impression];
  t.hand = { valence: v, arousal: Math.round(clamp(ar + 0.03 * (t.lufs - median)) * 100) / 100 };
}

// The model's output before calibration, as tanh(z): z per axis for each track.
const model = JSON.parse(readFileSync(modelFile, 'utf8'));
const uncalibrated = structuredClone(model);
for (const axis of ['valence', 'arousal']) delete uncalibrated[axis].calibration;
const raw = handPlaced.map((t) => a.predictMood(t.features.features, uncalibrated));

// Per axis: match the mean and spread of atanh(hand) with gain * z + offset. Least squares would
// shrink every track toward the middle (the analysis and the impressions agree only loosely), where
// no mood's music is; matching the spread keeps the analysis' order and its spread of the plane.
// The gain is kept within [0.5, 2] so user music, which spreads like Emotify's, is not flung to the edges.
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sd = (xs) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
for (const axis of ['valence', 'arousal']) {
  const z = raw.map((r) => Math.atanh(clamp(r[axis], 0.999)));
  const h = handPlaced.map((t) => Math.atanh(clamp(t.hand[axis], 0.95)));
  const gain = Math.max(0.5, Math.min(2, sd(h) / sd(z)));
  const offset = mean(h) - gain * mean(z);
  model[axis].calibration = { gain: round(gain, 4), offset: round(offset, 4) };
}
model.version = Math.max(2, model.version);
model.calibratedBy = `scripts/build-catalogue.mjs (per-axis gain and offset to the ${handPlaced.length} hand-placed demo tracks)`;
writeFileSync(modelFile, JSON.stringify(model, null, 2) + '\n');

// The demo places: exactly what analyzeFile gives (same model, same rounding).
const out = tracks.map((t) => {
  const p = a.predictMood(t.features.features, model);
  return {
    id: t.id,
    file: t.file,
    title: t.title,
    artist: t.artist,
    album: t.album,
    licence: t.licence,
    durationSec: t.durationSec,
    valence: round(p.valence, 3),
    arousal: round(p.arousal, 3),
    tempo: round(t.features.tempo, 1),
    key: t.features.tonality.key,
    mode: t.features.tonality.mode,
    energy: round(clamp((t.features.loudnessDb + 35) / 30, 1) < 0 ? 0 : clamp((t.features.loudnessDb + 35) / 30, 1), 3),
    loudnessLufs: t.lufs,
    impression: t.impression ?? null,
    hand: t.hand ?? null,
  };
});
writeFileSync(
  dir + 'catalogue.json',
  JSON.stringify({ generatedBy: 'scripts/build-catalogue.mjs', modelVersion: model.version, tracks: out }, null, 2) + '\n',
);
for (const t of out) {
  console.log(
    `${t.id.padEnd(22)} ${(t.impression ?? '-').padEnd(20)} v=${t.valence.toFixed(2).padStart(5)} a=${t.arousal.toFixed(2).padStart(5)}${t.hand ? `   hand v=${t.hand.valence} a=${t.hand.arousal}` : ''}`,
  );
}
for (const axis of ['valence', 'arousal']) {
  const c = model[axis].calibration;
  const withHand = out.filter((t) => t.hand);
  const rho = spearman(
    withHand.map((t) => t[axis]),
    withHand.map((t) => t.hand[axis]),
  );
  console.log(`${axis}: gain ${c.gain}, offset ${c.offset}; Spearman with the hand places ${rho.toFixed(2)}`);
}

function round(x, d) {
  return Math.round(x * 10 ** d) / 10 ** d;
}
