/** moodtape eval --data DIR [--crops] [--json] [--limit N]: the app's own preprocessing and inference over a labelled folder. */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { MoodtapeError } from '../core/errors.js';
import { assetsDir } from '../core/paths.js';
import { loadPipeline } from '../vision/load-pipeline.js';
import { evaluateFolder, type EvalReport } from '../vision/evaluate.js';
import { pct, reportError } from './output.js';

export async function runEval(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      data: { type: 'string' },
      crops: { type: 'boolean' },
      json: { type: 'boolean' },
      limit: { type: 'string' },
      model: { type: 'string' },
    },
  });
  const json = values.json ?? false;
  try {
    if (!values.data)
      throw new MoodtapeError('invalid-input', 'No data folder given.', 'Usage: moodtape eval --data DIR [--crops] [--json]');
    const limit = values.limit === undefined ? Infinity : Number(values.limit);
    const pipeline = await loadPipeline(join(assetsDir(), 'models'), { sidecar: values.model });
    const report = await evaluateFolder(pipeline, values.data, { crops: values.crops ?? false, limitPerClass: limit });
    if (json) console.log(JSON.stringify(report, null, 2));
    else printReport(report);
    return 0;
  } catch (e) {
    return reportError(e, json);
  }
}

function printReport(r: EvalReport) {
  console.log(`${r.images} images in ${r.classes.length} classes (${r.crops ? 'face crops' : 'faces found by the detector'})`);
  if (r.skippedClasses.length) console.log(`skipped (not in the model or not an emotion): ${r.skippedClasses.join(', ')}`);
  if (r.unreadable) console.log(`${r.unreadable} files could not be read as images (left out)`);
  if (!r.crops) console.log(`no face found in ${r.noFace} images (counted as misses)`);
  if (r.otherClass) console.log(`read as a class outside the set in ${r.otherClass} images (counted as misses)`);
  console.log(`accuracy: ${pct(r.accuracy)}`);
  console.log('per-class recall:');
  for (const c of r.classes) console.log(`  ${c.padEnd(9)} ${pct(r.perClassRecall[c] ?? 0)}`);
  console.log(`confusion (rows: true, columns: predicted${r.crops ? '' : ', last column: no face'}):`);
  const cols = r.crops ? r.classes : [...r.classes, 'noface'];
  console.log('          ' + cols.map((c) => c.slice(0, 7).padStart(8)).join(''));
  r.classes.forEach((c, i) => console.log(c.padEnd(10) + r.confusion[i].map((n) => String(n).padStart(8)).join('')));
  console.log(`speed: ${r.msPerImage.toFixed(2)} ms per image, ${r.imagesPerSecond.toFixed(0)} images per second`);
}
