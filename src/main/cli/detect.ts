/** moodtape detect <image-or-video> [--json] [--every-frame [--no-tracking]] */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Detection, Emotion } from '../../shared/contract.js';
import { errors, MoodtapeError } from '../core/errors.js';
import { assetsDir } from '../core/paths.js';
import { Camera } from '../vision/camera.js';
import type { FacePipeline } from '../vision/face-pipeline.js';
import { loadPipeline } from '../vision/load-pipeline.js';
import { opencv } from '../vision/opencv.js';
import { pct, reportError } from './output.js';

const IMAGE = new Set(['.jpg', '.jpeg', '.png', '.bmp', '.webp', '.tif', '.tiff', '.pgm', '.ppm']);
/** A video is read until a face shows up, at most this many frames. */
const VIDEO_FRAMES = 30;
const USAGE = 'Usage: moodtape detect <image-or-video> [--json] [--every-frame [--no-tracking]]';

export async function runDetect(argv: string[]): Promise<number> {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, 'every-frame': { type: 'boolean' }, 'no-tracking': { type: 'boolean' } },
    }));
  } catch (e) {
    return reportError(new MoodtapeError('invalid-input', (e as Error).message, USAGE), argv.includes('--json'));
  }
  const json = values.json ?? false;
  try {
    const [input] = positionals;
    if (!input) throw new MoodtapeError('invalid-input', 'No picture given.', USAGE);
    if (!existsSync(input)) throw new MoodtapeError('invalid-input', `No such file: ${input}`, 'Check the path.');
    const isImage = IMAGE.has(extname(input).toLowerCase());
    if (values['no-tracking'] && !values['every-frame']) {
      throw new MoodtapeError('invalid-input', '--no-tracking goes with --every-frame.', USAGE);
    }
    if (values['every-frame'] && isImage) throw new MoodtapeError('invalid-input', '--every-frame reads a video, not a picture.', USAGE);
    const pipeline = await loadPipeline(join(assetsDir(), 'models'));
    if (values['every-frame']) return await everyFrame(input, pipeline, { json, tracking: !values['no-tracking'] });
    let detection: Detection;
    if (isImage) {
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

async function readUntilFace(camera: Camera, pipeline: FacePipeline): Promise<Detection> {
  const tracker = pipeline.tracker();
  let last: Detection | null = null;
  for (let i = 0; i < VIDEO_FRAMES && !last?.faces.length; i++) {
    const t0 = performance.now();
    const frame = await camera.read();
    last = await pipeline.analyse(frame, performance.now() - t0, tracker);
    frame.release();
  }
  return last!;
}

/**
 * Every frame of a video in order (no real-time skipping, no looping), through live mode's pipeline
 * with its face tracking, or full-frame detection on each frame with `tracking: false`. One JSON
 * object per frame on its own line, then a summary line.
 */
async function everyFrame(input: string, pipeline: FacePipeline, opts: { json: boolean; tracking: boolean }): Promise<number> {
  const cv = opencv();
  let cap;
  try {
    cap = new cv.VideoCapture(input);
  } catch {
    throw errors.cameraUnavailable(input);
  }
  // A script that has read enough (`| head`) closes the pipe: stop quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
  });
  const tracker = opts.tracking ? pipeline.tracker() : undefined;
  const totals: number[] = [];
  const pipelineMs: number[] = [];
  const emotions: Partial<Record<Emotion, number>> = {};
  let withFace = 0;
  try {
    for (let index = 0; ; index++) {
      const t0 = performance.now();
      const frame = await cap.readAsync();
      if (frame.empty) {
        if (index === 0)
          throw new MoodtapeError('invalid-input', `Cannot read ${input} as a video.`, 'Use a video file OpenCV can read (MP4, AVI, ...).');
        break;
      }
      const d = await pipeline.analyse(frame, performance.now() - t0, tracker);
      frame.release();
      totals.push(d.timings.totalMs);
      pipelineMs.push(d.timings.totalMs - d.timings.captureMs);
      if (d.faces.length) withFace++;
      if (d.emotion) emotions[d.emotion] = (emotions[d.emotion] ?? 0) + 1;
      const detector = tracker?.lastPass ?? 'full';
      if (opts.json) {
        const { faces, emotion, confidence, timings } = d;
        console.log(JSON.stringify({ index, faces, emotion, confidence, timings, detector }));
      } else {
        const what = d.emotion ? `${d.emotion} ${pct(d.confidence)}` : (d.notice?.message.replace(/\.$/, '') ?? 'no face');
        console.log(`frame ${index}: ${what}, ${d.faces.length} face(s), ${d.timings.totalMs} ms (${detector})`);
      }
    }
  } finally {
    cap.release();
  }
  const summary = {
    frames: totals.length,
    framesWithFace: withFace,
    medianTotalMs: quantile(totals, 0.5),
    p95TotalMs: quantile(totals, 0.95),
    /** Without decoding the video (captureMs): frame to emotion. */
    medianPipelineMs: quantile(pipelineMs, 0.5),
    emotions,
    tracking: opts.tracking,
  };
  if (opts.json) console.log(JSON.stringify({ summary }));
  else
    console.log(
      `${summary.frames} frames, a face in ${withFace}; ${opts.tracking ? 'with' : 'without'} tracking: median ${summary.medianTotalMs} ms, p95 ${summary.p95TotalMs} ms a frame (${summary.medianPipelineMs} ms without decoding)`,
    );
  return 0;
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] * 100) / 100;
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
