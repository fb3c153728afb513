#!/usr/bin/env node
// Fits the audio -> valence/arousal model on emotify-dev and reports held-out agreement.
//
//   nice -n 10 node training/audio/fit-mood.mjs [--data ../shared/datasets/emotify-dev] [--write]
//
// Features come from the app's own analysis code (cached in training/audio/cache/). The model is a
// ridge regression on standardised features, one per axis. Held-out numbers: 5-fold
// cross-validation with folds stratified by genre; the ridge strength is picked inside each
// training fold (nested), so no held-out excerpt influences its own prediction. --write fits on
// all 200 and writes src/main/library/analysis/mood-model.json (coefficients and scaling only).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadAnalysis } from './bundle.mjs';
import { loadFeatures, readLabels } from './features-cache.mjs';
import { predict, ridge, spearman, standardise, standardiser } from './stats.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: `${root}../shared/datasets/emotify-dev` },
    write: { type: 'boolean', default: false },
    /** Comma-separated feature names, or "all". */
    features: { type: 'string' },
  },
});

// The model's features: level, brightness, rhythm, roughness, tonality and coarse timbre (MFCC 1-4).
// The finer MFCCs (5-12) are extracted but left out: with 200 excerpts they fit genre quirks, not mood.
const MODEL_FEATURES = 'loudness,trebleLoudness,dynamicRange,lowEnergy,centroid,flatness,flux,fluxLow,fluxHigh,onsetRate,tempo,pulseClarity,percussive,roughness,contrast,entropy,zcr,chromaChange,keyClarity,modeStrength,timbreVariation,mfcc1,mfcc2,mfcc3,mfcc4';

const LAMBDAS = (process.env.LAMBDAS ?? "0.003,0.01,0.03,0.1,0.3,1,3").split(",").map(Number);
// How many features to keep, ranked by their own rank correlation with the target on the training
// part only (screening inside the folds keeps the held-out numbers honest).
const KEEP = [6, 10, 16, 24, Infinity];
const FOLDS = 5;

const rows = readLabels(args.data);
const { entries, featureNames } = await loadFeatures(args.data, rows);
const names = args.features === 'all' ? [...featureNames] : (args.features ?? MODEL_FEATURES).split(',');
const X = rows.map((r) => names.map((n) => entries[r.file][n]));
// More listeners, more reliable label: weight by sqrt(annotators).
const w = rows.map((r) => (process.env.W === 'none' ? 1 : process.env.W === 'lin' ? r.annotators : Math.sqrt(r.annotators)));
const target = { arousal: rows.map((r) => r.arousal_gt), valence: rows.map((r) => r.valence_gt) };
const genres = [...new Set(rows.map((r) => r.genre))];

