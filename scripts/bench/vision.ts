/**
 * Vision speed on this machine: classifier latency per face on one thread, each pipeline stage on
 * camera-sized frames, live-mode frame rate from a video camera, and memory over many frames.
 *   npm run bench:vision [-- --frames N]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findAppRoot } from '../../src/main/core/paths.js';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import { opencv } from '../../src/main/vision/opencv.js';
import { CameraSession } from '../../src/main/vision/camera-session.js';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '300' }, seconds: { type: 'string', default: '10' } } });
const N = Number(values.frames);
const root = findAppRoot();
const models = join(root, 'assets/models');
const cv = opencv();

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const p95 = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length * 0.95)];
const ms = (x: number) => `${x.toFixed(2)} ms`;

const t0 = performance.now();
const pipeline = await loadPipeline(models, { threads: 1 });
console.log(`model load: ${ms(performance.now() - t0)} (${pipeline.model.spec.name} ${pipeline.model.spec.version})`);

// 1. Classifier alone, one face, one thread (the latency budget is 3 ms per face on one core).
const { width, height, channels } = pipeline.model.spec.input;
const face = new Float32Array(width * height * channels).map(() => Math.random() - 0.5);
for (let i = 0; i < 20; i++) await pipeline.model.classify(face, 1);
const cls: number[] = [];
for (let i = 0; i < N; i++) {
  const s = performance.now();
  await pipeline.model.classify(face, 1);
  cls.push(performance.now() - s);
}
console.log(`classifier, 1 face, 1 thread (flip averaging included): median ${ms(median(cls))}, p95 ${ms(p95(cls))}`);

// 2. Whole pipeline on camera-sized frames.
const base = await cv.imreadAsync(join(root, 'test/fixtures/frames/happy-face.png'));
for (const [w, h] of [
  [640, 480],
  [1280, 720],
]) {
  const frame = await base.resizeAsync(h, w);
  for (let i = 0; i < 5; i++) await pipeline.analyse(frame);
  const det: number[] = [];
  const cl: number[] = [];
  const tot: number[] = [];
  for (let i = 0; i < Math.min(N, 200); i++) {
    const d = await pipeline.analyse(frame);
    det.push(d.timings.detectMs);
    cl.push(d.timings.classifyMs);
    tot.push(d.timings.totalMs);
  }
  console.log(
    `pipeline ${w}x${h}: detect ${ms(median(det))}, crop+classify ${ms(median(cl))}, total ${ms(median(tot))} (p95 ${ms(p95(tot))}) => up to ${(1000 / median(tot)).toFixed(0)} fps`,
  );
}

// 3. Live mode end to end from a video camera (capture, pipeline, preview JPEG, smoothing), and memory.
let frames = 0;
const session = new CameraSession(
  async () => pipeline,
  { frame: () => frames++, detection: () => {}, mood: () => {}, error: (e) => console.error(e.message), state: () => {} },
  'live',
  join(root, 'test/fixtures/video/happy-then-sad.mp4'),
);
const mib = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const rss: string[] = [mib()];
await session.start();
const seconds = Number(values.seconds);
for (let t = 0; t < seconds; t += 10) {
  await new Promise((r) => setTimeout(r, Math.min(10, seconds - t) * 1000));
  rss.push(mib());
}
session.stop();
console.log(
  `live mode: ${(frames / seconds).toFixed(1)} frames per second over ${seconds} s (capped at 15 by design); RSS every 10 s: ${rss.join(' -> ')} MiB`,
);
await pipeline.model.dispose();
