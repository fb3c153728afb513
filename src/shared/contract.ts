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
  /** On, but the camera stopped sending pictures: it is being opened again (issue 14). */
  reconnecting?: boolean;
}

export type MoodSource = 'snapshot' | 'live' | 'manual' | 'tray';

// ---- mood fit (issue 15): music-mood labels, positions, intents, playlists that say why ----------

/** Music-mood regions of the valence/arousal plane (GEMS-based; see src/shared/mood-space.ts). */
export const MUSIC_MOODS = ['joyful', 'energetic', 'tense', 'dark', 'melancholic', 'calm', 'tender'] as const;
export type MusicMood = (typeof MUSIC_MOODS)[number];

/** A point on the mood plane, each coordinate in [-1, 1]. */
export interface MoodPoint {
  valence: number;
  arousal: number;
}

/** What the music does with the mood: stay on it (default), or move it step by step. */
export const MOOD_INTENTS = ['match', 'lift', 'calm', 'energise'] as const;
export type MoodIntent = (typeof MOOD_INTENTS)[number];

export interface PlaylistEntry {
  track: Track;
  /** One line for the listener: "calm, 92 BPM, minor: near your sad mood". */
  reason: string;
  /** The planned point this entry was picked for, and its distance from it. */
  waypoint: MoodPoint;
  distance: number;
}

/** A playlist with its plan: the target, the path it follows, and why each track is there. */
export interface MoodPlaylist {
  emotion: Emotion;
  intent: MoodIntent;
  target: MoodPoint;
  /** One waypoint per planned step (all equal to the target for "match"). */
  path: MoodPoint[];
  entries: PlaylistEntry[];
  /** How far from its waypoint a track may be; larger when widened. */
  fitRadius: number;
  widened: boolean;
  /** Set when fewer tracks fit than asked for ("3 tracks in your library fit calm; ..."). */
  note: string | null;
}

/**
 * How a listener reacted to a track, played for a mood: what the preference learning hears
 * ('play': the track started, for the mood timeline only).
 */
export const LISTEN_EVENTS = ['play', 'early-skip', 'replace', 'replay', 'finish', 'like', 'dislike'] as const;
export type ListenEvent = (typeof LISTEN_EVENTS)[number];

export interface ListenParams {
  trackId: string;
  emotion: Emotion;
  event: ListenEvent;
}

/** The learned preference of one track under one mood (shown as "why", resettable). */
export interface TrackPreference {
  trackId: string;
  emotion: Emotion;
  /** Weighted positive and negative reactions so far. */
  up: number;
  down: number;
  /** Posterior mean of "the listener wants this track for this mood", 0..1 (0.5: no opinion). */
  score: number;
  skips: number;
  updatedAt: number;
}

/** One mood reading on the timeline, with the tracks that played while it held. */
export interface MoodHistoryEntry {
  at: number;
  emotion: Emotion;
  source: MoodSource;
  confidence: number;
  valence: number;
  arousal: number;
  /** Track ids played (started) while this mood held, in order. */
  played: string[];
}

export interface MoodHistoryQuery {
  /** Only entries at or after this time (ms since epoch). */
  since?: number;
}

export interface Mood {
  emotion: Emotion;
  confidence: number;
  source: MoodSource;
  probabilities: Probabilities | null;
  at: number;
  /** True when the user asked for music now (tray quick mood): its playlist plays at once. */
  autoplay: boolean;
  /** The listener's position: the probability-weighted position of all seven emotions. */
  position?: MoodPoint;
  /** False for a live reading below the confidence threshold: the music does not change. */
  sure?: boolean;
  /** The playlist made for this mood (null when the music does not change), sent with the mood. */
  playlist?: MoodPlaylist | null;
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
  /** The emotion whose target is nearest to the track's position (the library filter uses it). */
  mood: Emotion;
  /** The music-mood region of the track's position (what the listener reads). */
  musicMood?: MusicMood;
  origin: 'demo' | 'user';
  licence: string | null;
  /**
   * Where the position comes from: the demo catalogue, the audio analysis, the user's correction;
   * 'pending' while a user track waits for analysis, 'failed' when it could not be analysed (such
   * tracks sit at the centre and are not recommended until the user places them).
   */
  moodSource?: TrackMoodSource;
  /** When the track entered the library (ms since epoch); demo tracks: 0. */
  addedAt?: number;
  /** From the audio analysis (null until analysed). */
  tempo?: number | null;
  key?: string | null;
  mode?: 'major' | 'minor' | null;
  /** 0..1 */
  energy?: number | null;
  /** Why the analysis failed, or that the file is missing; null when all is well. */
  problem?: string | null;
  /** The file's name (not its folder), for display. */
  fileName?: string;
  /** Playback gain (dB) toward -18 LUFS, peak-limited: the ReplayGain track tag, else the analysis; null until known. */
  gainDb?: number | null;
  /** The ReplayGain album gain, when the file has one (used when an album plays in order). */
  albumGainDb?: number | null;
}

