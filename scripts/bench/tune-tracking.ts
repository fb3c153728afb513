/**
 * How the tracking search was tuned (numbers in docs/realtime-vision.md): each setting of the region
 * search (face size in the region, scale factor, window range, min neighbours) runs the tracker over
 * every frame of both committed moving-face videos; printed: median CPU ms of the region search per
 * tracked frame, frames that fell back to the full-frame search, frames with a face (of those whose
 * segment has one), and the mean distance of the box centre from the full-frame box (px).
 *   node scripts/bench-tune-tracking.mjs
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAppRoot } from '../../src/main/core/paths.js';
import { DEFAULT_NEAR_SEARCH, type NearSearch } from '../../src/main/vision/face-detector.js';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import { opencv, type Mat } from '../../src/main/vision/opencv.js';
import type { Box } from '../../src/shared/contract.js';

const root = findAppRoot();
const cv = opencv();
const videos = join(root, 'test/fixtures/video');
const labels = JSON.parse(readFileSync(join(videos, 'moving-face.json'), 'utf8')) as {
  fps: number;
  segments: { from: number; to: number; emotion: string | null }[];
};
const hasFace = (i: number) => labels.segments.some((s) => i / labels.fps >= s.from && i / labels.fps < s.to && s.emotion);
const pipeline = await loadPipeline(join(root, 'assets/models'));
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
const centre = (b: Box) => [b.x + b.width / 2, b.y + b.height / 2];

const clips: { frames: Mat[]; truth: (Box | null)[] }[] = [];
for (const file of ['moving-face-640x480.mp4', 'moving-face-1280x720.mp4']) {
  const cap = new cv.VideoCapture(join(videos, file));
  const frames: Mat[] = [];
  for (let f = cap.read(); !f.empty; f = cap.read()) frames.push(f);
  // Reference boxes: the full-frame cascade on every frame.
  const truth: (Box | null)[] = [];
  for (const f of frames) truth.push((await pipeline.detector.detect(f.bgrToGray()))[0] ?? null);
  clips.push({ frames, truth });
}

/** Region-search settings (the rest as DEFAULT_NEAR_SEARCH); `confident`: the tracker's confidentNeighbours. */
const settings: (Partial<NearSearch> & { confident?: number })[] = [
  { face: 40, min: 0.7, scaleFactor: 1.08 },
  { face: 40, min: 0.7, scaleFactor: 1.15 },
  { face: 40, min: 0.7, scaleFactor: 1.2 },
  { face: 32, scaleFactor: 1.08 },
  { face: 32, scaleFactor: 1.15 },
  { face: 32, scaleFactor: 1.2 },
  { face: 28, min: 0.86, max: 1.4, scaleFactor: 1.1 },
  { face: 28, min: 0.86, max: 1.4, scaleFactor: 1.2 },
  { face: 32, scaleFactor: 1.08, margin: 0.35 },
  { face: 32, scaleFactor: 1.08, minNeighbours: 1 },
  { face: 32, scaleFactor: 1.08, minNeighbours: 3 },
  { face: 32, scaleFactor: 1.08, confident: 2 },
];
console.log('setting | search CPU ms (median) | full-frame searches with a face in view | face frames | centre error px');
for (const s of settings) {
  const { confident, ...rest } = s;
  const search = { ...DEFAULT_NEAR_SEARCH, ...rest };
  const cpu: number[] = [];
  let fallbacks = 0;
  let found = 0;
  let faceFrames = 0;
  const err: number[] = [];
  for (const clip of clips) {
    const tracker = pipeline.tracker({ search, ...(confident ? { confidentNeighbours: confident } : {}) });
    for (let i = 0; i < clip.frames.length; i++) {
      const f = clip.frames[i];
      const c0 = process.cpuUsage();
      const boxes = await tracker.detect(f, async () => f.bgrToGray());
      const c = process.cpuUsage(c0);
      if (tracker.lastPass === 'tracked') cpu.push((c.user + c.system) / 1000);
      else if (i > 0 && hasFace(i) && hasFace(i - 1)) fallbacks++; // refreshes every 15 frames included
      if (hasFace(i)) faceFrames++;
      if (hasFace(i) && boxes.length) found++;
      const t = clip.truth[i];
      if (t && boxes[0]) {
        const [ax, ay] = centre(t);
        const [bx, by] = centre(boxes[0]);
        err.push(Math.hypot(ax - bx, ay - by));
      }
    }
  }
  const mean = err.reduce((a, b) => a + b, 0) / Math.max(1, err.length);
  console.log(`${JSON.stringify(s)} | ${median(cpu).toFixed(2)} | ${fallbacks} | ${found}/${faceFrames} | ${mean.toFixed(1)}`);
}
await pipeline.model.dispose();
