/** moodtape detect <image-or-video> [--json] */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { extname } from 'node:path';
import type { Detection } from '../../shared/contract.js';
import { errors, MoodtapeError } from '../core/errors.js';
import { assetsDir } from '../core/paths.js';
import { Camera } from '../vision/camera.js';
import { loadPipeline } from '../vision/load-pipeline.js';
import { opencv } from '../vision/opencv.js';
import { pct, reportError } from './output.js';
import { join } from 'node:path';

const IMAGE = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.webp', '.tif', '.tiff', '.pgm', '.ppm']);
/** A video is read until a face shows up, at most this many frames. */
const VIDEO_FRAMES = 30;

export async function runDetect(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { json: { type: 'boolean' } } });
  const json = values.json ?? false;
  try {
    const [input] = positionals;
    if (!input) throw new MoodtapeError('invalid-input', 'No picture given.', 'Usage: moodtape detect <image-or-video> [--json]');
    if (!existsSync(input)) throw new MoodtapeError('invalid-input', `No such file: ${input}`, 'Check the path.');
    const pipeline = await loadPipeline(join(assetsDir(), 'models'));
    let detection: Detection;
    if (IMAGE.has(extname(input).toLowerCase())) {
      const t0 = performance.now();
      let img;
      try {
        img = await opencv().imreadAsync(input);
      } catch {
        img = null;
      }
      if (!img || img.empty) throw new MoodtapeError('invalid-input', `Cannot read ${input} as an image.`, 'Use a JPEG or PNG picture.');
      detection = await pipeline.analyse(img, performance.now() - t0);
    } else {
      const camera = Camera.open(input);
      try {
        detection = await readUntilFace(camera, pipeline);
      } catch (e) {
        throw e instanceof MoodtapeError && e.code === 'camera-unavailable' ? errors.cameraUnavailable(input) : e;
      } finally {
        camera.release();
      }
    }
    if (json) console.log(JSON.stringify({ input, ...detection }, null, 2));
    else printHuman(input, detection);
    return 0;
  } catch (e) {
    return reportError(e, json);
  }
}

async function readUntilFace(camera: Camera, pipeline: Awaited<ReturnType<typeof loadPipeline>>): Promise<Detection> {
  let last: Detection | null = null;
  for (let i = 0; i < VIDEO_FRAMES && !last?.faces.length; i++) {
    const t0 = performance.now();
    const frame = await camera.read();
    last = await pipeline.analyse(frame, performance.now() - t0);
  }
  return last!;
}

function printHuman(input: string, d: Detection) {
  console.log(`${input}: ${d.frame.width}x${d.frame.height}, ${d.faces.length} face(s)`);
  d.faces.forEach((f, i) => {
    const top = Object.entries(f.probabilities)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([e, p]) => `${e} ${pct(p)}`)
      .join(', ');
    console.log(`  face ${i + 1} at ${f.box.x},${f.box.y} ${f.box.width}x${f.box.height}: ${f.emotion} (${top})`);
  });
  if (d.emotion) console.log(`emotion: ${d.emotion} (${pct(d.confidence)})`);
  if (d.notice) console.log(`note: ${d.notice.message} ${d.notice.hint}`);
  const t = d.timings;
  console.log(`timings: capture ${t.captureMs} ms, detect ${t.detectMs} ms, classify ${t.classifyMs} ms, total ${t.totalMs} ms`);
}