export type TrackMoodSource = 'catalogue' | 'analysis' | 'correction' | 'pending' | 'failed';

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
  /** Recommend only the user's own tracks (falls back to the demo while none is ready). */
  onlyUserTracks: boolean;
  /** Absolute folder paths watched for new, changed and deleted music. */
  watchedFolders: string[];
  /** Desktop: closing the window quits Moodtape instead of keeping it in the tray. */
  quitOnClose: boolean;
  // ---- player (issue 16)
  shuffle: boolean;
  repeat: RepeatMode;
  /** Play every track at the same loudness (-18 LUFS, peak-limited). */
  normalizeLoudness: boolean;
  /** 0 = off (same-album tracks then play gapless), up to 12 seconds. */
  crossfadeSec: number;
  /** Match the mood (default), or lift, calm down, energise it over the playlist. */
  intent?: MoodIntent;
}

// ---- player: queue session, saved playlists, history (issue 16) ------------------------------

export type RepeatMode = 'off' | 'all' | 'one';

/** What the player was doing, so a reload or restart brings it back (paused). */
export interface PlayerSession {
  trackIds: string[];
  index: number;
  positionSec: number;
  mood: Emotion | null;
}

export interface SavedPlaylist {
  id: string;
  name: string;
  trackIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface LoadedPlaylist {
  playlist: SavedPlaylist;
  /** The playlist's tracks still in the library, in order. */
  tracks: Track[];
  /** How many of its entries are no longer in the library. */
  missing: number;
}

/** One M3U/M3U8 entry that could not be matched to a file: the line as written and why. */
export interface PlaylistImportMiss {
  entry: string;
  reason: string;
}

export interface PlaylistImportResult {
  playlist: SavedPlaylist;
  /** Entries found (already in the library, or imported now). */
  matched: number;
  /** Files imported into the library because the playlist named them. */
  imported: number;
  missing: PlaylistImportMiss[];
}

export interface HistoryEntry {
  trackId: string;
  title: string;
  artist: string;
  /** ms since epoch */
  startedAt: number;
  playedSec: number;
  skipped: boolean;
  mood: Emotion | null;
  /** Why it played: "mood: happy", "library", "playlist: Road trip", ... */
  source: string;
}

export type ErrorCode =
  | 'camera-unavailable'
  | 'camera-busy'
  | 'camera-lost'
  /** The desktop app runs, but OpenCV was not built for Electron's ABI (setup was offline). */
  | 'camera-support-missing'
  /** macOS: the user has not allowed Moodtape to use the camera. */
  | 'camera-denied'
  | 'no-face'
  | 'several-faces'
  | 'dark-frame'
  | 'model-missing'
  | 'model-corrupt'
  | 'track-missing'
  | 'track-unreadable'
  | 'settings-corrupt'
  | 'library-corrupt'
  | 'playlists-corrupt'
  | 'invalid-input'
  // A file could not be written (read-only folder, full disk): the change is kept in memory and retried.
  | 'save-failed'
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
  /** Default: the saved intent setting. */
  intent?: MoodIntent;
  /** Where the listener is (the lift path starts here); default: the emotion's target. */
  from?: MoodPoint;
  /** Allow tracks farther from the target when too few fit. */
  widen?: boolean;
}

export type LibrarySort = 'title' | 'artist' | 'album' | 'added' | 'mood' | 'valence' | 'arousal';

/** Search, filter and sort the whole library (demo + user); every field optional. */
export interface LibraryQuery {
  /** Case-insensitive words, all of which must appear in title, artist, album or file name. */
  search?: string;
  sort?: LibrarySort;
  order?: 'asc' | 'desc';
  /** Only tracks whose mood label is this emotion. */
  mood?: Emotion;
  origin?: 'demo' | 'user';
  offset?: number;
  limit?: number;
}

