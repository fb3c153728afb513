/**
 * The one contract between the main-process services and the renderer.
 * Electron IPC (src/main/electron/ipc.ts + src/preload) and the loopback HTTP/WebSocket
 * transport (src/main/serve) are two thin bindings of it; the renderer only sees MoodtapeApi.
 */

export const EMOTIONS = ['angry', 'disgust', 'fear', 'happy', 'neutral', 'sad', 'surprise'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type Probabilities = Record<Emotion, number>;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceEmotion {
  box: Box;
  emotion: Emotion;
  confidence: number;
  probabilities: Probabilities;
}

export interface StageTimings {
  captureMs: number;
  detectMs: number;
  classifyMs: number;
  totalMs: number;
}

/** Result of running the vision pipeline on one frame. `emotion` is the largest face's. */
export interface Detection {
  faces: FaceEmotion[];
  emotion: Emotion | null;
  confidence: number;
  probabilities: Probabilities | null;
  frame: { width: number; height: number };
  timings: StageTimings;
  /** Something the user should know about this frame (no face, several faces, too dark). */
  notice: AppError | null;
}

export type DetectionMode = 'snapshot' | 'live';

export interface CameraState {
  on: boolean;
  mode: DetectionMode;
  /** Device index as a string ("0") or a video / image-sequence path. */
  source: string;
}

export type MoodSource = 'snapshot' | 'live' | 'manual' | 'tray';

export interface Mood {
  emotion: Emotion;
  confidence: number;
  source: MoodSource;
  probabilities: Probabilities | null;
  at: number;
  /** True when the user asked for music now (tray quick mood): start the playlist if idle. */
  autoplay: boolean;
}

export interface Track {
  id: string;
  title: string;
  artist: string;
  album: string;
  durationSec: number;
  /** Position on the mood plane, each in [-1, 1]. */
  valence: number;
  arousal: number;
  /** The emotion whose target is nearest to the track's position. */
  mood: Emotion;
  origin: 'demo' | 'user';
  licence: string | null;
}

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export interface Settings {
  /** 0..1 */
  volume: number;
  mode: DetectionMode;
  cameraSource: string;
  lastMood: Emotion | null;
  window: WindowState | null;
}

export type ErrorCode =
  | 'camera-unavailable'
  | 'camera-busy'
  | 'camera-lost'
  | 'no-face'
  | 'several-faces'
  | 'dark-frame'
  | 'model-missing'
  | 'model-corrupt'
  | 'track-missing'
  | 'track-unreadable'
  | 'settings-corrupt'
  | 'invalid-input'
  | 'internal';

/** Every failure the user can meet: what happened and what they can do. */
export interface AppError {
  code: ErrorCode;
  message: string;
  hint: string;
}

export interface ModelInfo {
  name: string;
  version: string;
  labels: string[];
  accuracy: number | null;
}

export interface Attribution {
  title: string;
  artist: string;
  licence: string;
  source: string;
}

export interface About {
  version: string;
  model: ModelInfo | null;
  attributions: Attribution[];
  privacy: string;
}

export interface AppState {
  settings: Settings;
  camera: CameraState;
  mood: Mood | null;
  tracks: Track[];
  model: ModelInfo | null;
  /** Problems found at start-up (model missing, settings file corrupt and backed up, ...). */
  notices: AppError[];
}

export interface RecommendParams {
  emotion: Emotion;
  length?: number;
  /** Track ids to leave out (already played, already queued). */
  exclude?: string[];
}

/** Request name -> params and result. Every call takes one params value. */
export interface Requests {
  getState: { params: null; result: AppState };
  startCamera: { params: null; result: CameraState };
  stopCamera: { params: null; result: CameraState };
  setMode: { params: DetectionMode; result: CameraState };
  /** One frame: turns the camera on if it is off, and off again afterwards. */
  snapshot: { params: null; result: Detection };
  setManualMood: { params: Emotion; result: Mood };
  recommend: { params: RecommendParams; result: Track[] };
  listTracks: { params: null; result: Track[] };
  updateSettings: { params: Partial<Settings>; result: Settings };
  getAbout: { params: null; result: About };
}
export type Method = keyof Requests;
export type Params<M extends Method> = Requests[M]['params'];
export type Result<M extends Method> = Requests[M]['result'];

export const METHODS = [
  'getState',
  'startCamera',
  'stopCamera',
  'setMode',
  'snapshot',
  'setManualMood',
  'recommend',
  'listTracks',
  'updateSettings',
  'getAbout',
] as const satisfies readonly Method[];

/** A small JPEG of the camera with face boxes drawn, for the live preview. */
export interface Frame {
  /** data:image/jpeg;base64,... */
  jpeg: string;
  width: number;
  height: number;
  faces: Box[];
  at: number;
}

export type PlayerCommand = 'play-pause' | 'next' | 'previous' | 'stop';

/** Event name -> payload, pushed from main to the renderer. */
export interface Events {
  mood: Mood;
  detection: Detection;
  frame: Frame;
  camera: CameraState;
  error: AppError;
  command: PlayerCommand;
  settings: Settings;
}
export type EventName = keyof Events;
export const EVENT_NAMES = [
  'mood',
  'detection',
  'frame',
  'camera',
  'error',
  'command',
  'settings',
] as const satisfies readonly EventName[];

/** What crosses either transport for a request: errors keep their code and hint. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** The renderer's whole view of the app, whichever transport is underneath. */
export interface MoodtapeApi {
  /** Rejects with an ApiError carrying the AppError fields. */
  invoke<M extends Method>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** URL the player loads a library track from (custom protocol or HTTP route). */
  mediaUrl(trackId: string): string;
}

export class ApiError extends Error implements AppError {
  readonly code: ErrorCode;
  readonly hint: string;
  constructor(e: AppError) {
    super(e.message);
    this.name = 'ApiError';
    this.code = e.code;
    this.hint = e.hint;
  }
}

/** Electron IPC channel names (one per request, one for all events). */
export const IPC_PREFIX = 'moodtape:';
export const IPC_EVENT_CHANNEL = 'moodtape:event';
/** Custom protocol for library audio in Electron: moodtape-media://track/<id> */
export const MEDIA_SCHEME = 'moodtape-media';

/**
 * What the Electron preload exposes as `window.moodtape` (contextBridge). It passes envelopes
 * unchanged, because class instances do not survive the bridge; the renderer wraps it into a
 * MoodtapeApi. The serve-mode WebSocket client gives the renderer the same MoodtapeApi.
 */
export interface MoodtapeBridge {
  invoke(method: Method, params: unknown): Promise<Envelope<unknown>>;
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
  mediaUrl(trackId: string): string;
}

/**
 * Serve-mode wire protocol (src/main/serve): page at http://127.0.0.1:PORT/?token=TOKEN,
 * WebSocket at /ws?token=TOKEN, audio at /media/<trackId>?token=TOKEN.
 */
export interface WsRequest {
  id: number;
  method: Method;
  params: unknown;
}
export type WsMessage =
  | { id: number; envelope: Envelope<unknown> }
  | { event: EventName; payload: unknown };
