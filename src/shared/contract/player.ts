/** The player's records: the queue session, saved playlists, play history, tray commands. */
import type { Track } from './library.js';
import type { Emotion } from './vision.js';

export type RepeatMode = 'off' | 'all' | 'one';

/** What the player was doing, so a reload or restart brings it back (paused). */
export interface PlayerSession {
  trackIds: string[];
  index: number;
  positionSec: number;
  mood: Emotion | null;
  /** Why the queued tracks were picked, by track id: the line under each row comes back with the queue. */
  reasons?: Record<string, string>;
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

export type PlayerCommand = 'play-pause' | 'next' | 'previous' | 'stop';
