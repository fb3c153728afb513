#!/usr/bin/env node
/**
 * Peer benchmark: Moodtape's emotion model next to the emotion classifiers shipped
 * in two npm face libraries, with one harness, on a labelled folder of face crops (FER2013 publictest).
 *
 *   node scripts/bench-models.mjs [--data DIR] [--limit N] [--timing N] [--json]
 *
 * --data    one subfolder per class (default ../shared/datasets/fer2013/publictest beside the repo)
 * --limit   at most N images per class (quick run)
 * --timing  how many faces the latency pass times per model (default 300)
 * --json    one JSON object on stdout instead of the table
 * --save F  also write that JSON object to the file F
 *
 * Models (classifier alone, face detectors skipped; every image is a face crop already):
 *  - moodtape: assets/models/emotion.onnx in onnxruntime-node, 1 thread. Accuracy comes from the app's
 *    own code path (`moodtape eval --crops --json`, needs `npm run build`); this harness also runs the
 *    same preprocessing (grey, INTER_AREA resize to the sidecar's size, (v/255 - mean)/std) at batch 1
 *    for the latency and as a cross-check of the CLI's numbers.
 *  - human: @vladmandic/human models/emotion.json (oarriaga mini-Xception, 64x64 grey), run with
 *    tfjs-converter on the WASM backend. Preprocessing as in human's src/gear/emotion.ts: RGB/255
 *    (facemeshutil cutAndResize), resizeBilinear to 64x64, grey = 0.2989 R + 0.5870 G + 0.1140 B,
 *    then (grey - 0.5) * 2. Output order angry, disgust, fear, happy, sad, surprise, neutral.
 *  - face-api: @vladmandic/face-api faceExpressionNet (112x112 RGB), called through the library's own
 *    predictExpressions on an RGB 0..255 tensor (it pads to square, resizes bilinearly, subtracts its
 *    mean RGB and divides by 255 itself). Labels neutral, happy, sad, angry, fearful, disgusted, surprised.
 * Both peers run on @tensorflow/tfjs-backend-wasm with 1 thread (tfjs-node cannot fetch its binary here).
 *
 * Latency: preprocessing from the decoded image + inference + reading the scores, one face per call,
 * after a warm-up; the models take turns face by face so background load hits them alike; median.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(join(repo, 'package.json'));

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    limit: { type: 'string' },
    timing: { type: 'string' },
    warmup: { type: 'string' },
    json: { type: 'boolean' },
    save: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('node scripts/bench-models.mjs [--data DIR] [--limit N per class] [--timing N faces] [--json] [--save FILE]');
  process.exit(0);
}
const dataDir = resolve(values.data ?? join(repo, '..', 'shared', 'datasets', 'fer2013', 'publictest'));
const limit = values.limit === undefined ? Infinity : Number(values.limit);
const timingFaces = values.timing === undefined ? 300 : Number(values.timing);
const warmup = values.warmup === undefined ? 20 : Number(values.warmup);
const json = values.json ?? false;
for (const [k, v] of [
  ['limit', limit],
  ['timing', timingFaces],
  ['warmup', warmup],
]) {
  if (!(v >= 0)) fail(`--${k} needs a number >= 0`);
}

// The app's classes, and the folder / label names that mean them (as src/main/vision/model-spec.ts).
const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'];
const ALIASES = {
  angry: 'angry',
  anger: 'angry',
  disgust: 'disgust',
  disgusted: 'disgust',
  fear: 'fear',
  fearful: 'fear',
  scared: 'fear',
  happy: 'happy',
  happiness: 'happy',
  joy: 'happy',
  neutral: 'neutral',
  sad: 'sad',
  sadness: 'sad',
  surprise: 'surprise',
  surprised: 'surprise',
};
const emotionOf = (name) => ALIASES[name.trim().toLowerCase()] ?? null;
const IMAGE = /\.(jpe?g|png|bmp|pgm|webp|tiff?)$/i;

function fail(message) {
  if (json) console.log(JSON.stringify({ error: message }));
  else console.error(`bench-models: ${message}`);
  process.exit(1);
}
const note = (m) => {
  if (!json) console.error(m);
};

if (!existsSync(dataDir) || !statSync(dataDir).isDirectory()) {
  const message = `Dataset folder not found: ${dataDir}. Nothing to benchmark (give --data DIR with one subfolder per class); skipping.`;
  if (json) console.log(JSON.stringify({ skipped: true, reason: message }));
  else console.log(message);
  process.exit(0);
}

// ---------------------------------------------------------------- data
try {
  require('@u4/opencv-build').Log.silence = true; // its loader logs to stdout, which would spoil --json
} catch {
  /* only the log */
}
const cvModule = require('@u4/opencv4nodejs');
const cv = cvModule.cv ?? cvModule.default ?? cvModule;
const files = [];
const skippedFolders = [];
const folders = new Map();
for (const d of readdirSync(dataDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .sort((a, b) => a.name.localeCompare(b.name))) {
  const e = emotionOf(d.name);
  if (e && !folders.has(e)) folders.set(e, join(dataDir, d.name));
  else skippedFolders.push(d.name);
}
if (folders.size === 0) fail(`no class folders in ${dataDir} (expected ${EMOTIONS.join(', ')})`);
const classes = EMOTIONS.filter((e) => folders.has(e));
for (const c of classes) {
  const names = readdirSync(folders.get(c))
    .filter((n) => IMAGE.test(n))
    .sort()
    .slice(0, limit);
  for (const n of names) files.push({ path: join(folders.get(c), n), truth: c });
}
note(
  `loading ${files.length} images from ${dataDir} (${classes.length} classes${skippedFolders.length ? `; skipped folders: ${skippedFolders.join(', ')}` : ''})`,
);
const images = [];
for (const f of files) {
  let mat;
  try {
    mat = cv.imread(f.path); // BGR, as the app's cv.imreadAsync
  } catch {
    mat = null;
  }
  if (!mat || mat.empty) {
    note(`unreadable, left out: ${f.path}`);
    continue;
  }
  const rgb = mat.channels === 1 ? mat.cvtColor(cv.COLOR_GRAY2RGB) : mat.cvtColor(cv.COLOR_BGR2RGB);
  images.push({ truth: f.truth, mat, rgb: new Float32Array(rgb.getData()), width: mat.cols, height: mat.rows });
}
if (images.length === 0) fail('no readable images');

// ---------------------------------------------------------------- models
const fileSize = (...paths) => paths.reduce((s, p) => s + statSync(p).size, 0);
/** Learned values in a tfjs weights manifest (float tensors; the int32 ones are shape constants). */
const countWeights = (manifest) =>
  manifest
    .flatMap((g) => g.weights)
    .filter((w) => w.dtype === 'float32')
    .reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
/** A package's folder (some packages' "exports" hide package.json from require.resolve). */
function pkgDir(name) {
  for (const base of require.resolve.paths(name) ?? []) if (existsSync(join(base, name, 'package.json'))) return join(base, name);
  fail(`${name} is not installed: run npm install`);
}
const pkgVersion = (name) => JSON.parse(readFileSync(join(pkgDir(name), 'package.json'), 'utf8')).version;
const softmax = (v) => {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
};

async function loadOurs() {
  const ort = require('onnxruntime-node');
  const sidecarPath = join(repo, 'assets', 'models', 'emotion.json');
  const spec = JSON.parse(readFileSync(sidecarPath, 'utf8'));
  const modelPath = join(dirname(sidecarPath), spec.file);
  // Session options as src/main/vision/emotion-model.ts (one intra-op thread).
  const session = await ort.InferenceSession.create(readFileSync(modelPath), {
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const inputName = spec.input.name ?? session.inputNames[0];
  const outputName = spec.output.name ?? session.outputNames[0];
  const { width, height, channels, mean, std } = spec.input;
  const plane = width * height;
  const buf = new Float32Array(channels * plane);
  return {
    name: 'moodtape',
    description: `${spec.name} ${spec.version} (ONNX, ${width}x${height}x${channels}, onnxruntime-node ${pkgVersion('onnxruntime-node')})`,
    labels: spec.labels.map(emotionOf),
    params: typeof spec.parameters === 'number' ? spec.parameters : null,
    fileBytes: fileSize(modelPath),
    // As writeFaceTensor in src/main/vision/face-crop.ts, with the crop = the whole picture.
    async predict(img) {
      let m = img.mat;
      if (channels === 1 && m.channels === 3) m = m.bgrToGray();
      else if (channels === 3) m = m.cvtColor(m.channels === 1 ? cv.COLOR_GRAY2RGB : cv.COLOR_BGR2RGB);
      const interp = m.cols > width ? cv.INTER_AREA : cv.INTER_LINEAR;
      const px = m.resize(height, width, 0, 0, interp).getData();
      for (let c = 0; c < channels; c++) {
        const mu = mean[c];
        const inv = 1 / std[c];
        for (let i = 0; i < plane; i++) buf[c * plane + i] = (px[i * channels + c] / 255 - mu) * inv;
      }
      const out = await session.run({ [inputName]: new ort.Tensor('float32', buf, [1, channels, height, width]) });
      const row = Array.from(out[outputName].data);
      return spec.output.kind === 'logits' ? softmax(row) : row;
    },
  };
}

let tf;
async function tfjsWasm() {
  if (tf) return tf;
  tf = require('@tensorflow/tfjs-core');
  const wasm = require('@tensorflow/tfjs-backend-wasm');
  wasm.setWasmPaths(join(pkgDir('@tensorflow/tfjs-backend-wasm'), 'dist') + '/');
  wasm.setThreadsCount(1);
  if (!(await tf.setBackend('wasm'))) fail('the TensorFlow.js WASM backend did not start');
  await tf.ready();
  return tf;
}

async function loadHuman() {
  await tfjsWasm();
  const converter = require('@tensorflow/tfjs-converter');
  const dir = join(pkgDir('@vladmandic/human'), 'models');
  const modelJson = join(dir, 'emotion.json');
  const artifacts = JSON.parse(readFileSync(modelJson, 'utf8'));
  const binPaths = artifacts.weightsManifest.flatMap((g) => g.paths.map((p) => join(dir, p)));
  const weightData = Buffer.concat(binPaths.map((p) => readFileSync(p)));
  const model = await converter.loadGraphModel({
    load: async () => ({
      modelTopology: artifacts.modelTopology,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      userDefinedMetadata: artifacts.userDefinedMetadata,
      weightSpecs: artifacts.weightsManifest.flatMap((g) => g.weights),
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
  });
  const shape = model.inputs[0].shape; // [-1, 64, 64, 1]
  if (shape[3] !== 1) fail(`human's emotion model takes ${shape[3]} channels; this harness expects the grey mini-Xception`);
  const size = shape[2];
  const rgbWeights = tf.tensor1d([0.2989, 0.587, 0.114]);
  return {
    name: 'human',
    description: `@vladmandic/human ${pkgVersion('@vladmandic/human')} emotion (mini-Xception, ${size}x${size}x1, tfjs-wasm)`,
    labels: ['angry', 'disgust', 'fear', 'happy', 'sad', 'surprise', 'neutral'], // human's annotations for the grey model
    params: countWeights(artifacts.weightsManifest),
    fileBytes: fileSize(modelJson, ...binPaths),
    async predict(img) {
      const out = tf.tidy(() => {
        const face = tf.div(tf.tensor4d(img.rgb, [1, img.height, img.width, 3]), 255);
        const resized = tf.image.resizeBilinear(face, [size, size], false);
        const grey = tf.sum(tf.mul(resized, rgbWeights), 3, true);
        return model.execute(tf.mul(tf.sub(grey, 0.5), 2));
      });
      const p = Array.from(await out.data());
      out.dispose();
      return p;
    },
  };
}

async function loadFaceApi() {
  await tfjsWasm();
  const faceapi = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const dir = join(pkgDir('@vladmandic/face-api'), 'model');
  const net = faceapi.nets.faceExpressionNet;
  await net.loadFromDisk(dir);
  const manifestPath = join(dir, 'face_expression_model-weights_manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const labels = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
  return {
    name: 'face-api',
    description: `@vladmandic/face-api ${pkgVersion('@vladmandic/face-api')} faceExpressionNet (112x112x3, tfjs-wasm)`,
    labels: labels.map(emotionOf),
    params: countWeights(manifest),
    fileBytes: fileSize(manifestPath, ...manifest.flatMap((g) => g.paths.map((p) => join(dir, p)))),
    async predict(img) {
      const t = tf.tensor3d(img.rgb, [img.height, img.width, 3]);
      const r = await net.predictExpressions(t);
      t.dispose();
      return labels.map((l) => r[l]);
    },
  };
}

note('loading models');
const models = [await loadOurs(), await loadHuman(), await loadFaceApi()];

// ---------------------------------------------------------------- accuracy
function argmaxEmotion(model, probs) {
  // Several outputs could map to one emotion; sum them, as the app does.
  const by = {};
  model.labels.forEach((e, i) => (by[e] = (by[e] ?? 0) + probs[i]));
  let best = null;
  for (const e of Object.keys(by)) if (best === null || by[e] > by[best]) best = e;
  return best;
}

function scoreOf(confusion) {
  const perClassRecall = {};
  let correct = 0;
  let total = 0;
  for (const c of classes) {
    const row = confusion[c];
    const n = Object.values(row).reduce((a, b) => a + b, 0);
    perClassRecall[c] = n ? (row[c] ?? 0) / n : 0;
    correct += row[c] ?? 0;
    total += n;
  }
  const macroRecall = classes.reduce((s, c) => s + perClassRecall[c], 0) / classes.length;
  return { images: total, accuracy: total ? correct / total : 0, macroRecall, perClassRecall };
}

const results = {};
for (const m of models) {
  note(`accuracy: ${m.name} over ${images.length} faces`);
  const confusion = Object.fromEntries(classes.map((c) => [c, Object.fromEntries(EMOTIONS.map((e) => [e, 0]))]));
  for (const img of images) confusion[img.truth][argmaxEmotion(m, await m.predict(img))]++;
  results[m.name] = { ...scoreOf(confusion), confusion, missingClasses: classes.filter((c) => !m.labels.includes(c)) };
}

// ---------------------------------------------------------------- latency (batch 1, interleaved)
const stride = Math.max(1, Math.floor(images.length / Math.max(1, timingFaces)));
const timed = images.filter((_, i) => i % stride === 0).slice(0, timingFaces);
note(`latency: ${warmup} warm-up + ${timed.length} faces per model, one at a time, models interleaved`);
for (const m of models) for (let i = 0; i < warmup; i++) await m.predict(images[i % images.length]);
const times = Object.fromEntries(models.map((m) => [m.name, []]));
for (const img of timed) {
  for (const m of models) {
    const t0 = performance.now();
    await m.predict(img);
    times[m.name].push(performance.now() - t0);
  }
}
const quantile = (v, q) => {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN;
};

// ---------------------------------------------------------------- ours through the app's CLI
let appEval = null;
const cli = join(repo, 'bin', 'moodtape.js');
if (!existsSync(join(repo, 'dist', 'main', 'cli.js'))) {
  appEval = { error: 'not built: run "npm run build" for the app-path numbers (table shows this harness\'s numbers)' };
} else {
  note("accuracy: moodtape through `moodtape eval --crops --json` (the app's own code path)");
  const args = [cli, 'eval', '--data', dataDir, '--crops', '--json', ...(Number.isFinite(limit) ? ['--limit', String(limit)] : [])];
  const r = spawnSync(process.execPath, args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const start = r.stdout?.indexOf('{') ?? -1;
  try {
    const rep = JSON.parse(r.stdout.slice(start));
    if (r.status !== 0 || typeof rep.accuracy !== 'number') throw new Error(rep.error?.message ?? `exit ${r.status}`);
    appEval = rep;
  } catch (e) {
    appEval = { error: `moodtape eval failed: ${e.message}` };
  }
}

// ---------------------------------------------------------------- report
const rows = models.map((m) => {
  let s = results[m.name];
  let source = 'harness';
  if (m.name === 'moodtape' && appEval && !appEval.error) {
    const rec = appEval.perClassRecall;
    s = {
      ...s,
      images: appEval.images,
      accuracy: appEval.accuracy,
      perClassRecall: rec,
      macroRecall: classes.reduce((a, c) => a + (rec[c] ?? 0), 0) / classes.length,
    };
    source = 'moodtape eval --crops';
  }
  return {
    model: m.name,
    description: m.description,
    source,
    images: s.images,
    accuracy: s.accuracy,
    macroRecall: s.macroRecall,
    perClassRecall: s.perClassRecall,
    harnessAccuracy: results[m.name].accuracy,
    msPerFaceMedian: quantile(times[m.name], 0.5),
    msPerFaceP90: quantile(times[m.name], 0.9),
    timedFaces: times[m.name].length,
    params: m.params,
    fileBytes: m.fileBytes,
    missingClasses: results[m.name].missingClasses,
  };
});
const warnings = [];
for (const r of rows) {
  if ((r.perClassRecall.happy ?? 1) < 0.5)
    warnings.push(`${r.model}: happy recall ${(100 * r.perClassRecall.happy).toFixed(1)}% — preprocessing may be wrong`);
  if (r.missingClasses.length) warnings.push(`${r.model}: has no output for ${r.missingClasses.join(', ')}`);
}
if (appEval?.error) warnings.push(`moodtape: ${appEval.error}`);
else if (appEval) {
  const ours = rows.find((r) => r.model === 'moodtape');
  const diff = Math.abs(ours.accuracy - ours.harnessAccuracy) * images.length;
  if (diff > 2)
    warnings.push(
      `moodtape: the app's eval (${(100 * ours.accuracy).toFixed(2)}%) and this harness (${(100 * ours.harnessAccuracy).toFixed(2)}%) disagree by ${diff.toFixed(0)} images`,
    );
}
const report = {
  data: dataDir,
  images: images.length,
  classes,
  limitPerClass: Number.isFinite(limit) ? limit : null,
  date: new Date().toISOString(),
  node: process.version,
  timing: {
    warmup,
    faces: timed.length,
    batch: 1,
    threads: 1,
    tfjsBackend: 'wasm',
    note: 'preprocessing + inference per face, models interleaved; median and p90',
  },
  models: rows,
  warnings,
};

if (values.save) writeFileSync(values.save, `${JSON.stringify(report, null, 2)}\n`);
if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const pct = (v) => (v === undefined || v === null ? '-' : `${(100 * v).toFixed(1)}`);
  const size = (r) => `${r.params ? `${(r.params / 1e6).toFixed(2)}M params, ` : ''}${(r.fileBytes / 1024).toFixed(0)} KiB`;
  const head = ['model', 'acc %', 'macro rec %', ...classes, 'ms/face (p50)', 'p90', 'size'];
  const body = rows.map((r) => [
    r.model,
    pct(r.accuracy),
    pct(r.macroRecall),
    ...classes.map((c) => pct(r.perClassRecall[c])),
    r.msPerFaceMedian.toFixed(2),
    r.msPerFaceP90.toFixed(2),
    size(r),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(
    `${images.length} face crops from ${dataDir}${report.limitPerClass ? ` (at most ${limit} per class)` : ''}; per-class columns are recall %`,
  );
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
  console.log('');
  for (const r of rows)
    console.log(
      `${r.model}: ${r.description}; accuracy from ${r.source}${r.source !== 'harness' ? ` (harness batch-1 re-run: ${pct(r.harnessAccuracy)}%)` : ''}`,
    );
  console.log(
    `latency: batch 1, 1 thread, ${warmup} warm-up, ${timed.length} faces per model, models taking turns; preprocessing from the decoded image + inference`,
  );
  for (const w of warnings) console.log(`warning: ${w}`);
}
process.exit(0);
