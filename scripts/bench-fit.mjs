#!/usr/bin/env node
// Playlist fit benchmark (prints numbers; not a timed test). Builds the app first when needed.
//
//   npm run bench:fit [-- --data DIR] [--runs 20] [--length 10] [--fresh] [--recommender FILE] [--cache KEY] [--places FILE]
//
// Imports Emotify's listener-rated excerpts (../shared/datasets/emotify-dev, development only: never
// shipped or committed) as a user's library, through the app's own import and audio analysis (the
// built CLI: `moodtape library add`, then `library list --json`), and asks the app's recommender for
// a playlist of --length tracks per face emotion (match intent, only the user's music), --runs times
// with different random seeds. The imported library is cached in .tmp/bench-fit/<key>/, keyed by the
// analysis code and the models, so a re-run after a recommendation change takes seconds.
//
// What "fits" means, from the listeners' own ratings. Emotify's listeners said which of the nine
// GEMS feelings each excerpt gave them; its summary axes come from those answers (valence_gt =
// joyful_activation + tenderness + calmness + amazement - sadness - tension, arousal_gt = power +
// joyful_activation + tension - calmness - tenderness - sadness - nostalgia). The listeners' place
// of an excerpt is its rank on each axis within the library (2 x share below - 1: the same scale
// for any library, so "sad" is the music these listeners found saddest of all). Each face emotion
// has a listener-rated target on that scale (the app's mood targets, frozen here so the yardstick
// does not move with the app), as (valence, arousal):
//
//   happy (0.75, 0.45)   surprise (0.35, 0.8)   angry (-0.45, 0.8)   fear (-0.6, 0.45)
//   disgust (-0.65, 0.15)   sad (-0.6, -0.45)   neutral (0.3, -0.5)
//
// An excerpt's relevance to an emotion is minus its distance from that target; the listeners' ten
// are the ten nearest. A playlist's score is (mean relevance of its picks - mean relevance of the
// whole library) / (mean relevance of the listeners' ten - mean relevance of the library): 0 for
// picks drawn at random, 1 for the listeners' ten, negative for worse than random. A short playlist
// is scored on the picks it has; "picks" is the fewest over the runs (of --length).
//
// Two more columns, to tell the recommender from the analysis and the plane from the feelings:
// - "rated places": the same recommender given the listeners' own valence/arousal as the tracks'
//   places instead of the analysis (what a perfect analysis of the two axes would reach);
// - "feelings": the app's picks scored the same way by the share of listeners who felt the GEMS
//   factors of the emotion's music (happy: joyful activation; surprise: power + joyful activation;
//   angry: power + tension; fear: tension; disgust: tension + sadness; sad: sadness + nostalgia;
//   neutral: calmness + tenderness). Two axes cannot hold nine feelings, so this stays well below 1
//   even for the rated places.
// - "other panel": the same recommender given the places another panel of as many listeners would
//   give (each excerpt's GEMS shares redrawn as binomial counts around this panel's, mean of 5
//   panels), scored against these listeners. Its places differ from this panel's by one panel's
//   sampling noise, as the true shares of all listeners would: so it is about what a perfect
//   analysis reaches, one that knew exactly what everybody feels. (A real second panel, with its
//   own noise around the true shares, would agree less.)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { importTs } from './run-ts.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    runs: { type: 'string', default: '20' },
    length: { type: 'string', default: '10' },
    fresh: { type: 'boolean', default: false },
    // Another version's playlist.ts (e.g. from `git archive`), to compare on the same library.
    recommender: { type: 'string' },
    // An earlier import's key (.tmp/bench-fit/<key>), e.g. one placed by an older analysis.
    cache: { type: 'string' },
    // Held-out places (training/audio/fit_music_mood.py --oof FILE): each excerpt where a model
    // fitted without it puts it, instead of the shipped model, which was fitted on these excerpts.
    places: { type: 'string' },
  },
});
const runs = Number(values.runs);
const length = Number(values.length);

const dataset =
  values.data ??
  [join(root, '../shared/datasets/emotify-dev'), join(root, '../../shared/datasets/emotify-dev'), '/work/shared/datasets/emotify-dev'].find(
    (d) => existsSync(join(d, 'labels.csv')),
  );
if (!dataset || !existsSync(join(dataset, 'labels.csv'))) {
  console.error('emotify-dev not found: pass --data DIR (the folder with labels.csv and audio/).');
  process.exit(2);
}

const TARGETS = {
  happy: [0.75, 0.45],
  surprise: [0.35, 0.8],
  angry: [-0.45, 0.8],
  fear: [-0.6, 0.45],
  disgust: [-0.65, 0.15],
  sad: [-0.6, -0.45],
  neutral: [0.3, -0.5],
};
const FEELINGS = {
  happy: ['joyful_activation'],
  surprise: ['power', 'joyful_activation'],
  angry: ['power', 'tension'],
  fear: ['tension'],
  disgust: ['tension', 'sadness'],
  sad: ['sadness', 'nostalgia'],
  neutral: ['calmness', 'tenderness'],
};

