/**
 * Face tracking for a stream of frames (live mode, multi-frame snapshots, `detect --every-frame`).
 * After a full-frame detection, each face is looked for only in a small region around its last box
 * (FaceDetector.detectNear), which costs a fraction of the full cascade. The full frame is searched
 * again every `refreshEvery` frames (new faces, a second person), at once when the main face is not
 * found near its box, and on the next frame when its region match is weak. Shown boxes are smoothed
 * so the face crop does not jitter from frame to frame.
 */
import type { Box } from '../../shared/contract.js';
import { DEFAULT_NEAR_SEARCH, type FaceDetector, type NearSearch } from './face-detector.js';
import type { Mat } from './opencv.js';

export interface TrackerOptions {
  /** Full-frame search at least this often (frames). */
  refreshEvery: number;
  /** A region match with fewer cascade neighbours than this asks for a full-frame search next frame. */
  confidentNeighbours: number;
  /** How far the shown box moves toward a new detection per frame (1: no smoothing). */
  smoothing: number;
  /** Faces followed at once (the largest). */
  maxFaces: number;
  /** How the region around each face is searched. */
  search: NearSearch;
}

/** 15 frames: once a second at live mode's rate, so a new face shows up within a second. */
export const DEFAULT_TRACKING: TrackerOptions = {
  refreshEvery: 15,
  confidentNeighbours: 3,
  smoothing: 0.6,
  maxFaces: 4,
  search: DEFAULT_NEAR_SEARCH,
};

/** Which search the last frame used. */
export type DetectorPass = 'full' | 'tracked';

interface Track {
  /** The last detection: where the next region is centred. */
  raw: Box;
  /** The smoothed box: what is cropped and shown. */
  shown: Box;
}

/** Frames without a face: every this many, the full-frame search also looks with a border. */
const FRAMED_RETRY_EVERY = 5;

/** Below this overlap a detection is a jump (another face, a fast turn): no smoothing across it. */
const JUMP_IOU = 0.4;

export class FaceTracker {
  private tracks: Track[] = [];
  private sinceFull = 0;
  private refreshNext = true;
  private emptyFrames = 0;
  lastPass: DetectorPass = 'full';

  constructor(
    private readonly detector: FaceDetector,
    private readonly opts: TrackerOptions = DEFAULT_TRACKING,
  ) {}

  /** Forget the faces (a new source, a pause): the next frame is searched whole. */
  reset(): void {
    this.tracks = [];
    this.refreshNext = true;
  }

  /** Boxes in `frame` (BGR or grey), largest first. `gray` gives the whole grey frame when needed. */
  async detect(frame: Mat, gray: () => Promise<Mat>): Promise<Box[]> {
    if (this.tracks.length > 0 && !this.refreshNext && this.sinceFull < this.opts.refreshEvery) {
      const followed = this.follow(frame);
      if (followed) {
        this.sinceFull++;
        this.lastPass = 'tracked';
        return followed;
      }
    }
    // With nobody in view every frame is searched whole; the second look with a border (for a face
    // that fills the picture) only every few of those frames, or an empty room costs two searches a frame.
    const framedRetry = this.emptyFrames % FRAMED_RETRY_EVERY === 0;
    const boxes = (await this.detector.detect(await gray(), { framedRetry })).slice(0, this.opts.maxFaces);
    this.emptyFrames = boxes.length ? 0 : this.emptyFrames + 1;
    this.sinceFull = 0;
    this.refreshNext = false;
    this.lastPass = 'full';
    const previous = this.tracks;
    this.tracks = boxes.map((b) => {
      const match = previous.find((t) => iou(t.shown, b) >= JUMP_IOU);
      return { raw: b, shown: match ? this.smooth(match.shown, b) : b };
    });
    return this.shownBoxes();
  }

  /** Each face near its last box; null when the main (largest) face is not there. */
  private follow(frame: Mat): Box[] | null {
    const next: Track[] = [];
    let weak = false;
    for (let i = 0; i < this.tracks.length; i++) {
      const t = this.tracks[i];
      const found = this.detector.detectNear(frame, t.raw, this.opts.search);
      // The region may hold a neighbouring face: take the candidate closest to the last box.
      const best = found.sort((a, b) => centreDistance(a.box, t.raw) - centreDistance(b.box, t.raw))[0];
      if (!best) {
        if (i === 0) return null;
        continue;
      }
      if (best.neighbours < this.opts.confidentNeighbours) weak = true;
      next.push({ raw: best.box, shown: iou(t.shown, best.box) >= JUMP_IOU ? this.smooth(t.shown, best.box) : best.box });
    }
    this.tracks = next;
    this.refreshNext = weak;
    return this.shownBoxes();
  }

  private smooth(from: Box, to: Box): Box {
    const a = this.opts.smoothing;
    const mix = (p: number, q: number) => Math.round(p + a * (q - p));
    return { x: mix(from.x, to.x), y: mix(from.y, to.y), width: mix(from.width, to.width), height: mix(from.height, to.height) };
  }

  /** Largest first, the tracks too: the first track is the main face. */
  private shownBoxes(): Box[] {
    this.tracks.sort((a, b) => b.shown.width * b.shown.height - a.shown.width * a.shown.height);
    return this.tracks.map((t) => t.shown);
  }
}

export function iou(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / (a.width * a.height + b.width * b.height - inter);
}

function centreDistance(a: Box, b: Box): number {
  return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
}
