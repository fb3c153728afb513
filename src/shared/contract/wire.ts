/** How requests and events cross the two transports: envelopes, the renderer's API, limits, channel names. */
import type { AppError, ErrorCode } from './errors.js';
import type { EventName, Events } from './events.js';
import type { ImportStatus } from './library.js';
import type { Method, Params, Result } from './requests/index.js';

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
