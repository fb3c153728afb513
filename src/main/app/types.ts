/** The transport-agnostic app the Electron shell, serve mode and tests all drive. */
import type { Envelope, EventName, Events, Method, Mood, PlayerCommand } from '../../shared/contract.js';
import type { KeyValueStore } from '../core/store.js';
import type { MediaResponse } from '../library/media-response.js';

export type EventListener = <E extends EventName>(name: E, payload: Events[E]) => void;

export type { KeyValueStore };

export interface MoodtapeOptions {
  /** Folder holding models/ and music/ (the repo's assets/ or the packaged resources/assets). */
  assetsDir: string;
  /** Folder of settings.json and library.json, in every mode (`openStore`, when given, opens its stores there). */
  dataDir: string;
  /** Overrides the saved camera source for this run (e.g. a video file in tests). */
  cameraSource?: string;
  /** Builds the settings and library stores (default: conf); the Electron shell passes electron-store here. */
  openStore?: (opts: { cwd: string; name: string }) => KeyValueStore;
  version: string;
  /** What this instance is, for the message another one gets when the data folder is taken ("moodtape serve"). */
  instanceName?: string;
  /** Worker threads for the music library (default: cores - 1, at most 4). */
  libraryWorkers?: number;
  /**
   * Serve mode: imports and watched folders only under these folders (home, uploads) and the
   * folders already watched; absent: anywhere but /proc, /sys and /dev (the desktop app's own dialogs).
   */
  importRoots?: string[];
}

export interface Moodtape {
  /** Validates params and runs one request; never throws. */
  call(method: Method | string, params: unknown): Promise<Envelope<unknown>>;
  /** Every event for the renderer; returns an unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** Tray quick mood: camera on, one snapshot, camera off; emits a mood with autoplay. */
  quickMood(): Promise<Mood | null>;
  /** Tray mood submenu. */
  chooseMood(emotion: Mood['emotion'], source: Mood['source']): Mood;
  /** Tray player actions, forwarded to the renderer as a `command` event. */
  sendCommand(command: PlayerCommand): void;
  /** Audio bytes for a library track id, with HTTP Range semantics (never a raw path). */
  media(trackId: string, range: string | null): Promise<MediaResponse>;
  /** A track's cover art by id (embedded picture or cover.jpg beside it); 404 when none. */
  cover?(trackId: string): Promise<MediaResponse>;
  dispose(): Promise<void>;
}
