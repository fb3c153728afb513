/** Frontal-face Haar cascade on a downscaled, equalised grey frame. Largest face first. */
import { existsSync } from 'node:fs';
import type { Box } from '../../shared/contract.js';
import { errors } from '../core/errors.js';
import { opencv, type Mat } from './opencv.js';
import type * as CV from '@u4/opencv4nodejs';

/** Haar runs on at most this width: plenty for a face at laptop distance, and 10-20x faster than full HD. */
const DETECT_WIDTH = 360;
/** The smallest face looked for, as a fraction of the picture's shorter side: someone at the computer, not across the room. */
const MIN_FACE = 0.12;
/** Tiny pictures (dataset crops) are enlarged first: the cascade's smallest window is 24 px. */
const MIN_WIDTH = 160;
/**
 * When nothing is found, look again with a border of this fraction of the shorter side around the picture:
 * a face that fills the picture (a close-up, a data-set crop) leaves the cascade no room for its window.
 * On FER2013 crops this finds a face in 76% of pictures instead of 54%.
 */
const RETRY_BORDER = 0.25;

export class FaceDetector {
  private readonly classifier: CV.CascadeClassifier;

  constructor(cascadePath: string) {
    if (!existsSync(cascadePath)) throw errors.modelMissing(cascadePath);
    const cv = opencv();
    try {
      this.classifier = new cv.CascadeClassifier(cascadePath);
    } catch (e) {
      throw errors.modelCorrupt(cascadePath, (e as Error).message);
    }
  }

  /** `gray` is the full-resolution grey frame; boxes come back in its coordinates, largest first. */
  async detect(gray: Mat): Promise<Box[]> {
    const found = await this.detectOnce(gray);
    if (found.length > 0) return found;
    const cv = opencv();
    const p = Math.max(1, Math.round(Math.min(gray.rows, gray.cols) * RETRY_BORDER));
    const framed = await gray.copyMakeBorderAsync(p, p, p, p, cv.BORDER_REPLICATE);
    const boxes = await this.detectOnce(framed);
    framed.release();
    return boxes.map((b) => ({ ...b, x: b.x - p, y: b.y - p }));
  }

  private async detectOnce(gray: Mat): Promise<Box[]> {
    const cv = opencv();
    const target = Math.min(DETECT_WIDTH, Math.max(MIN_WIDTH, gray.cols));
    const scale = target / gray.cols;
    const small =
      scale === 1 ? gray : await gray.resizeAsync(Math.round(gray.rows * scale), target, 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_LINEAR);
    const eq = await small.equalizeHistAsync();
    const minSide = Math.max(24, Math.round(Math.min(small.rows, small.cols) * MIN_FACE));
    const { objects } = await this.classifier.detectMultiScaleAsync(eq, 1.1, 5, 0, new cv.Size(minSide, minSide));
    eq.release();
    if (small !== gray) small.release();
    return objects
      .map((r) => ({ x: r.x / scale, y: r.y / scale, width: r.width / scale, height: r.height / scale }))
      .map((b) => ({ x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) }))
      .sort((a, b) => b.width * b.height - a.width * a.height);
  }
}
