/**
 * The camera while it is on: reads frames, runs the pipeline (with face tracking), streams a preview
 * and, in live mode, smoothed moods. A snapshot reads frames for up to about 1.5 s (snapshot-reader.ts);
 * without the camera on it opens it for that and releases it. A camera that stops sending pictures
 * while on (unplugged, taken by another app, a video file gone) is reported at once and opened again
 * with backoff until it comes back; then the session carries on by itself.
 */
import type { AppError, CameraState, Detection, DetectionMode, Frame } from '../../shared/contract.js';
import { MoodtapeError, toAppError } from '../core/errors.js';
import { Camera } from './camera.js';
import type { FacePipeline } from './face-pipeline.js';
import type { FaceTracker } from './face-tracker.js';
import { previewFrame } from './frame-preview.js';
import { MoodSmoother, type SmoothedMood } from './mood-smoother.js';
import type { Mat } from './opencv.js';
import { DEFAULT_SNAPSHOT, SnapshotReader, type SnapshotOptions } from './snapshot-reader.js';

export interface CameraSessionEvents {
  /** A preview; in live mode it carries its frame's reading. */
  frame(f: Frame): void;
  mood(m: SmoothedMood, d: Detection): void;
  error(e: AppError): void;
  state(s: CameraState): void;
}

export interface CameraSessionOptions {
  snapshot: SnapshotOptions;
  /** A read that takes longer than this is a stalled camera. */
  stallMs: number;
  /** Waits between attempts to open a lost camera again (the last one repeats). */
  retryMs: number[];
}

export const DEFAULT_SESSION: CameraSessionOptions = {
  snapshot: DEFAULT_SNAPSHOT,
  stallMs: 2500,
  retryMs: [250, 500, 1000, 2000, 4000],
};

/** Live analysis rate: 15 fps is smooth enough for moods and leaves CPU for the music. */
const MAX_FPS = 15;
/** Webcams need a few frames to settle exposure before a snapshot is worth reading. */
const DEVICE_WARMUP_FRAMES = 5;
/** Codes of a camera that may come back by itself (as opposed to a source that cannot be a camera). */
const TRANSIENT = new Set(['camera-lost', 'camera-busy']);
/** A camera's first picture may take a while (a webcam powering up): a stall only after this long. */
const FIRST_FRAME_MS = 10_000;

interface Collector {
  reader: SnapshotReader;
  used: Frame | null;
  resolve(d: Detection): void;
  reject(e: unknown): void;
}

export class CameraSession {
  private camera: Camera | null = null;
  private generation = 0;
  private reconnecting = false;
  private readonly smoother = new MoodSmoother();
  private collectors: Collector[] = [];
  private readonly opts: CameraSessionOptions;

  constructor(
    private readonly pipeline: () => Promise<FacePipeline>,
    private readonly events: CameraSessionEvents,
    private mode: DetectionMode,
    private source: string,
    opts: Partial<CameraSessionOptions> = {},
  ) {
    this.opts = { ...DEFAULT_SESSION, ...opts };
  }

  state(): CameraState {
    const on = this.camera !== null || this.reconnecting;
    return { on, mode: this.mode, source: this.source, ...(this.reconnecting ? { reconnecting: true } : {}) };
  }

  /** Opens the camera (throws when the source cannot be opened at all) and starts reading. */
  async start(): Promise<CameraState> {
    if (this.camera || this.reconnecting) return this.state();
    const pipeline = await this.pipeline();
    this.camera = Camera.open(this.source);
    this.smoother.reset();
    const gen = ++this.generation;
    void this.loop(gen, this.camera, pipeline);
    this.events.state(this.state());
    return this.state();
  }

  stop(): CameraState {
    if (this.camera || this.reconnecting) {
      this.generation++;
      this.camera?.release();
      this.camera = null;
      this.reconnecting = false;
      this.events.state(this.state());
      this.failCollectors(new MoodtapeError('camera-unavailable', 'The camera was turned off.', 'Turn it on again to take a snapshot.'));
    }
    return this.state();
  }

  setMode(mode: DetectionMode): CameraState {
    this.mode = mode;
    this.smoother.reset();
    this.events.state(this.state());
    return this.state();
  }

  setSource(source: string): void {
    const wasOn = this.camera !== null || this.reconnecting;
    this.stop();
    this.source = source;
    if (wasOn) void this.start().catch((e) => this.events.error(toAppError(e)));
  }

  /** A mood from up to about 1.5 s of frames: of the running camera, or of one opened for it. */
  async snapshot(): Promise<Detection> {
    if (this.camera || this.reconnecting) {
      return new Promise<Detection>((resolve, reject) => {
        const c: Collector = { reader: new SnapshotReader(this.opts.snapshot), used: null, resolve, reject };
        this.collectors.push(c);
        // A camera that is reconnecting delivers nothing: the window still ends on time.
        setTimeout(() => this.finishCollector(c), this.opts.snapshot.windowMs + 50);
      });
    }
    const pipeline = await this.pipeline();
    const camera = Camera.open(this.source);
    this.events.state({ ...this.state(), on: true });
    const tracker = pipeline.tracker();
    try {
      if (camera.isDevice) for (let i = 0; i < DEVICE_WARMUP_FRAMES; i++) (await camera.read()).release();
      const reader = new SnapshotReader(this.opts.snapshot);
      let used: Frame | null = null;
      do {
        const t0 = performance.now();
        const frame = await camera.read();
        const detection = await pipeline.analyse(frame, performance.now() - t0, tracker);
        const preview = await this.preview(frame, detection);
        frame.release();
        this.events.frame(preview);
        if (reader.add(detection)) used = preview;
      } while (!reader.done());
      // The preview left on screen is the frame the answer comes from.
      if (used) this.events.frame(used);
      return reader.result()!;
    } finally {
      camera.release();
      this.events.state(this.state());
    }
  }

