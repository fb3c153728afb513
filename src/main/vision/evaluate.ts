/** Accuracy of the vision pipeline on an image-folder data set (one subfolder per class). */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emotion } from '../../shared/contract.js';
import { MoodtapeError } from '../core/errors.js';
import { topEmotion } from './emotion-model.js';
import { writeFaceTensor } from './face-crop.js';
import type { FacePipeline } from './face-pipeline.js';
import { emotionFromName } from './model-spec.js';
import { opencv, type Mat } from './opencv.js';

export interface EvalReport {
  images: number;
  crops: boolean;
  classes: Emotion[];
  skippedClasses: string[];
  accuracy: number;
  perClassRecall: Partial<Record<Emotion, number>>;
  /** confusion[true][predicted]; without --crops a last column counts images with no face. */
  confusion: number[][];
  noFace: number;
  /** Faces read as a class outside the evaluated set (say neutral in an angry/happy set): misses with no column. */
  otherClass: number;
  /** Files with an image extension that could not be decoded (left out of every number). */
  unreadable: number;
  msPerImage: number;
  imagesPerSecond: number;
}

const IMAGE = /\.(jpe?g|png|bmp|pgm|webp|tiff?)$/i;
const BATCH = 64;

export async function evaluateFolder(
  pipeline: FacePipeline,
  dir: string,
  opts: { crops: boolean; limitPerClass?: number },
): Promise<EvalReport> {
  const cv = opencv();
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new MoodtapeError(
      'invalid-input',
      `Cannot read the folder ${dir}.`,
      'Give a folder with one subfolder per class (angry, happy, ...).',
    );
  }
  const known = new Set(pipeline.model.emotions);
  const classes: Emotion[] = [];
  const skipped: string[] = [];
  const folders = new Map<Emotion, string>();
  for (const e of entries.filter((d) => d.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const emotion = emotionFromName(e.name);
    if (emotion && known.has(emotion) && !folders.has(emotion)) {
      folders.set(emotion, join(dir, e.name));
      classes.push(emotion);
    } else skipped.push(e.name);
  }
  if (classes.length === 0)
    throw new MoodtapeError(
      'invalid-input',
      `No class folders the model knows in ${dir}.`,
      `Expected folders such as ${[...known].join(', ')}.`,
    );
  classes.sort((a, b) => pipeline.model.emotions.indexOf(a) - pipeline.model.emotions.indexOf(b));
  const index = new Map(classes.map((c, i) => [c, i]));
  const confusion = classes.map(() => new Array(classes.length + (opts.crops ? 0 : 1)).fill(0));
  // Crops are already framed like the training data: use the whole picture, no extra margin.
  const spec = { ...pipeline.model.spec, faceCrop: { margin: 0, offsetY: 0 } };
  const per = spec.input.channels * spec.input.width * spec.input.height;
  let images = 0;
  let noFace = 0;
  let otherClass = 0;
  let elapsed = 0;
  const record = (truth: number, emotion: Emotion) => {
    const predicted = index.get(emotion);
    if (predicted === undefined) otherClass++;
    else confusion[truth][predicted]++;
  };

  const files: { path: string; truth: number }[] = [];
  for (const c of classes) {
    const paths = await imagesUnder(folders.get(c)!);
    for (const path of paths.slice(0, opts.limitPerClass ?? Infinity)) files.push({ path, truth: index.get(c)! });
  }
  const seen = classes.map(() => 0);
  let unreadable = 0;
  for (let start = 0; start < files.length; start += BATCH) {
    const chunk = files.slice(start, start + BATCH);
    const mats = await Promise.all(chunk.map((f) => cv.imreadAsync(f.path).catch(() => null)));
    const readable: { m: Mat; truth: number }[] = [];
    mats.forEach((m, i) => {
      if (m && !m.empty) readable.push({ m, truth: chunk[i].truth });
      else unreadable++;
    });
    for (const { truth } of readable) seen[truth]++;
    images += readable.length;
    const t0 = performance.now();
    if (opts.crops) {
      const batch = new Float32Array(per * readable.length);
      for (const [k, { m }] of readable.entries()) {
        await writeFaceTensor(m, { x: 0, y: 0, width: m.cols, height: m.rows }, spec, batch, k * per);
      }
      const probs = readable.length ? await pipeline.model.classify(batch, readable.length) : [];
      readable.forEach(({ truth }, k) => record(truth, topEmotion(probs[k]).emotion));
    } else {
      for (const { m, truth } of readable) {
        const d = await pipeline.analyse(m);
        if (!d.emotion) {
          noFace++;
          confusion[truth][classes.length]++;
          continue;
        }
        record(truth, d.emotion);
      }
    }
    elapsed += performance.now() - t0;
  }
  const correct = classes.reduce((s, _, i) => s + confusion[i][i], 0);
  const perClassRecall: Partial<Record<Emotion, number>> = {};
  classes.forEach((c, i) => {
    perClassRecall[c] = seen[i] ? confusion[i][i] / seen[i] : 0;
  });
  return {
    images,
    crops: opts.crops,
    classes,
    skippedClasses: skipped,
    accuracy: images ? correct / images : 0,
    perClassRecall,
    confusion,
    noFace,
    otherClass,
    unreadable,
    msPerImage: images ? elapsed / images : 0,
    imagesPerSecond: elapsed ? (images * 1000) / elapsed : 0,
  };
}

/** Image files in a class folder and its subfolders (some data sets group a class by subject or session). */
async function imagesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await imagesUnder(path)));
    else if (e.isFile() && IMAGE.test(e.name)) out.push(path);
  }
  return out;
}