export interface LibraryPage {
  tracks: Track[];
  /** Matching tracks before offset/limit. */
  total: number;
}

export interface ImportParams {
  /** Absolute paths of files and folders (e.g. dropped on the window). */
  paths: string[];
  /** Also watch the folders among them for new, changed and deleted files. */
  watch?: boolean;
}

export type ImportProblemKind = 'unreadable' | 'corrupt' | 'unsupported' | 'symlink-loop' | 'missing';

export interface ImportProblem {
  /** The user's own file or folder path. */
  path: string;
  kind: ImportProblemKind;
  message: string;
}

/** Progress and summary of importing and analysing; also sent as the `import-progress` event. */
export interface ImportStatus {
  phase: 'idle' | 'scanning' | 'reading' | 'analysing';
  /** Audio files found by the scan so far. */
  found: number;
  /** New or changed tracks added to the library. */
  added: number;
  /** Already in the library and unchanged: nothing to do. */
  unchanged: number;
  /** Tracks whose tags have been read (of `found`). */
  read: number;
  /** Files that are not audio (skipped quietly). */
  skipped: number;
  /** Tracks analysed so far, and how many are waiting. */
  analysed: number;
  toAnalyse: number;
  /** Problems met (first 200), and their full count. */
  problems: ImportProblem[];
  problemCount: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** The user cancelled this round (cancelImport): what was added before stays. */
  cancelled?: boolean;
}

/** Sent when the library changes (import, analysis, correction, removal, watched folder). */
export interface LibraryChange {
  reason: 'import' | 'analysis' | 'correction' | 'remove' | 'watch' | 'rebuild';
  /** Ids of tracks added or changed (may be empty when many changed: refetch). */
  changed: string[];
  removed: string[];
  total: number;
  user: number;
}

/** Correct a track's mood: a position, a picked emotion (its target), or `reset` to the analysis. */
export type SetTrackMoodParams =
  { id: string; valence: number; arousal: number } | { id: string; emotion: Emotion } | { id: string; reset: true };

/** Request name -> params and result. Every call takes one params value. */
export interface Requests {
  getState: { params: null; result: AppState };
  startCamera: { params: null; result: CameraState };
  stopCamera: { params: null; result: CameraState };
  /** One frame: turns the camera on if it is off, and off again afterwards. */
  snapshot: { params: null; result: Detection };
  setManualMood: { params: Emotion; result: Mood };
  recommend: { params: RecommendParams; result: MoodPlaylist };
  updateSettings: { params: Partial<Settings>; result: Settings };
  getAbout: { params: null; result: About };
  /** Starts importing (returns at once); progress comes as `import-progress` events. */
  importPaths: { params: ImportParams; result: ImportStatus };
  getImportStatus: { params: null; result: ImportStatus };
  /** Stops the running import (and any queued): the scan ends, tracks already added stay. */
  cancelImport: { params: null; result: ImportStatus };
  listLibrary: { params: LibraryQuery | null; result: LibraryPage };
  setTrackMood: { params: SetTrackMoodParams; result: Track };
  /** Takes a user track out of the library (the file stays); a watched folder does not re-add it. */
  removeTrack: { params: { id: string }; result: null };
  // ---- player (issue 16)
  getSession: { params: null; result: { session: PlayerSession | null; tracks: Track[] } };
  saveSession: { params: PlayerSession; result: null };
  listPlaylists: { params: null; result: SavedPlaylist[] };
  /** Saves a queue under a name (a new playlist, or `id`'s replaced). */
  savePlaylist: { params: { name: string; trackIds: string[]; id?: string }; result: SavedPlaylist };
  renamePlaylist: { params: { id: string; name: string }; result: SavedPlaylist };
  deletePlaylist: { params: { id: string }; result: null };
  loadPlaylist: { params: { id: string }; result: LoadedPlaylist };
  /** The playlist as M3U8 text; paths relative to `dir` (where the file goes) where possible, else absolute. */
  exportPlaylist: { params: { id: string; dir?: string }; result: { fileName: string; text: string } };
  /** Imports M3U/M3U8 text; relative entries resolve against `baseDir` when given. */
  importPlaylist: { params: { text: string; name: string; baseDir?: string }; result: PlaylistImportResult };
  recordPlay: { params: HistoryEntry; result: null };
  listHistory: { params: { limit?: number } | null; result: HistoryEntry[] };
  clearHistory: { params: null; result: null };
  /** Mood fit: a listener's reaction to a track (skips, replays, likes) re-ranks later playlists. */
  recordListen: { params: ListenParams; result: TrackPreference | null };
  getPreferences: { params: null; result: TrackPreference[] };
  resetPreferences: { params: null; result: null };
  getMoodHistory: { params: MoodHistoryQuery | null; result: MoodHistoryEntry[] };
  clearMoodHistory: { params: null; result: null };
}
export type Method = keyof Requests;
export type Params<M extends Method> = Requests[M]['params'];
export type Result<M extends Method> = Requests[M]['result'];