// ---- the listeners' ratings
const [head, ...lines] = readFileSync(join(dataset, 'labels.csv'), 'utf8').trim().split('\n');
const cols = head.split(',');
const rated = new Map(
  lines.map((l) => {
    const cells = l.split(',');
    const row = Object.fromEntries(cols.map((c, i) => [c, i < 2 ? cells[i] : Number(cells[i])]));
    return [resolve(dataset, row.file), row];
  }),
);

// ---- the imported library, cached by the analysis that placed it
function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.isFile() ? [join(dir, e.name)] : [],
  );
}
const hash = createHash('sha256');
for (const f of [...filesUnder(join(root, 'src/main/library')), ...filesUnder(join(root, 'assets/models'))].sort()) {
  hash.update(relative(root, f)).update(readFileSync(f));
}
const key = values.cache ?? hash.digest('hex').slice(0, 12);
const cache = join(root, '.tmp/bench-fit', key);
const dataDir = join(cache, 'data');
const cli = join(root, 'bin/moodtape.js');
const moodtape = (...args) => execFileSync(process.execPath, [cli, ...args], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] });

if (values.fresh) rmSync(cache, { recursive: true, force: true });
if (!existsSync(join(cache, 'done'))) {
  const built = join(root, 'dist/main/cli.js');
  const newest = Math.max(...filesUnder(join(root, 'src')).map((f) => statSync(f).mtimeMs));
  if (!existsSync(built) || statSync(built).mtimeMs < newest) {
    console.error('Building (the import runs the built app)...');
    execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  }
  // An import cut short goes on where it stopped (files already analysed are kept).
  mkdirSync(dataDir, { recursive: true });
  console.error(`Importing and analysing ${rated.size} excerpts into ${relative(root, dataDir)} (minutes; cached afterwards)...`);
  const t0 = performance.now();
  const status = JSON.parse(moodtape('library', 'add', join(dataset, 'audio'), '--data-dir', dataDir, '--json').toString());
  console.error(
    `${status.added} added, ${status.analysed} analysed, ${status.problemCount} problems (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
  );
  writeFileSync(join(cache, 'done'), JSON.stringify(status) + '\n');
}

const tracks = JSON.parse(moodtape('library', 'list', '--json', '--data-dir', dataDir).toString());
const pathOf = new Map(JSON.parse(readFileSync(join(dataDir, 'library.json'), 'utf8')).library.tracks.map((e) => [e.id, e.path]));
const library = tracks
  .filter((t) => t.moodSource === 'analysis' || t.moodSource === 'correction')
  .map((t) => ({ track: t, row: rated.get(pathOf.get(t.id)) }))
  .filter((x) => x.row);
const { musicMoodOf } = await importTs(join(root, 'src/shared/mood-space.ts'), join(root, '.tmp/bench-fit/mood-space.mjs'));
if (values.places) {
  const held = JSON.parse(readFileSync(values.places, 'utf8'));
  for (const x of library) {
    const p = held[x.row.file];
    if (!p) throw new Error(`${values.places} has no place for ${x.row.file}`);
    // The music mood follows the place (the recommender derives it when absent).
    x.track = { ...x.track, valence: p.valence, arousal: p.arousal, musicMood: musicMoodOf(p) };
  }
  console.error(`Places: held-out predictions from ${values.places}, not the shipped model's.\n`);
}
if (library.length < rated.size)
  console.error(`${rated.size - library.length} excerpts were not placed by the analysis and are left out.\n`);

// ---- the app's recommender, bundled from source (a recommendation change needs no build)
const { recommend } = await importTs(
  resolve(values.recommender ?? join(root, 'src/main/recommendation/playlist.ts')),
  join(root, '.tmp/bench-fit/recommend.mjs'),
);

function seeded(seed) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}
const mean = (xs) => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Each excerpt's listener place: its rank on a summary axis within the library, in [-1, 1]. */
function ranks(col) {
  const xs = library.map((x) => x.row[col]);
  return (v) => (2 * (xs.filter((x) => x < v).length + xs.filter((x) => x === v).length / 2)) / xs.length - 1;
}
const [rankValence, rankArousal] = [ranks('valence_gt'), ranks('arousal_gt')];
const relevance = {
  plane: (row, e) => -Math.hypot(rankValence(row.valence_gt) - TARGETS[e][0], rankArousal(row.arousal_gt) - TARGETS[e][1]),
  feelings: (row, e) => FEELINGS[e].reduce((s, c) => s + row[c], 0),
};

/** --runs playlists for one emotion, scored by each relevance. */
function score(items, emotion) {
  const lists = Array.from({ length: runs }, (_, r) =>
    recommend(
      items.map((x) => x.track),
      emotion,
      { length, random: seeded(1000 + r) },
    ),
  );
  const counts = lists.map((l) => l.entries.length);
  const out = { picks: Math.min(...counts), meanPicks: mean(counts) };
  for (const [name, of] of Object.entries(relevance)) {
    const rel = new Map(items.map(({ track, row }) => [track.id, of(row, emotion)]));
    const all = [...rel.values()];
    const base = mean(all);
    const ideal = mean(all.sort((a, b) => b - a).slice(0, length)) - base;
    out[name] = mean(lists.map((l) => (l.entries.length ? (mean(l.entries.map((e) => rel.get(e.track.id))) - base) / ideal : 0)));
  }
  return out;
}

