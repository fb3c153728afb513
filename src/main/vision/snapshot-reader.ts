/**
 * A snapshot reads several frames, not one: a blink, motion blur or a turned head is enough to miss a
 * face in a single webcam frame. It keeps the frames in which the same face is seen, stops early
 * once a few of them are confident, and answers with their averaged probabilities. Only a window
 * with no face at all is a "no face" (or "too dark") answer.
 */
import { EMOTIONS, type Box, type Detection, type Probabilities } from '../../shared/contract.js';
import { topEmotion } from './emotion-model.js';
import { iou } from './face-tracker.js';

export interface SnapshotOptions {
  /** Longest a snapshot looks for a face. */
  windowMs: number;
  /** Stop early once this many frames show the same face with a confident reading. */
  confidentFrames: number;
  /** A reading is confident from this top-emotion probability. */
  confidence: number;
}

export const DEFAULT_SNAPSHOT: SnapshotOptions = { windowMs: 1500, confidentFrames: 3, confidence: 0.4 };

/** Below this overlap with the face kept so far, a face is someone (or somewhere) else. */
const SAME_FACE_IOU = 0.3;

export class SnapshotReader {
  private used: Detection[] = [];
  private last: Detection | null = null;
  private face: Box | null = null;
  private confident = 0;
  private readonly deadline: number;

  constructor(
    private readonly opts: SnapshotOptions = DEFAULT_SNAPSHOT,
    now = performance.now(),
  ) {
    this.deadline = now + opts.windowMs;
  }

  /** Feeds one frame's reading; true when it was kept (its preview is the one to show). */
  add(d: Detection): boolean {
    this.last = d;
    const main = d.faces[0];
    if (!main || !d.probabilities) return false;
    if (this.face && iou(this.face, main.box) < SAME_FACE_IOU) {
      // Another face than the one kept so far: a larger one wins (it is nearer), as in one frame.
      if (main.box.width * main.box.height <= this.face.width * this.face.height) return false;
      this.used = [];
      this.confident = 0;
    }
    this.face = main.box;
    this.used.push(d);
    if (d.confidence >= this.opts.confidence) this.confident++;
    return true;
  }

  /** Enough confident frames, or the window is over. */
  done(now = performance.now()): boolean {
    return this.confident >= this.opts.confidentFrames || now >= this.deadline;
  }

  /** Frames kept so far. */
  get frames(): number {
    return this.used.length;
  }

  /**
   * The answer: the last kept frame with the probabilities averaged over every kept frame, or, with
   * no face in the window, the last frame read (its notice says why). Null before any frame.
   */
  result(): Detection | null {
    if (this.used.length === 0) return this.last;
    const avg = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Probabilities;
    for (const d of this.used) for (const e of EMOTIONS) avg[e] += d.probabilities![e] / this.used.length;
    const top = topEmotion(avg);
    const base = this.used[this.used.length - 1];
    const [main, ...others] = base.faces;
    return {
      ...base,
      faces: [{ ...main, probabilities: avg, ...top }, ...others],
      emotion: top.emotion,
      confidence: top.confidence,
      probabilities: avg,
    };
  }
}
