/**
 * The camera while it is on: reads frames, runs the pipeline, streams a preview and, in live mode,
 * smoothed moods. Snapshot mode without the camera on opens it for one picture and releases it.
 */
import type { AppError, CameraState, Detection, DetectionMode, Frame } from '../../shared/contract.js';
import { MoodtapeError, toAppError } from '../core/errors.js';
import { Camera } from './camera.js';
import type { FacePipeline } from './face-pipeline.js';
import { previewFrame } from './frame-preview.js';
import { MoodSmoother, type SmoothedMood } from './mood-smoother.js';

export interface CameraSessionEvents {
  frame(f: Frame): void;
  detection(d: Detection): void;
  mood(m: SmoothedMood, d: Detection): void;
  error(e: AppError): void;
  state(s: CameraState): void;
}

/** Live analysis rate: 15 fps is smooth enough for moods and leaves CPU for the music. */
const MAX_FPS = 15;
/** Webcams need a few frames to settle exposure before a snapshot is worth reading. */
const DEVICE_WARMUP_FRAMES = 5;
const SNAPSHOT_ATTEMPTS = 3;

export class CameraSession {
  private camera: Camera | null = null;
  private generation = 0;
  private readonly smoother = new MoodSmoother();
  private waiters: ((d: Detection) => void)[] = [];
  private failers: ((e: unknown) => void)[] = [];

  constructor(
    private readonly pipeline: () => Promise<FacePipeline>,
    private readonly events: CameraSessionEvents,
    private mode: DetectionMode,
    private source: string,
  ) {}

  state(): CameraState {
    return { on: this.camera !== null, mode: this.mode, source: this.source };
  }

  async start(): Promise<CameraState> {
    if (this.camera) return this.state();
    const pipeline = await this.pipeline();
    this.camera = Camera.open(this.source);
    this.smoother.reset();
    const gen = ++this.generation;
    void this.loop(gen, this.camera, pipeline);
    this.events.state(this.state());
    return this.state();
  }

  stop(): CameraState {
    if (this.camera) {
      this.generation++;
      this.camera.release();
      this.camera = null;
      this.events.state(this.state());
      this.failWaiters(new MoodtapeError('camera-unavailable', 'The camera was turned off.', 'Turn it on again to take a snapshot.'));
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
    const wasOn = this.camera !== null;
    this.stop();
    this.source = source;
    if (wasOn) void this.start().catch((e) => this.events.error(toAppError(e)));
  }

  /** One analysed picture: the next frame of the running camera, or a fresh open/read/release. */
  async snapshot(): Promise<Detection> {
    if (this.camera) {
      return new Promise<Detection>((resolve, reject) => {
        this.waiters.push(resolve);
        this.failers.push(reject);
      });
    }
    const pipeline = await this.pipeline();
    const camera = Camera.open(this.source);
    this.events.state({ ...this.state(), on: true });
    try {
      if (camera.isDevice) for (let i = 0; i < DEVICE_WARMUP_FRAMES; i++) await camera.read();
      let result: Detection | null = null;
      for (let i = 0; i < SNAPSHOT_ATTEMPTS && !result?.faces.length; i++) {
        const t0 = performance.now();
        const frame = await camera.read();
        result = await pipeline.analyse(frame, performance.now() - t0);
        this.events.frame(
          await previewFrame(
            frame,
            result.faces.map((f) => f.box),
          ),
        );
      }
      return result!;
    } finally {
      camera.release();
      this.events.state(this.state());
    }
  }

  private async loop(gen: number, camera: Camera, pipeline: FacePipeline): Promise<void> {
    const interval = 1000 / Math.min(MAX_FPS, camera.fps);
    while (gen === this.generation) {
      const t0 = performance.now();
      try {
        const frame = await camera.read();
        const detection = await pipeline.analyse(frame, performance.now() - t0);
        if (gen !== this.generation) return;
        const waiting = this.waiters;
        this.waiters = [];
        this.failers = [];
        waiting.forEach((w) => w(detection));
        this.events.frame(
          await previewFrame(
            frame,
            detection.faces.map((f) => f.box),
          ),
        );
        frame.release();
        if (this.mode === 'live') {
          this.events.detection(detection);
          const smoothed = this.smoother.update(detection.probabilities, Date.now());
          if (smoothed?.changed) this.events.mood(smoothed, detection);
        }
      } catch (e) {
        if (gen !== this.generation) return;
        this.failWaiters(e);
        this.stop();
        this.events.error(toAppError(e));
        return;
      }
      const wait = interval - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }

  private failWaiters(e: unknown): void {
    const failing = this.failers;
    this.waiters = [];
    this.failers = [];
    failing.forEach((f) => f(e));
  }
}
