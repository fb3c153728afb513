/**
 * A small persisted record (playlists, history, the player session) in `<dir>/<name>.json`, through
 * the same key-value store as the settings. A damaged file is set aside as `<name>.corrupt-<time>.json`
 * and the store starts empty, with a notice for the user; entries of the wrong shape are dropped.
 */
import type { AppError } from '../../shared/contract.js';
import { confStore, type KeyValueStore, type StoreFactory } from '../core/store.js';
import { readStoreFile } from '../settings/store-file.js';

export interface Opened<T> {
  store: JsonRecord<T>;
  notice: AppError | null;
}

export class JsonRecord<T> {
  private constructor(
    private readonly kv: KeyValueStore,
    private readonly key: string,
    private value: T,
  ) {}

  /**
   * `clean` turns what was on disk into a valid value (dropping what it cannot use); it returns null
   * when the file as a whole is not one of ours, and then the file is set aside.
   */
  static open<T>(
    dir: string,
    name: string,
    what: string,
    empty: () => T,
    clean: (raw: unknown) => T | null,
    factory: StoreFactory = confStore,
  ): Opened<T> {
    const { raw, backup } = readStoreFile(
      dir,
      name,
      (r) => typeof r === 'object' && r !== null && !Array.isArray(r) && clean((r as Record<string, unknown>)[name]) !== null,
    );
    const kv = factory({ cwd: dir, name });
    const value = raw === undefined ? empty() : (clean((raw as Record<string, unknown>)[name]) ?? empty());
    const notice: AppError | null = backup
      ? {
          code: 'playlists-corrupt',
          message: `Your ${what} file was damaged and could not be read; it was kept as ${backup} and a new one was started.`,
          hint: 'Your music library and settings are not affected. The old file can be opened in a text editor.',
        }
      : null;
    return { store: new JsonRecord(kv, name, value), notice };
  }

  get(): T {
    return this.value;
  }

  /** One key, so one (atomic) write of the whole file. */
  set(value: T): void {
    this.value = value;
    this.kv.set(this.key, value);
  }

  get path(): string {
    return this.kv.path;
  }
}
