/**
 * The user's library on disk: `<dir>/library.json` through the same KeyValueStore as the settings
 * (electron-store in the app, conf in serve mode and the CLI), which writes atomically (temp file +
 * rename), so a crash never leaves half a file. Writes are batched: a busy import saves at most
 * every SAVE_MS. A file that cannot be read is kept aside and the library rebuilt from the watched
 * folders, with a notice, never silently emptied.
 */
import type { AppError, Emotion } from '../../shared/contract.js';
import { isObject } from '../../shared/is-object.js';
import { confStore, type KeyValueStore, type StoreFactory } from '../core/store.js';
import { readStoreFile } from '../settings/store-file.js';
import type { AudioAnalysis } from './analysis/analyze.js';

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
}

export interface LibraryData {
  tracks: LibraryEntry[];
  /** Paths the user removed: a watched folder does not bring them back. */
  removed: string[];
  /** Corrections of demo tracks, by id. */
  demoCorrections: Record<string, Correction>;
}

const SAVE_MS = 1500;

function validEntry(e: unknown): e is LibraryEntry {
  return (
    isObject(e) &&
    typeof e.id === 'string' &&
    typeof e.path === 'string' &&
    typeof e.size === 'number' &&
    typeof e.mtimeMs === 'number' &&
    typeof e.title === 'string' &&
    typeof e.artist === 'string' &&
    typeof e.album === 'string' &&
    typeof e.durationSec === 'number'
  );
}

export class LibraryStore {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;

  private constructor(
    private readonly store: KeyValueStore,
    readonly data: LibraryData,
  ) {}

  /** `rebuild` is true when the file was damaged: the caller rescans the watched folders. */
  static open(dir: string, factory: StoreFactory = confStore): { store: LibraryStore; notice: AppError | null; rebuild: boolean } {
    const validShape = (raw: unknown) => {
      const lib = isObject(raw) ? raw.library : undefined;
      return isObject(raw) && (lib === undefined || (isObject(lib) && Array.isArray(lib.tracks)));
    };
    const { raw, backup } = readStoreFile(dir, 'library', validShape);
    const parsed: Record<string, unknown> = isObject(raw) && isObject(raw.library) ? raw.library : {};
    const notice: AppError | null = backup
      ? {
          code: 'library-corrupt',
          message: `Your music library file was damaged and could not be read; it was kept as ${backup}. The library is being rebuilt from your watched folders.`,
          hint: 'Tracks from watched folders come back by themselves; add other files or folders again, and redo any mood corrections that are missing.',
        }
      : null;
    const store = factory({ cwd: dir, name: 'library' });
    const tracks = Array.isArray(parsed.tracks) ? parsed.tracks.filter(validEntry) : [];
    const data: LibraryData = {
      tracks: tracks.map((t) => ({
        ...t,
        analysis: t.analysis ?? null,
        analysisError: t.analysisError ?? null,
        correction: t.correction ?? null,
        folderImage: t.folderImage ?? null,
        addedAt: t.addedAt ?? Date.now(),
      })),
      removed: Array.isArray(parsed.removed) ? parsed.removed.filter((p): p is string => typeof p === 'string') : [],
      demoCorrections: isObject(parsed.demoCorrections) ? (parsed.demoCorrections as Record<string, Correction>) : {},
    };
    return { store: new LibraryStore(store, data), notice, rebuild: notice !== null };
  }

  get path(): string {
    return this.store.path;
  }

  /** Marks the data changed; it is written within SAVE_MS. */
  changed(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), SAVE_MS);
    this.timer.unref();
  }

  /** Writes now if anything changed. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    this.dirty = false;
    // One key, so one (atomic) write of the whole file.
    this.store.set('library', { version: 1, ...this.data });
  }
}
