/** Frame -> faces -> emotions: the whole vision pipeline for one picture, with per-stage timings. */
import type { AppError, Detection, FaceEmotion } from '../../shared/contract.js';
import { errors } from '../core/errors.js';
import { type EmotionModel, topEmotion } from './emotion-model.js';
import { writeFaceTensor } from './face-crop.js';
import { type FaceDetector } from './face-detector.js';
import { DEFAULT_TRACKING, FaceTracker, type TrackerOptions } from './face-tracker.js';
import type { Mat } from './opencv.js';

/** Mean grey level under which a frame is too dark for the detector (0..255). */
const DARK_LEVEL = 35;
/** Faces classified per frame: the largest few are enough and keep latency flat in crowds. */
const MAX_FACES = 4;

/**
 * The per-frame notices, made once: a camera without a face in view would otherwise build an
 * Error (and its stack trace) on every frame. Each Detection gets its own copy.
 */
let NO_FACE: AppError | null = null;
let DARK: AppError | null = null;
const SEVERAL = new Map<number, AppError>();

export class FacePipeline {
  constructor(
    readonly detector: FaceDetector,
    readonly model: EmotionModel,
  ) {}

  /** A tracker for one stream of frames (pass it to every `analyse` of that stream). */
  tracker(opts?: Partial<TrackerOptions>): FaceTracker {
    return new FaceTracker(this.detector, { ...DEFAULT_TRACKING, ...opts });
  }

  /** One frame; with a tracker, faces are followed from the previous frames of its stream. */
  async analyse(frame: Mat, captureMs = 0, tracker?: FaceTracker): Promise<Detection> {
    const t0 = performance.now();
    let gray: Mat | null = frame.channels === 1 ? frame : null;
    const grey = async () => (gray ??= await frame.bgrToGrayAsync());
    const boxes = tracker ? await tracker.detect(frame, grey) : (await this.detector.detect(await grey())).slice(0, MAX_FACES);
    const t1 = performance.now();
    const spec = this.model.spec;
    // A tracked frame has no whole grey copy: each face is cut from the colour frame and made grey.
    const src = spec.input.channels === 1 && gray ? gray : frame;
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
    let notice: AppError | null = null;
    if (!main) {
      const level = (await grey()).mean().w ?? 0;
      const brightness = typeof level === 'number' ? level : 0;
      notice = brightness < DARK_LEVEL ? { ...(DARK ??= errors.darkFrame().toJSON()) } : { ...(NO_FACE ??= errors.noFace().toJSON()) };
    } else if (faces.length > 1) {
      const n = faces.length;
      if (!SEVERAL.has(n)) SEVERAL.set(n, errors.severalFaces(n).toJSON());
      notice = { ...SEVERAL.get(n)! };
    }
    if (gray && gray !== frame) (gray as Mat).release();
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
