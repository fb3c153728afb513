/** App-wide types: settings (and their defaults), errors, About, the state a page starts from. */
import type { AppError } from './errors.js';
import type { Track } from './library.js';
import type { Mood, MoodIntent } from './mood.js';
import type { RepeatMode } from './player.js';
import type { CameraState, DetectionMode, Emotion } from './vision.js';

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
  /** The player: shuffle, repeat, loudness, crossfade. */
  shuffle: boolean;
  repeat: RepeatMode;
  /** Play every track at the same loudness (-18 LUFS, peak-limited). */
  normalizeLoudness: boolean;
  /** 0 = off (same-album tracks then play gapless), up to 12 seconds. */
  crossfadeSec: number;
  /** Match the mood (default), or lift, calm down, energise it over the playlist. */
  intent?: MoodIntent;
}

/** Settings as a fresh install has them (and what a bad stored value falls back to). */
export const DEFAULT_SETTINGS: Settings = {
  volume: 0.8,
  mode: 'snapshot',
  cameraSource: '0',
  lastMood: null,
  window: null,
  onlyUserTracks: false,
  watchedFolders: [],
  // the player's settings
  shuffle: false,
  repeat: 'off',
  normalizeLoudness: true,
  crossfadeSec: 0,
  quitOnClose: false,
  // Mood fit: playlists match the mood unless the user picks lift, calm down or energise.
  intent: 'match',
};

export interface ModelInfo {
  name: string;
  version: string;
  labels: string[];
  accuracy: number | null;
}

export interface Attribution {
  title: string;
  /** Names only, as the player shows them. */
  artist: string;
  /** The credit in full, where it says more than the names ("commissioned by ..."). */
  credit?: string;
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