export const METHODS = [
  'getState',
  'startCamera',
  'stopCamera',
  'snapshot',
  'setManualMood',
  'recommend',
  'updateSettings',
  'getAbout',
  'importPaths',
  'getImportStatus',
  'cancelImport',
  'listLibrary',
  'setTrackMood',
  'removeTrack',
  'getSession',
  'saveSession',
  'listPlaylists',
  'savePlaylist',
  'renamePlaylist',
  'deletePlaylist',
  'loadPlaylist',
  'exportPlaylist',
  'importPlaylist',
  'recordPlay',
  'listHistory',
  'clearHistory',
  'recordListen',
  'getPreferences',
  'resetPreferences',
  'getMoodHistory',
  'clearMoodHistory',
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
  library: LibraryChange;
  'import-progress': ImportStatus;
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
  'library',
  'import-progress',
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
  /** URL of a track's cover art (404 when it has none): moodtape-media://cover/<id> or /cover/<id>?token=. */
  coverUrl?(trackId: string): string;
  /**
   * Imports files the user dropped on the window or picked with the Add-music buttons, whichever
   * transport is underneath: Electron passes their paths (folders included, and watched); serve
   * mode uploads each audio file's bytes (a browser File has no path). Non-audio files are skipped.
   */
  importFiles(files: File[], options?: ImportFilesOptions): Promise<ImportStatus>;
  /** Serve mode: whether the server answers right now (media that fails while it does not is not the file's fault). */
  reachable?(): Promise<boolean>;
}

export interface ImportFilesOptions {
  /** Every file inside dropped folders, for transports that upload bytes rather than paths. */
  expandFolders?: () => Promise<File[]>;
  /** Upload progress (serve mode): files sent so far of the total. */
  onUpload?: (sent: number, total: number) => void;
}

/** Audio types the library imports (the scanner, the upload check and the player all read this list), and the serve-mode upload cap. */
export const IMPORT_EXTENSIONS = ['mp3', 'ogg', 'oga', 'opus', 'flac', 'm4a', 'aac', 'wav', 'wave'] as const;
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Transport limits. Serve mode's WebSocket takes messages up to MAX_MESSAGE_BYTES, and every valid
 * request fits under it: the largest, importPaths with MAX_IMPORT_PATHS paths of 4,096 characters
 * that each take 6 bytes in JSON (\u0001), is about 24.6 MB (test/faults/transport.test.ts sends
 * it). The renderer sends more paths than MAX_IMPORT_PATHS in several calls.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_PATHS = 1000;

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
/** Custom protocol for library audio in Electron: moodtape-media://track/<id> (cover art: moodtape-media://cover/<id>) */
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
  /** moodtape-media://cover/<id> (the page's CSP allows the scheme in img-src). */
  coverUrl(trackId: string): string;
  /** The files' paths on disk (webUtils.getPathForFile); empty strings dropped. */
  pathsForFiles(files: File[]): string[];
}

/**
 * Serve-mode wire protocol (src/main/serve): page at http://127.0.0.1:PORT/?token=TOKEN,
 * WebSocket at /ws?token=TOKEN, audio at /media/<trackId>?token=TOKEN, cover art at /cover/<trackId>?token=TOKEN,
 * and uploads of dropped files at POST /import?token=TOKEN&name=FILE-NAME (body: the bytes; answers
 * `{ path }`, the saved copy's path, which then goes to `importPaths`).
 */
export interface WsRequest {
  id: number;
  method: Method;
  params: unknown;
}
export type WsMessage = { id: number; envelope: Envelope<unknown> } | { event: EventName; payload: unknown };
