/**
 * Frontal-face Haar cascade on a downscaled, equalised grey frame (largest face first), and the
 * same cascade on a small region around a face already found (face tracking, face-tracker.ts).
 */
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

/**
 * Tracking: the region searched is the last box grown by `margin` of its side on each side (room
 * for a face that moves half its width between two frames), resized so that the face is `face` px
 * wide, and searched only for windows of `min`x to `max`x that face. The cost of the cascade grows
 * with the windows it evaluates near a face, so the face is made small (the cascade's window is
 * 24 px) and the scale steps coarse; docs/realtime-vision.md has the measurements behind the numbers.
 */
export interface NearSearch {
  margin: number;
  face: number;
  min: number;
  max: number;
  scaleFactor: number;
  minNeighbours: number;
}

export const DEFAULT_NEAR_SEARCH: NearSearch = { margin: 0.5, face: 32, min: 0.75, max: 1.45, scaleFactor: 1.08, minNeighbours: 2 };

/** A face found near a tracked one, with the cascade's neighbour count (its confidence). */
export interface NearbyFace {
  box: Box;
  neighbours: number;
}

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

  /**
   * `gray` is the full-resolution grey frame; boxes come back in its coordinates, largest first.
   * `framedRetry: false` skips the second look with a border (it doubles the cost of an empty frame).
   */
  async detect(gray: Mat, opts: { framedRetry?: boolean } = {}): Promise<Box[]> {
    const found = await this.detectOnce(gray);
    if (found.length > 0 || opts.framedRetry === false) return found;
    const cv = opencv();
    const p = Math.max(1, Math.round(Math.min(gray.rows, gray.cols) * RETRY_BORDER));
    const framed = await gray.copyMakeBorderAsync(p, p, p, p, cv.BORDER_REPLICATE);
    const boxes = await this.detectOnce(framed);
    framed.release();
    return boxes.map((b) => ({ ...b, x: b.x - p, y: b.y - p }));
  }

  /**
   * Faces of about the size of `around` near it, in `image` (grey or BGR) coordinates, most
   * neighbours first. Synchronous on purpose: the region is a few thousand pixels, less work than
   * handing it to a worker thread and back.
   */
  detectNear(image: Mat, around: Box, search: NearSearch = DEFAULT_NEAR_SEARCH): NearbyFace[] {
    const cv = opencv();
    const m = search.margin * Math.max(around.width, around.height);
    const x0 = Math.max(0, Math.floor(around.x - m));
    const y0 = Math.max(0, Math.floor(around.y - m));
    const x1 = Math.min(image.cols, Math.ceil(around.x + around.width + m));
    const y1 = Math.min(image.rows, Math.ceil(around.y + around.height + m));
    const scale = search.face / Math.max(1, around.width);
    const w = Math.round((x1 - x0) * scale);
    const h = Math.round((y1 - y0) * scale);
    const min = Math.max(24, Math.round(search.face * search.min));
    const max = Math.round(search.face * search.max);
    if (w < min || h < min) return [];
    const region = image.getRegion(new cv.Rect(x0, y0, x1 - x0, y1 - y0));
    const small = region.resize(h, w, 0, 0, scale < 1 ? cv.INTER_AREA : cv.INTER_LINEAR);
    const grey = small.channels === 1 ? small : small.bgrToGray();
    const eq = grey.equalizeHist();
    const { objects, numDetections } = this.classifier.detectMultiScale(
      eq,
      search.scaleFactor,
      search.minNeighbours,
      0,
      new cv.Size(min, min),
      new cv.Size(max, max),
    );
    eq.release();
    if (grey !== small) grey.release();
    small.release();
    return objects
      .map((r, i) => ({
        box: {
          x: Math.round(x0 + r.x / scale),
          y: Math.round(y0 + r.y / scale),
          width: Math.round(r.width / scale),
          height: Math.round(r.height / scale),
        },
        neighbours: numDetections[i] ?? 0,
      }))
      .sort((a, b) => b.neighbours - a.neighbours);
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
