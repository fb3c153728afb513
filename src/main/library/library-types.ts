/** The shapes kept in library.json (written by library-store.ts, checked entry by entry by library-load.ts). */
import type { Emotion } from '../../shared/contract.js';
import type { AudioAnalysis } from './analysis/analyze.js';
import type { ReplayGain } from './tags.js';

export interface Correction {
  valence: number;
  arousal: number;
  /** Set when the user picked an emotion rather than a spot on the plane. */
  emotion: Emotion | null;
  at: number;
}

export interface LibraryEntry {
  id: string;
  /** Real path of the file (never sent to the renderer). */
  path: string;
  size: number;
  mtimeMs: number;
  title: string;
  artist: string;
  album: string;
  durationSec: number;
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
  /** The file's ReplayGain tags (absent in entries written before they were read). */
  replayGain?: ReplayGain | null;
}

export interface LibraryData {
  tracks: LibraryEntry[];
  /** Paths the user removed: a watched folder does not bring them back. */
  removed: string[];
  /** Corrections of demo tracks, by id. */
  demoCorrections: Record<string, Correction>;
}
