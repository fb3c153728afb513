/**
 * Live mode's CPU: the share of one core the process uses while live mode runs at its
 * 15 fps cap on a committed 640x480 video as the camera (capture, face tracking, emotion, smoothing,
 * the preview JPEG of every frame), as process CPU time over wall time. Then, on the same frames,
 * what the preview JPEG and the video decoding cost alone (a webcam delivers frames that need less
 * or no decoding, so that part is this benchmark's, not a webcam's).
 *   npm run bench:live-cpu [-- --seconds 60]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findAppRoot } from '../../src/main/core/paths.js';
import { CameraSession } from '../../src/main/vision/camera-session.js';
import { previewFrame } from '../../src/main/vision/frame-preview.js';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import { opencv, type Mat } from '../../src/main/vision/opencv.js';
import type { Detection } from '../../src/shared/contract.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
const seconds = Number(values.seconds);
const root = findAppRoot();
const cv = opencv();
const video = join(root, 'test/fixtures/video/moving-face-640x480.mp4');
const pipeline = await loadPipeline(join(root, 'assets/models'), { threads: 1 });
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? 0;
const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;

let frames = 0;
const detections: Detection[] = [];
const session = new CameraSession(
  async () => pipeline,
  {
    frame: () => frames++,
    detection: (d) => detections.push(d),
    mood: () => {},
    error: (e) => console.error(e.message),
    state: () => {},
  },
  'live',
  video,
);
await session.start();
// A second to settle (first frames, JIT), then the measured window.
await new Promise((r) => setTimeout(r, 1000));
const f0 = frames;
const d0 = detections.length;
const c0 = process.cpuUsage();
const t0 = performance.now();
await new Promise((r) => setTimeout(r, seconds * 1000));
const cpu = cpuMs(process.cpuUsage(c0));
const wall = performance.now() - t0;
const measured = detections.slice(d0);
session.stop();
const fps = ((frames - f0) / wall) * 1000;
console.log(
  `live mode, ${seconds} s at ${fps.toFixed(1)} fps (cap 15): ${((100 * cpu) / wall).toFixed(1)}% of one core (${(cpu / (frames - f0)).toFixed(2)} ms CPU a frame)`,
);
const pipelineMs = measured.map((d) => d.timings.totalMs - d.timings.captureMs);
console.log(
  `  frame to emotion (wall): median ${median(pipelineMs).toFixed(2)} ms; a face in ${measured.filter((d) => d.faces.length).length} of ${measured.length} frames`,
);

// The parts on their own, on the video's frames.
const cap = new cv.VideoCapture(video);
const decoded: Mat[] = [];
const dc = process.cpuUsage();
for (let f = cap.read(); !f.empty; f = cap.read()) decoded.push(f);
const decodeMs = cpuMs(process.cpuUsage(dc)) / decoded.length;
cap.release();
const box = [{ x: 200, y: 100, width: 200, height: 200 }];
for (const f of decoded.slice(0, 10)) await previewFrame(f, box);
const pc = process.cpuUsage();
for (const f of decoded) await previewFrame(f, box);
const previewMs = cpuMs(process.cpuUsage(pc)) / decoded.length;
console.log(
  `  preview JPEG (320 px wide, quality 70): ${previewMs.toFixed(2)} ms CPU each = ${((previewMs * 15) / 10).toFixed(1)}% of one core at 15 fps`,
);
console.log(
  `  decoding the H.264 test video: ${decodeMs.toFixed(2)} ms CPU a frame = ${((decodeMs * 15) / 10).toFixed(1)}% of one core at 15 fps (not a webcam's cost)`,
);
const os = await import('node:os');
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`,
);
decoded.forEach((f) => f.release());
await pipeline.model.dispose();
