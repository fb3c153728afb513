/** The music library: tracks, queries, imports and changes. */

/** Music-mood regions of the valence/arousal plane (GEMS-based; see src/shared/mood-space.ts). */
export const MUSIC_MOODS = ['joyful', 'energetic', 'tense', 'dark', 'melancholic', 'calm', 'tender'] as const;
export type MusicMood = (typeof MUSIC_MOODS)[number];

export interface Track {
  id: string;
  title: string;
  artist: string;
  album: string;
  durationSec: number;
  /** Position on the mood plane, each in [-1, 1]. */
  valence: number;
  arousal: number;
  /**
   * The music-mood region of the track's position: how a track is described everywhere (library,
   * queue, Now Playing, filters, sort, colours). Face emotions describe the listener, never a track.
   */
  musicMood: MusicMood;
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
  /**
   * Whether the track has cover art: false when it surely has none (the demo tracks), true when an
   * image is known (a cover.jpg beside it), absent when only asking tells (an embedded picture).
   */
  cover?: boolean;
}

export type TrackMoodSource = 'catalogue' | 'analysis' | 'correction' | 'pending' | 'failed';

/** `mood` sorts by music mood (joyful first, round the plane), brightest first within one. */
export type LibrarySort = 'title' | 'artist' | 'album' | 'added' | 'mood' | 'valence' | 'arousal';

/** Search, filter and sort the whole library (demo + user); every field optional. */
export interface LibraryQuery {
  /** Case-insensitive words, all of which must appear in title, artist, album or file name. */
  search?: string;
  sort?: LibrarySort;
  order?: 'asc' | 'desc';
  /** Only tracks in this music-mood region (a face emotion is no filter for tracks). */
  musicMood?: MusicMood;
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
  /** False when too many tracks changed to list them here: fetch the library again. */
  listed: boolean;
  /** Ids of tracks added or changed (empty when not `listed`). */
  changed: string[];
  /** The added or changed tracks themselves, so the page keeps its copy of the library current. */
  tracks: Track[];
  removed: string[];
  total: number;
  user: number;
}

/** Correct a track's mood: a position, a picked music mood (its region's centre), or `reset` to the analysis. */
export type SetTrackMoodParams =
  { id: string; valence: number; arousal: number } | { id: string; musicMood: MusicMood } | { id: string; reset: true };

/** Audio types the library imports (the scanner, the upload check and the player all read this list). */
export const IMPORT_EXTENSIONS = ['mp3', 'ogg', 'oga', 'opus', 'flac', 'm4a', 'aac', 'wav', 'wave'] as const;