// Genre-stratified folds, deterministic (a fixed seeded shuffle inside each genre).
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const fold = new Array(rows.length);
for (const g of genres) {
  const idx = rows.map((r, i) => [r, i]).filter(([r]) => r.genre === g).map(([, i]) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  idx.forEach((i, k) => (fold[i] = k % FOLDS));
}

const pick = (a, idx) => idx.map((i) => a[i]);

/** Feature columns ordered by |Spearman| with y over the rows idx. */
function screen(idx, y) {
  const yy = pick(y, idx);
  return names.map((_, j) => [j, Math.abs(spearman(idx.map((i) => X[i][j]), yy))]).sort((a, b) => b[1] - a[1]).map(([j]) => j);
}

function fit(idx, y, { lambda, keep }) {
  const cols = screen(idx, y).slice(0, keep).sort((a, b) => a - b);
  const Xs = idx.map((i) => cols.map((j) => X[i][j]));
  const s = standardiser(Xs);
  return { cols, s, m: ridge(standardise(Xs, s), pick(y, idx), pick(w, idx), lambda) };
}
const apply = (model, idx) => predict(standardise(idx.map((i) => model.cols.map((j) => X[i][j])), model.s), model.m);

/** The (lambda, keep) with the best mean Spearman over an inner CV of `idx`. */
function chooseParams(idx, y) {
  let best = null, bestScore = -Infinity;
  for (const keep of KEEP) {
    for (const lambda of LAMBDAS) {
      let score = 0;
      for (let f = 0; f < FOLDS - 1; f++) {
        const inner = idx.filter((_, k) => k % (FOLDS - 1) !== f);
        const held = idx.filter((_, k) => k % (FOLDS - 1) === f);
        score += spearman(apply(fit(inner, y, { lambda, keep }), held), pick(y, held));
      }
      if (score > bestScore) [best, bestScore] = [{ lambda, keep }, score];
    }
  }
  return best;
}

const all = rows.map((_, i) => i);
const report = {};
for (const axis of ['arousal', 'valence']) {
  const y = target[axis];
  const oof = new Array(rows.length);
  const foldRho = [];
  const lambdas = [];
  for (let f = 0; f < FOLDS; f++) {
    const train = all.filter((i) => fold[i] !== f);
    const test = all.filter((i) => fold[i] === f);
    const params = chooseParams(train, y);
    lambdas.push(`${params.lambda}/${params.keep}`);
    const p = apply(fit(train, y, params), test);
    test.forEach((i, k) => (oof[i] = p[k]));
    foldRho.push(spearman(p, pick(y, test)));
  }
  const treble = X.map((row) => row[names.indexOf('trebleLoudness')]);
  const perGenre = Object.fromEntries(
    genres.map((g) => {
      const idx = all.filter((i) => rows[i].genre === g);
      return [g, { model: spearman(pick(oof, idx), pick(y, idx)), treble: names.includes('trebleLoudness') ? spearman(pick(treble, idx), pick(y, idx)) : null }];
    }),
  );
  report[axis] = {
    pooled: spearman(oof, y),
    foldMean: foldRho.reduce((a, b) => a + b, 0) / FOLDS,
    folds: foldRho,
    lambdas,
    baselineTreble: names.includes('trebleLoudness') ? spearman(treble, y) : null,
    perGenre,
  };
}

const f3 = (x) => (x === null ? '  -  ' : (x >= 0 ? ' ' : '') + x.toFixed(3));
console.log(`emotify-dev: ${rows.length} excerpts, ${names.length} features, ${FOLDS}-fold genre-stratified CV (nested ridge strength)`);
for (const axis of ['arousal', 'valence']) {
  const r = report[axis];
  console.log(`\n${axis}: held-out Spearman pooled ${f3(r.pooled)}, mean over folds ${f3(r.foldMean)} [${r.folds.map(f3).join(' ')}]  (lambda/features per fold: ${r.lambdas.join(', ')})`);
  console.log(`  baseline treble loudness alone (no fit): ${f3(r.baselineTreble)}`);
  for (const [g, v] of Object.entries(r.perGenre)) console.log(`  ${g.padEnd(10)} model ${f3(v.model)}   treble ${f3(v.treble)}`);
}

// The model as it ships (mood-model.json, with the demo calibration of scripts/build-catalogue.mjs),
// on all 200 excerpts (in-sample: it was fitted on them). The calibration is a positive gain and an
// offset per axis inside tanh, so it cannot change these rank correlations; printed to show it.
{
  const shipped = JSON.parse(readFileSync(`${root}src/main/library/analysis/mood-model.json`, 'utf8'));
  const raw = structuredClone(shipped);
  for (const axis of ['valence', 'arousal']) delete raw[axis].calibration;
  const { predictMood } = await loadAnalysis();
  const line = (m) => ['arousal', 'valence'].map((axis) => `${axis} ${f3(spearman(rows.map((r) => predictMood(entries[r.file], m)[axis]), target[axis]))}`).join(', ');
  console.log(`\nshipped model v${shipped.version}, in-sample Spearman: ${line(shipped)}; without its calibration: ${line(raw)}`);
}

if (args.write) {
  const s = standardiser(X);
  const heads = {};
  for (const axis of ['arousal', 'valence']) {
    const params = chooseParams(all, target[axis]);
    const model = fit(all, target[axis], params);
    const p = apply(model, all);
    const mean = p.reduce((a, b) => a + b, 0) / p.length;
    const sd = Math.sqrt(p.reduce((a, b) => a + (b - mean) ** 2, 0) / p.length);
    // One coefficient per feature (0 for screened-out ones), on the all-feature standardisation.
    const coef = names.map((_, j) => {
      const k = model.cols.indexOf(j);
      return k < 0 ? 0 : (model.m.coef[k] * s.std[j]) / model.s.std[k];
    });
    const intercept = model.m.intercept + model.cols.reduce((acc, j, k) => acc + (model.m.coef[k] * (s.mean[j] - model.s.mean[k])) / model.s.std[k], 0);
    // Centred on the training music and scaled so that +-2 SD lands near +-0.8 on the plane.
    heads[axis] = { intercept: round(intercept - mean), coef: coef.map(round), scale: round(sd / 0.55), ...params, keep: model.cols.length };
  }
  const model = {
    version: 1,
    note: 'Fitted by training/audio/fit-mood.mjs on emotify-dev (see docs/audio-mood.md). Only coefficients and feature scaling: no audio or per-file data.',
    features: names,
    mean: s.mean.map(round),
    std: s.std.map(round),
    valence: heads.valence,
    arousal: heads.arousal,
    heldOut: Object.fromEntries(['arousal', 'valence'].map((a) => [a, { spearman: round(report[a].pooled), baselineTreble: round(report[a].baselineTreble) }])),
  };
  writeFileSync(`${root}src/main/library/analysis/mood-model.json`, JSON.stringify(model, null, 2) + '\n');
  console.log('\nwrote src/main/library/analysis/mood-model.json (uncalibrated: run node scripts/build-catalogue.mjs next)');
}

function round(x) {
  return x === null ? null : Math.round(x * 1e6) / 1e6;
}
