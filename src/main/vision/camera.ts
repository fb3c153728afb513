/**
 * A camera: a device index ("0") or any video file / image sequence OpenCV can read (for demos and
 * tests). Files loop at their end so a demo video behaves like a camera that keeps running; the
 * file is opened again by its path for that, so a file that is gone by then reads as a lost camera
 * (and a new file put there is what the camera shows once it comes back).
 */
import { existsSync } from 'node:fs';
import { errors } from '../core/errors.js';
import { opencv, type Mat } from './opencv.js';
import type * as CV from '@u4/opencv4nodejs';

/** At most this many frames are dropped per read to catch up with a video file's own clock. */
const MAX_CATCH_UP = 30;

export class Camera {
  private frames = 0;
  /** Video files: wall-clock start and frames consumed, so the file plays in real time like a camera. */
  private clockStart = 0;
  private consumed = 0;
  private constructor(
    readonly source: string,
    private cap: CV.VideoCapture | null,
    readonly isDevice: boolean,
    /** Frames per second the source delivers (files: their own rate). */
    readonly fps: number,
  ) {}

  static open(source: string): Camera {
    const cv = opencv();
    const isDevice = /^\d+$/.test(source);
    // A sequence pattern like frames/%03d.png does not exist as a file itself.
    if (!isDevice && !source.includes('%') && !existsSync(source)) throw errors.cameraUnavailable(source);
    let cap: CV.VideoCapture;
    try {
      cap = new cv.VideoCapture(isDevice ? Number(source) : source);
    } catch {
      throw errors.cameraUnavailable(source);
    }
    const reported = cap.get(cv.CAP_PROP_FPS);
    const fps = Number.isFinite(reported) && reported >= 1 && reported <= 120 ? reported : 30;
    return new Camera(source, cap, isDevice, fps);
  }

  /** Whether a picture came already (a first read may be slow). */
  get started(): boolean {
    return this.frames > 0;
  }

  /** Next frame (BGR). Throws camera-busy when the first read fails, camera-lost later. */
  async read(): Promise<Mat> {
    if (!this.isDevice) await this.catchUp();
    if (!this.cap) throw errors.cameraLost();
    let frame = await this.cap.readAsync();
    this.consumed++;
    if (frame.empty && !this.isDevice && this.frames > 0 && this.reopen()) {
      // End of a video file: start again, like a camera that keeps running.
      frame = await this.cap!.readAsync();
      this.clockStart = performance.now();
      this.consumed = 1;
    }
    if (frame.empty) {
      const first = this.frames === 0;
      this.release();
      throw first ? (this.isDevice ? errors.cameraBusy(this.source) : errors.cameraUnavailable(this.source)) : errors.cameraLost();
    }
    this.frames++;
    return frame;
  }

  /**
   * A camera delivers the latest picture, not a backlog: when analysis is slower than the video's
   * frame rate, skip the frames that are already in the past (tests and demos then see the same
   * moments in time whatever the machine's speed).
   */
  private async catchUp(): Promise<void> {
    const now = performance.now();
    if (this.consumed === 0) this.clockStart = now;
    const due = Math.floor(((now - this.clockStart) / 1000) * this.fps);
    const behind = Math.min(due - this.consumed, MAX_CATCH_UP);
    for (let i = 0; i < behind && this.cap; i++) {
      const skipped = await this.cap.readAsync();
      if (skipped.empty) {
        // Wrapped around: restart the file and its clock (read() says so if it is gone).
        this.reopen();
        this.clockStart = performance.now();
        this.consumed = 0;
        return;
      }
      this.consumed++;
    }
  }

  /** Opens the file again from its start; false (and released) when it cannot be opened any more. */
  private reopen(): boolean {
    this.cap?.release();
    this.cap = null;
    if (!this.source.includes('%') && !existsSync(this.source)) return false;
    try {
      this.cap = new (opencv().VideoCapture)(this.source);
      return true;
    } catch {
      return false;
    }
  }

  release(): void {
    this.cap?.release();
    this.cap = null;
  }
}
