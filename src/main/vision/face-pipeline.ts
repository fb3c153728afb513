/** Frame -> faces -> emotions: the whole vision pipeline for one picture, with per-stage timings. */
import type { Detection, FaceEmotion } from '../../shared/contract.js';
import { errors } from '../core/errors.js';
import { type EmotionModel, topEmotion } from './emotion-model.js';
import { writeFaceTensor } from './face-crop.js';
import { type FaceDetector } from './face-detector.js';
import { opencv, type Mat } from './opencv.js';

/** Mean grey level under which a frame is too dark for the detector (0..255). */
const DARK_LEVEL = 35;
/** Faces classified per frame: the largest few are enough and keep latency flat in crowds. */
const MAX_FACES = 4;

export class FacePipeline {
  constructor(
    readonly detector: FaceDetector,
    readonly model: EmotionModel,
  ) {}

  async analyse(frame: Mat, captureMs = 0): Promise<Detection> {
    const cv = opencv();
    const t0 = performance.now();
    const gray = frame.channels === 1 ? frame : await frame.bgrToGrayAsync();
    const boxes = (await this.detector.detect(gray)).slice(0, MAX_FACES);
    const t1 = performance.now();
    const spec = this.model.spec;
    const src = spec.input.channels === 1 ? gray : frame;
    const per = spec.input.channels * spec.input.width * spec.input.height;
    let faces: FaceEmotion[] = [];
    if (boxes.length > 0) {
      const batch = new Float32Array(per * boxes.length);
      for (let i = 0; i < boxes.length; i++) await writeFaceTensor(src, boxes[i], spec, batch, i * per);
      const probs = await this.model.classify(batch, boxes.length);
      faces = boxes.map((box, i) => ({ box, probabilities: probs[i], ...topEmotion(probs[i]) }));
    }
    const t2 = performance.now();
    const main = faces[0] ?? null;
    let notice = null;
    if (!main) {
      const level = gray.mean().w ?? 0;
      const brightness = typeof level === 'number' ? level : 0;
      notice = (brightness < DARK_LEVEL ? errors.darkFrame() : errors.noFace()).toJSON();
    } else if (faces.length > 1) {
      notice = errors.severalFaces(faces.length).toJSON();
    }
    void cv;
    if (gray !== frame) gray.release();
    return {
      faces,
      emotion: main?.emotion ?? null,
      confidence: main?.confidence ?? 0,
      probabilities: main?.probabilities ?? null,
      frame: { width: frame.cols, height: frame.rows },
      timings: {
        captureMs: round(captureMs),
        detectMs: round(t1 - t0),
        classifyMs: round(t2 - t1),
        totalMs: round(captureMs + t2 - t0),
      },
      notice,
    };
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;
