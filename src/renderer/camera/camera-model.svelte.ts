/**
 * The camera's side of the page: its state (from `camera` events, never from replies), the latest
 * frame and reading, and the calls that switch it. Problems go to the app's error list, keyed so
 * a working camera or a good reading clears them.
 */
import type { AppError, CameraState, Detection, DetectionMode, Frame, MoodtapeApi, Probabilities } from '../../shared/contract';
import { toAppError } from '../api';
import type { ErrorLog } from '../app/errors.svelte';

/** Problems a good reading makes obsolete. */
const CLEARED_BY_A_FACE = ['no-face', 'several-faces', 'dark-frame', 'camera-unavailable', 'camera-busy', 'camera-lost'] as const;
/** What went wrong with the camera: one entry at a time (the latest), gone once a source works. */
const CAMERA_PROBLEMS = ['camera-unavailable', 'camera-busy', 'camera-lost', 'camera-denied'] as const;
const CAMERA_KEY = 'camera';
const LIVE_NOTICE_KEY = 'live-notice';

/** The error list's key for a camera problem (so the latest replaces the one before), else null. */
export const cameraKey = (e: AppError) => ((CAMERA_PROBLEMS as readonly string[]).includes(e.code) ? CAMERA_KEY : null);

export class CameraModel {
  state = $state.raw<CameraState>({ on: false, mode: 'snapshot', source: '' });
  /** Latest reading (live frames or the last snapshot). */
  detection = $state.raw<Detection | null>(null);
  frame = $state.raw<Frame | null>(null);
  /** A camera call is in flight (toggle, mode, snapshot): buttons wait for it. */
  busy = $state(false);
  snapshotting = $state(false);
  /** The camera cannot work in this build (desktop app without OpenCV for Electron): what to do, for the camera panel. */
  support = $state.raw<AppError | null>(null);

  constructor(
    private readonly api: MoodtapeApi,
    private readonly errors: ErrorLog,
    /** Hears each live reading's probabilities (the listener's trail on the mood plane). */
    private readonly onLiveReading: (p: Probabilities, at: number) => void,
  ) {}

  async toggle(): Promise<void> {
    const on = this.state.on;
    await this.cameraCall(() => this.api.invoke(on ? 'stopCamera' : 'startCamera', null));
    if (on) this.frame = null;
  }

  /** Snapshot or live: a setting like any other (the main process switches the camera and says so in a `camera` event). */
  async setMode(mode: DetectionMode): Promise<void> {
    if (mode === this.state.mode) return;
    await this.cameraCall(() => this.api.invoke('updateSettings', { mode }));
  }

  /** A device number ("0") or a video file path; the main process reopens the camera if it is on. */
  async setSource(source: string): Promise<void> {
    const trimmed = source.trim();
    if (!trimmed || trimmed === this.state.source) return;
    await this.cameraCall(() => this.api.invoke('updateSettings', { cameraSource: trimmed }), false);
  }

  async snapshot(): Promise<void> {
    if (this.snapshotting) return;
    this.snapshotting = true;
    try {
      const d = await this.api.invoke('snapshot', null);
      this.detection = d;
      if (d.notice) this.errors.push(d.notice);
      // The mood itself (with its playlist) arrives as the `mood` event: one path for every mood.
      if (d.emotion && !d.notice) this.errors.clearCodes(CLEARED_BY_A_FACE);
    } catch (e) {
      this.errors.push(toAppError(e));
    } finally {
      this.snapshotting = false;
    }
  }

  /** The `camera` event. */
  onCamera(c: CameraState): void {
    this.state = c;
    // The camera works now (another source, or the same one back): its old problems are over.
    if (c.on) this.errors.clearCodes(CAMERA_PROBLEMS);
    if (!c.on) this.errors.clearKey(LIVE_NOTICE_KEY);
  }

  /** The `frame` event: the preview, and its reading when live mode read one. */
  onFrame(f: Frame): void {
    if (this.state.on || this.snapshotting) this.frame = f;
    if (f.detection) this.onDetection(f.detection);
  }

  /** The notices `getState` and `error` events bring: the one saying the camera cannot work here is kept apart. */
  noteSupport(notices: AppError[]): void {
    this.support = notices.find((n) => n.code === 'camera-support-missing') ?? this.support;
  }

  private onDetection(d: Detection): void {
    this.detection = d;
    if (d.probabilities && this.state.mode === 'live') this.onLiveReading(d.probabilities, Date.now());
    // Live notices come and go with the frames: show the current one only.
    if (d.notice) this.errors.push(d.notice, LIVE_NOTICE_KEY);
    else this.errors.clearKey(LIVE_NOTICE_KEY);
  }

  /** `busy` (buttons wait) unless told otherwise; camera problems replace one another in the list. */
  private async cameraCall(fn: () => Promise<unknown>, blocking = true): Promise<void> {
    if (blocking) this.busy = true;
    try {
      await fn();
    } catch (e) {
      const error = toAppError(e);
      this.errors.push(error, cameraKey(error));
    } finally {
      if (blocking) this.busy = false;
    }
  }
}