// Summary axes centred and scaled as the analysis scales its output (tanh of z).
const tanhScale = (xs) => {
  const m = mean(xs);
  const sd = Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
  return (x) => Math.tanh((x - m) / sd);
};
const spread = (col) => tanhScale(library.map((x) => x.row[col]));
const [ratedValence, ratedArousal] = [spread('valence_gt'), spread('arousal_gt')];
const placedByListeners = library.map(({ track, row }) => ({
  // The music mood follows the place, not the analysis's; the listeners' own places are trusted as a
  // user's corrections are.
  track: {
    ...track,
    valence: ratedValence(row.valence_gt),
    arousal: ratedArousal(row.arousal_gt),
    musicMood: musicMoodOf({ valence: ratedValence(row.valence_gt), arousal: ratedArousal(row.arousal_gt) }),
    moodSource: 'correction',
  },
  row,
}));

// Another panel of as many listeners per excerpt (each GEMS share redrawn as a binomial count of the
// excerpt's annotators): its places, trusted as corrections, scored against the first panel's. No
// analysis of the audio can be expected to agree with these listeners better than other listeners do.
const GEMS_VALENCE = { joyful_activation: 1, tenderness: 1, calmness: 1, amazement: 1, sadness: -1, tension: -1 };
const GEMS_AROUSAL = { power: 1, joyful_activation: 1, tension: 1, calmness: -1, tenderness: -1, sadness: -1, nostalgia: -1 };
const PANELS = 5;
function anotherPanel(seed) {
  const random = seeded(seed);
  const redrawn = library.map(({ row }) => {
    const share = {};
    for (const c of new Set([...Object.keys(GEMS_VALENCE), ...Object.keys(GEMS_AROUSAL)])) {
      let k = 0;
      for (let i = 0; i < row.annotators; i++) if (random() < row[c]) k++;
      share[c] = k / row.annotators;
    }
    const sum = (w) => Object.entries(w).reduce((s, [c, x]) => s + x * share[c], 0);
    return { valence: sum(GEMS_VALENCE), arousal: sum(GEMS_AROUSAL) };
  });
  const scale = (xs) => xs.map(tanhScale(xs));
  const [v, a] = [scale(redrawn.map((r) => r.valence)), scale(redrawn.map((r) => r.arousal))];
  return library.map(({ track, row }, i) => ({
    track: { ...track, valence: v[i], arousal: a[i], musicMood: musicMoodOf({ valence: v[i], arousal: a[i] }), moodSource: 'correction' },
    row,
  }));
}
const panels = Array.from({ length: PANELS }, (_, i) => anotherPanel(7 + i));

console.log(
  `bench:fit: ${library.length} Emotify excerpts as the user's library (analysis cache ${key}), ${runs} playlists of ${length} per emotion`,
);
console.log(`score: 0 = random picks, 1 = the listeners' ten; picks: fewest of ${length} over the runs`);
console.log('');
const line = (...cells) =>
  console.log(cells.map((c, i) => (i === 0 ? String(c).padEnd(9) : String(c).padStart(i === 3 ? 14 : i === 5 ? 12 : 9))).join(' '));
line('emotion', 'score', 'picks', 'rated places', 'feelings', 'other panel');
const results = Object.keys(TARGETS).map((e) => ({
  e,
  app: score(library, e),
  oracle: score(placedByListeners, e),
  panel: mean(panels.map((p) => score(p, e).plane)),
}));
for (const { e, app, oracle, panel } of results)
  line(e, app.plane.toFixed(2), app.picks, oracle.plane.toFixed(2), app.feelings.toFixed(2), panel.toFixed(2));
const avg = (f) => mean(results.map(f)).toFixed(2);
line(
  'mean',
  avg((r) => r.app.plane),
  avg((r) => r.app.meanPicks),
  avg((r) => r.oracle.plane),
  avg((r) => r.app.feelings),
  avg((r) => r.panel),
);

// The same sampling noise, as a cap on any predictor's correlation with each summary axis: the
// share of the axis's variance that is not one panel's binomial noise (categories taken as independent).
const cap = (weights, col) => {
  const xs = library.map((x) => x.row[col]);
  const m = mean(xs);
  const total = mean(xs.map((x) => (x - m) ** 2));
  const noise = mean(library.map(({ row }) => Object.keys(weights).reduce((s, c) => s + row[c] * (1 - row[c]), 0) / row.annotators));
  return Math.sqrt(1 - noise / total).toFixed(2);
};
console.log('');
console.log(
  `listeners' sampling noise caps any predictor's correlation at ${cap(GEMS_VALENCE, 'valence_gt')} (valence_gt) and ${cap(GEMS_AROUSAL, 'arousal_gt')} (arousal_gt)`,
);
