/**
 * A camera: a device index ("0") or a local video file / image sequence OpenCV can read (for demos
 * and tests), never a URL or a device path (OpenCV would fetch or open those). Files loop at their end so a demo video behaves like a camera that keeps running; the
 * file is opened again by its path for that, so a file that is gone by then reads as a lost camera
 * (and a new file put there is what the camera shows once it comes back).
 */
import { statSync } from 'node:fs';
import { errors } from '../core/errors.js';
import { opencv, type Mat } from './opencv.js';
import type * as CV from '@u4/opencv4nodejs';

/** A device number ("0" is the default camera). */
export const isDeviceNumber = (source: string) => /^\d{1,3}$/.test(source);

/** Windows drive paths ("C:\\x.mp4") are files; any other "scheme:" is an address OpenCV would fetch. */
const looksLikeUrl = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && !/^[a-z]:[\\/]/i.test(s);

/** An image sequence's first frame ("frames/%03d.png" -> frames/000.png or frames/001.png). */
function sequenceStart(pattern: string): string | null {
  const m = /%(0?)(\d*)d/.exec(pattern);
  if (!m || pattern.indexOf('%', m.index + 1) !== -1) return null;
  for (const n of [0, 1]) {
    const digits = m[1] ? String(n).padStart(Number(m[2] || 1), '0') : String(n);
    const file = pattern.slice(0, m.index) + digits + pattern.slice(m.index + m[0].length);
    if (isFile(file)) return file;
  }
  return null;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Why a source cannot be a camera, or null: a device number, an existing local file, or an image
 * sequence whose first frame exists. Addresses (http:, rtsp:, file:) and device paths are refused:
 * the page names the camera by number.
 */
export function cameraSourceProblem(source: string): string | null {
  if (isDeviceNumber(source)) return null;
  if (looksLikeUrl(source)) return 'it is an address, not a camera number or a video file on this computer';
  if (/^\/dev\//.test(source) || /^\\\\[.?]\\/.test(source))
    return 'it is a device path: choose the camera by its number (0 is the default camera)';
  if (source.includes('%')) return sequenceStart(source) ? null : 'no image sequence starts there';
  return isFile(source) ? null : 'there is no such video file';
}

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
    const isDevice = isDeviceNumber(source);
    const problem = cameraSourceProblem(source);
    if (problem) throw errors.cameraUnavailable(source, problem);
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
    if (cameraSourceProblem(this.source)) return false;
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
