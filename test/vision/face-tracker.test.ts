import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import { opencv, type Mat } from '../../src/main/vision/opencv.js';
import type { FacePipeline } from '../../src/main/vision/face-pipeline.js';
import type { Detection } from '../../src/shared/contract.js';

const models = join(import.meta.dirname, '../../assets/models');
const videos = join(import.meta.dirname, '../fixtures/video');
const labels = JSON.parse(readFileSync(join(videos, 'moving-face.json'), 'utf8')) as {
  fps: number;
  segments: { from: number; to: number; emotion: string | null }[];
};
let pipeline: FacePipeline;
let frames: Mat[];

beforeAll(async () => {
  pipeline = await loadPipeline(models);
  const cap = new (opencv().VideoCapture)(join(videos, 'moving-face-640x480.mp4'));
  frames = [];
  for (let f = cap.read(); !f.empty; f = cap.read()) frames.push(f);
  cap.release();
});

const labelAt = (i: number) => labels.segments.find((s) => i / labels.fps >= s.from && i / labels.fps < s.to)!.emotion;
const centreX = (d: Detection) => d.faces[0].box.x + d.faces[0].box.width / 2;

describe('face tracking on a video', () => {
  it('follows a face that moves across the frame, mostly without the full-frame search', async () => {
    const tracker = pipeline.tracker();
    const seen: Detection[] = [];
    let tracked = 0;
    for (const f of frames.slice(0, 45)) {
      seen.push(await pipeline.analyse(f, 0, tracker));
      if (tracker.lastPass === 'tracked') tracked++;
    }
    expect(seen.every((d) => d.faces.length === 1 && d.emotion === 'happy')).toBe(true);
    // The face crosses from x = 32 to x = 384 (side 202 px) in 3 s: the box goes with it.
    const side = 0.42 * 480;
    for (const i of [2, 22, 42]) {
      const expected = 0.05 * 640 + (0.55 * 640 * i) / 45 + side / 2;
      expect(Math.abs(centreX(seen[i]) - expected)).toBeLessThan(0.15 * side);
    }
    expect(tracked).toBeGreaterThan(35);
  }, 60_000);

  it('loses the face in a gap with no face, and finds the next one right after', async () => {
    const tracker = pipeline.tracker();
    const found: boolean[] = [];
    const emotions: (string | null)[] = [];
    for (const f of frames) {
      const d = await pipeline.analyse(f, 0, tracker);
      found.push(d.faces.length > 0);
      emotions.push(d.emotion);
    }
    const gap = frames.map((_, i) => i).filter((i) => labelAt(i) === null);
    expect(gap.every((i) => !found[i])).toBe(true);
    const after = gap.at(-1)! + 1;
    // At most one frame after the gap without the face (the cut may land mid-frame).
    expect(found.slice(after + 1, after + 45).every(Boolean)).toBe(true);
    expect(emotions.slice(after + 1, after + 45).every((e) => e === 'sad')).toBe(true);
  }, 60_000);

  it('finds a face in at least as many frames as the full-frame search', async () => {
    const tracker = pipeline.tracker();
    let withTracking = 0;
    let fullFrame = 0;
    let agree = 0;
    // The moving face, the gap and the next face: 90 frames (the full-frame search is the slow part).
    const some = frames.slice(0, 90);
    for (const f of some) {
      const a = await pipeline.analyse(f, 0, tracker);
      const b = await pipeline.analyse(f);
      if (a.faces.length) withTracking++;
      if (b.faces.length) fullFrame++;
      if (a.emotion === b.emotion) agree++;
    }
    expect(withTracking).toBeGreaterThanOrEqual(fullFrame);
    expect(agree).toBeGreaterThanOrEqual(some.length - 3);
  }, 120_000);
});