  private async loop(gen: number, first: Camera, pipeline: FacePipeline): Promise<void> {
    let camera: Camera | null = first;
    const tracker = pipeline.tracker();
    while (gen === this.generation) {
      if (!camera) {
        camera = await this.reconnect(gen);
        if (!camera) return;
        tracker.reset();
      }
      const interval = 1000 / Math.min(MAX_FPS, camera.fps);
      const t0 = performance.now();
      try {
        const frame = await this.readOrStall(camera);
        if (gen !== this.generation) {
          frame.release();
          return;
        }
        if (this.reconnecting) {
          // Pictures again: the camera is back.
          this.reconnecting = false;
          this.events.state(this.state());
        }
        await this.onFrame(frame, pipeline, tracker, performance.now() - t0);
      } catch (e) {
        if (gen !== this.generation) return;
        const error = toAppError(e);
        if (!TRANSIENT.has(error.code)) {
          this.failCollectors(e);
          this.stop();
          this.events.error(error);
          return;
        }
        // Said at once (once, not per attempt); then the camera is opened again until it answers.
        camera.release();
        camera = null;
        this.camera = null;
        if (!this.reconnecting) {
          this.reconnecting = true;
          this.events.error(lostWhileOn(error));
          this.events.state(this.state());
        }
        continue;
      }
      const wait = interval - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  private async onFrame(frame: Mat, pipeline: FacePipeline, tracker: FaceTracker, captureMs: number): Promise<void> {
    let detection: Detection;
    let preview: Frame;
    try {
      detection = await pipeline.analyse(frame, captureMs, tracker);
      preview = await this.preview(frame, detection);
    } finally {
      frame.release();
    }
    for (const c of [...this.collectors]) {
      if (c.reader.add(detection)) c.used = preview;
      if (c.reader.done()) this.finishCollector(c);
    }
    if (this.mode !== 'live') return this.events.frame(preview);
    this.events.frame({ ...preview, detection });
    const smoothed = this.smoother.update(detection.probabilities, Date.now());
    if (smoothed?.changed) this.events.mood(smoothed, detection);
  }

  /** Opens the source again with backoff; null when the session was stopped meanwhile. */
  private async reconnect(gen: number): Promise<Camera | null> {
    for (let attempt = 0; gen === this.generation; attempt++) {
      const waits = this.opts.retryMs;
      await new Promise((r) => setTimeout(r, waits[Math.min(attempt, waits.length - 1)]));
      if (gen !== this.generation) return null;
      try {
        const camera = Camera.open(this.source);
        if (gen !== this.generation) {
          camera.release();
          return null;
        }
        this.camera = camera;
        return camera;
      } catch {
        /* not back yet */
      }
    }
    return null;
  }

  /** A read, or camera-lost once it has taken longer than a camera ever should. */
  private readOrStall(camera: Camera): Promise<Mat> {
    return new Promise<Mat>((resolve, reject) => {
      let stalled = false;
      const timer = setTimeout(
        () => {
          stalled = true;
          reject(new MoodtapeError('camera-lost', 'The camera stopped sending pictures.', ''));
        },
        camera.started ? this.opts.stallMs : Math.max(this.opts.stallMs, FIRST_FRAME_MS),
      );
      camera.read().then(
        (frame) => {
          clearTimeout(timer);
          // A frame that comes after the stall was declared belongs to a camera given up on.
          if (stalled) {
            frame.release();
            camera.release();
          } else resolve(frame);
        },
        (e) => {
          clearTimeout(timer);
          if (!stalled) reject(e);
        },
      );
    });
  }

  private preview(frame: Mat, d: Detection): Promise<Frame> {
    return previewFrame(
      frame,
      d.faces.map((f) => f.box),
    );
  }

  private finishCollector(c: Collector): void {
    const i = this.collectors.indexOf(c);
    if (i < 0) return;
    this.collectors.splice(i, 1);
    if (c.used) this.events.frame(c.used);
    const result = c.reader.result();
    if (result) c.resolve(result);
    else c.reject(lostWhileOn(toAppError(new MoodtapeError('camera-lost', 'The camera sent no picture for the snapshot.', ''))));
  }

  private failCollectors(e: unknown): void {
    const failing = this.collectors;
    this.collectors = [];
    failing.forEach((c) => c.reject(e));
  }
}

/** The camera-lost message for a camera that is on: it is being opened again, nothing to click. */
function lostWhileOn(e: AppError): AppError {
  return {
    code: e.code === 'camera-busy' ? 'camera-busy' : 'camera-lost',
    message: e.code === 'camera-busy' ? e.message : 'The camera stopped sending pictures (unplugged or taken by another app).',
    hint: 'Moodtape keeps trying and carries on by itself when pictures come back; turn the camera off to stop. Your music keeps playing.',
  };
}
