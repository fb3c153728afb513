import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadPipeline } from '../../src/main/vision/load-pipeline.js';
import { opencv } from '../../src/main/vision/opencv.js';
import type { FacePipeline } from '../../src/main/vision/face-pipeline.js';

const models = join(import.meta.dirname, '../../assets/models');
const frames = join(import.meta.dirname, '../fixtures/frames');
let pipeline: FacePipeline;
const analyse = async (name: string) => pipeline.analyse(await opencv().imreadAsync(join(frames, name)));

beforeAll(async () => {
  pipeline = await loadPipeline(models);
});

describe('face and emotion in a camera picture', () => {
  it('finds the face and reads a smile as happy', async () => {
    const d = await analyse('happy-face.png');
    expect(d.faces).toHaveLength(1);
    expect(d.emotion).toBe('happy');
    expect(d.notice).toBeNull();
    const { x, y, width } = d.faces[0].box;
    // The face was placed at 200,100 with side 240.
    expect(x).toBeGreaterThan(180);
    expect(x + width).toBeLessThan(460);
    expect(y).toBeGreaterThan(80);
    expect(d.timings.detectMs).toBeGreaterThan(0);
  });

  it('finds a face that fills the whole picture (a close-up, a data-set crop)', async () => {
    // A 48x48 FER2013 crop: the cascade only finds it once the picture is framed with a border.
    const crop = join(import.meta.dirname, '../fixtures/faces/happy/PublicTest_10130075.jpg');
    const d = await pipeline.analyse(await opencv().imreadAsync(crop));
    expect(d.faces).toHaveLength(1);
    expect(d.emotion).toBe('happy');
    const { x, y, width, height } = d.faces[0].box;
    // The box lies (mostly) inside the picture, in its own coordinates.
    expect(x).toBeGreaterThan(-8);
    expect(y).toBeGreaterThan(-8);
    expect(x + width).toBeLessThan(56);
    expect(y + height).toBeLessThan(56);
  });

  it('reads the largest of several faces and says there are several', async () => {
    const d = await analyse('two-faces.png');
    expect(d.faces.length).toBe(2);
    expect(d.faces[0].box.width).toBeGreaterThan(d.faces[1].box.width);
    expect(d.emotion).toBe(d.faces[0].emotion);
    expect(d.notice?.code).toBe('several-faces');
  });

  it('says when no face is in view, and when the picture is too dark', async () => {
    const none = await analyse('no-face.png');
    expect(none.faces).toHaveLength(0);
    expect(none.emotion).toBeNull();
    expect(none.notice?.code).toBe('no-face');
    const dark = await analyse('dark.png');
    expect(dark.notice?.code).toBe('dark-frame');
    expect(dark.notice?.hint).toMatch(/light/);
  });
});
