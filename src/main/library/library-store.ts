/**
 * The user's library on disk: `<dir>/library.json` through the same KeyValueStore as the settings
 * (electron-store in the app, conf in serve mode and the CLI), which writes atomically (temp file +
 * rename), so a crash never leaves half a file. Writes are batched: a busy import saves at most
 * every SAVE_MS. A file that cannot be read is kept aside and the library rebuilt from the watched
 * folders, with a notice, never silently emptied; so is each entry that cannot be trusted
 * (library-load.ts). A write that fails keeps the data in memory and is retried (core/save-retry.ts).
 */
import { join } from 'node:path';
import type { AppError } from '../../shared/contract.js';
import { isObject } from '../../shared/is-object.js';
import { confStore, untouchable, type KeyValueStore, type StoreFactory } from '../core/store.js';
import { MoodtapeError } from '../core/errors.js';
import { keepAside, namesOf, whereKept, type KeptAside } from '../core/keep-aside.js';
import { SaveRetry } from '../core/save-retry.js';
import { readStoreFile } from '../core/store-file.js';
import { loadLibraryData, type Rejected as LibraryRejected } from './library-load.js';
import type { LibraryData } from './library-types.js';

export type { Correction, LibraryData, LibraryEntry } from './library-types.js';

const SAVE_MS = 1500;

function rejectedNotice(rejected: LibraryRejected[], kept: KeptAside): AppError {
  const names = namesOf(rejected, (r) => {
    const kind = (r as LibraryRejected).kind;
    return `"${r.name}" (${kind === 'track' ? '' : 'its mood correction: '}${r.reason})`;
  });
  return {
    code: 'library-corrupt',
    message: `${rejected.length === 1 ? 'One entry' : `${rejected.length} entries`} of your music library could not be read: ${names}. ${whereKept(kept, 'the library file')} The rest of the library loaded.`,
    hint: 'Tracks set aside come back when you add their files again (a watched folder does it by itself); redo their mood corrections.',
  };
}

export class LibraryStore {
  private timer: NodeJS.Timeout | null = null;
  private dirty = false;
  private readonly saver: SaveRetry;

  private constructor(
    private readonly store: KeyValueStore,
    readonly data: LibraryData,
    report: (e: AppError) => void,
    /** Nothing is written while what was set aside could not be kept (the file still holds it). */
    private readonly frozen: boolean,
  ) {
    this.saver = new SaveRetry(() => this.write(), 'your music library', report);
  }

  /**
   * `rebuild` is true when the file was damaged: the caller rescans the watched folders.
   * `report` hears about background saves that fail (once per run of failures).
   */
  static open(
    dir: string,
    factory: StoreFactory = confStore,
    report: (e: AppError) => void = () => {},
  ): { store: LibraryStore; notice: AppError | null; rebuild: boolean } {
    const validShape = (raw: unknown) => {
      const lib = isObject(raw) ? raw.library : undefined;
      return isObject(raw) && (lib === undefined || (isObject(lib) && Array.isArray(lib.tracks)));
    };
    const { raw, backup, unreadable } = readStoreFile(dir, 'library', validShape);
    const parsed: Record<string, unknown> = isObject(raw) && isObject(raw.library) ? raw.library : {};
    const { data, rejected } = loadLibraryData(parsed);
    let notice: AppError | null = backup
      ? {
          code: 'library-corrupt',
          message: `Your music library file was damaged and could not be read; it was kept as ${backup}. The library is being rebuilt from your watched folders.`,
          hint: 'Tracks from watched folders come back by themselves; add other files or folders again, and redo any mood corrections that are missing.',
        }
      : null;
    let frozen = false;
    if (unreadable) {
      // Not damaged: left in place, and never written over while it cannot be read.
      frozen = true;
      notice = {
        code: 'library-corrupt',
        message: `Your music library file (library.json) cannot be read (${unreadable}); it is left as it is, and Moodtape starts with the demo tracks only. Changes to the library are kept only while Moodtape runs.`,
        hint: "Make library.json in Moodtape's data folder readable and writable by you (check its owner and permissions), then restart Moodtape.",
      };
    } else if (rejected.length) {
      const kept = keepAside(dir, 'library', rejected);
      frozen = kept.backup === null;
      notice = rejectedNotice(rejected, kept);
    }
    const store = unreadable ? untouchable(join(dir, 'library.json')) : factory({ cwd: dir, name: 'library' });
    return { store: new LibraryStore(store, data, report, frozen), notice, rebuild: backup !== null };
  }

  get path(): string {
    return this.store.path;
  }

  /** Marks the data changed; it is written within SAVE_MS. */
  changed(): void {
    this.dirty = true;
    if (this.timer || this.saver.failing) return;
    this.timer = setTimeout(() => this.flush(), SAVE_MS);
    this.timer.unref();
  }

  /** Writes now if anything changed; a failure is reported (once) and retried, never thrown. */
  flush(): AppError | null {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return null;
    return this.saver.attempt();
  }

  /** Writes now for a request that must know: throws the save-failed error (the change stays in memory). */
  saveNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.dirty) return;
    const error = this.saver.attempt(true);
    if (error) throw new MoodtapeError(error.code, error.message, error.hint);
  }

  /** Stops retrying (the app is closing). */
  close(): void {
    this.saver.cancel();
  }

  private write(): void {
    if (this.frozen) throw new Error('its file could not be read, or what was set aside could not be kept, so it is left as it is');
    // One key, so one (atomic) write of the whole file.
    this.store.set('library', { version: 1, ...this.data });
    this.dirty = false;
  }
}
