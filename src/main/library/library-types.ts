/** The shapes kept in library.json (written by library-store.ts, checked entry by entry by library-load.ts). */
import type { MusicMood } from '../../shared/contract.js';
import type { AudioAnalysis } from './analysis/analyze.js';
import type { TagInfo } from './tags.js';

/**
 * The user's placing of a track. Older files may hold `emotion` (a face emotion picked for the track)
 * instead of `musicMood`: library-load.ts keeps their position and drops the label.
 */
export interface Correction {
  valence: number;
  arousal: number;
  /** Set when the user picked a music mood (the track sits at its centre) rather than a spot on the plane. */
  musicMood: MusicMood | null;
  at: number;
}

/** A track of the user's: the file's tags as last read (`path` is its real path, never sent to the renderer), and what the library knows of it. */
export interface LibraryEntry extends TagInfo {
  id: string;
  addedAt: number;
  /** Cached analysis of this exact file version (path + size + mtime); null until analysed. */
  analysis: AudioAnalysis | null;
  /** Why analysis failed for this file version. */
  analysisError: string | null;
  correction: Correction | null;
  /** An image beside the file (cover.jpg, ...), used when there is no embedded cover. */
  folderImage: string | null;
  /** The file was not found at the last check. */
  missing?: boolean;
}

export interface LibraryData {
  tracks: LibraryEntry[];
  /** Paths the user removed: a watched folder does not bring them back. */
  removed: string[];
  /** Corrections of demo tracks, by id. */
  demoCorrections: Record<string, Correction>;
}
