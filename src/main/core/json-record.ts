/**
 * One persisted record (saved playlists, history, the player session, preferences, the mood
 * timeline) in `<dir>/<name>.json`, through the same key-value store as the settings, which
 * writes atomically. Every store of lists goes through this one mechanism:
 * - a change is written before it is acknowledged; when the disk refuses (full, read-only) the
 *   change is kept in memory, the write retried (core/save-retry.ts), and the caller told why;
 * - a damaged file is set aside as `<name>.corrupt-<time>.json` and the record starts empty;
 * - entries that cannot be used are kept in `<name>.rejected.json` (core/keep-aside.ts), never
 *   silently dropped, and named in a notice;
 * - a file the system will not let us read is left in place and never written over;
 * - a change that would make the file larger than `maxBytes` is refused with a clear error.
 */
import { join } from 'node:path';
import type { AppError, ErrorCode } from '../../shared/contract.js';
import { MoodtapeError } from './errors.js';
import { keepAside, namesOf, whereKept, type Rejected } from './keep-aside.js';
import { SaveRetry } from './save-retry.js';
import { readStoreFile } from './store-file.js';
import { confStore, untouchable, type KeyValueStore, type StoreFactory } from './store.js';

export type { Rejected };

export interface Cleaned<T> {
  value: T;
  rejected: Rejected[];
}

export interface RecordSpec<T> {
  dir: string;
  /** The file's name without `.json`, and the one key inside it. */
  name: string;
  /** "saved playlists", for messages. */
  what: string;
  /** The notice code the page groups this record's problems under. */
  code: ErrorCode;
  empty: () => T;
  /**
   * What was on disk (the key's value, undefined when absent) made valid: entries that cannot be
   * used are returned in `rejected`. Null when the file as a whole is not one of ours.
   */
  clean: (raw: unknown) => Cleaned<T> | null;
  factory?: StoreFactory;
  /** Hears about background saves that fail (once per run of failures). */
  report?: (e: AppError) => void;
  /** The most the file may hold (as JSON characters); a change that would pass it is refused. */
  maxBytes?: number;
  /** What to tell the user when a change would pass `maxBytes`. */
  tooLarge?: () => MoodtapeError;
}

/**
 * A stored list described once, beside the code that owns it: entries `problem` finds fault with
 * are set aside under a name from `nameOf` (see `cleanList`); the list starts empty.
 */
export type ListFile<E> = Omit<RecordSpec<E[]>, 'dir' | 'empty' | 'clean' | 'factory' | 'report'> & {
  problem: (e: unknown) => string | null;
  nameOf: (e: unknown, i: number) => string;
};

/** Why writes are refused for this run: the file could not be read, or what was set aside could not be kept. */
class Frozen extends Error {}

export class JsonRecord<T> {
  private readonly saver: SaveRetry;

  private constructor(
    private readonly kv: KeyValueStore,
    private readonly spec: RecordSpec<T>,
    private value: T,
    private readonly frozen: string | null,
  ) {
    this.saver = new SaveRetry(() => this.write(), `your ${spec.what}`, spec.report ?? (() => {}));
  }

  /** Opens a `ListFile` in `dir`. */
  static openList<E>(
    { problem, nameOf, ...file }: ListFile<E>,
    dir: string,
    factory?: StoreFactory,
    report?: (e: AppError) => void,
  ): { store: JsonRecord<E[]>; notice: AppError | null } {
    return JsonRecord.open<E[]>({ ...file, dir, factory, report, empty: () => [], clean: (raw) => cleanList<E>(raw, problem, nameOf) });
  }

  static open<T>(spec: RecordSpec<T>): { store: JsonRecord<T>; notice: AppError | null } {
    const { dir, name, what, code } = spec;
    let cleaned: Cleaned<T> | null = null;
    const { backup, unreadable } = readStoreFile(dir, name, (r) => {
      cleaned = typeof r === 'object' && r !== null && !Array.isArray(r) ? spec.clean((r as Record<string, unknown>)[name]) : null;
      return cleaned !== null;
    });
    const found = cleaned as Cleaned<T> | null;
    const value = found?.value ?? spec.empty();
    let notice: AppError | null = null;
    let frozen: string | null = null;
    if (unreadable) {
      frozen = `its file cannot be read (${unreadable}), so it is left as it is`;
      notice = {
        code,
        message: `Your ${what} file (${name}.json) cannot be read (${unreadable}); it is left as it is, and Moodtape starts without it. Changes to your ${what} are kept only while Moodtape runs.`,
        hint: `Make ${name}.json in Moodtape's data folder readable and writable by you (check its owner and permissions), then restart Moodtape.`,
      };
    } else if (backup) {
      notice = {
        code,
        message: `Your ${what} file was damaged and could not be read; it was kept as ${backup} and a new one was started.`,
        hint: 'Nothing else is affected. The old file can be opened in a text editor.',
      };
    } else if (found && found.rejected.length > 0) {
      const kept = keepAside(dir, name, found.rejected);
      if (!kept.backup) frozen = `what was set aside could not be kept (${kept.error})`;
      const n = found.rejected.length;
      notice = {
        code,
        message: `${n === 1 ? 'One entry' : `${n} entries`} of your ${what} could not be read: ${namesOf(found.rejected)}. ${whereKept(kept, `${name}.json`)} The rest loaded.`,
        hint: 'The entries set aside can be read in a text editor and made again by hand.',
      };
    }
    // An unreadable file is not even opened by the store (conf would read it, and fail).
    const kv = unreadable ? untouchable(join(dir, `${name}.json`)) : (spec.factory ?? confStore)({ cwd: dir, name });
    return { store: new JsonRecord(kv, spec, value, frozen), notice };
  }

  get(): T {
    return this.value;
  }

  /**
   * Replaces the value and writes it. `caller` (the default): a failed write throws save-failed
   * for the request to answer with; otherwise it is reported in the background. Either way the
   * value holds for this run and the write is retried.
   */
  set(value: T, caller = true): void {
    this.refuseTooLarge(value);
    this.value = value;
    this.save(caller);
  }

  /** Writes the value after changing it in place (see `set` for `caller`). */
  save(caller = true): void {
    const error = this.saver.attempt(caller);
    if (error && caller) throw new MoodtapeError(error.code, error.message, error.hint);
  }

  /** Whether `value` fits under the size cap; throws the record's too-large error when not. */
  refuseTooLarge(value: T): void {
    const { maxBytes, tooLarge } = this.spec;
    if (maxBytes === undefined) return;
    if (JSON.stringify(value ?? null).length > maxBytes)
      throw (
        tooLarge?.() ??
        new MoodtapeError('invalid-input', `Your ${this.spec.what} would be too large to save.`, 'Remove some entries first.')
      );
  }

  /** The app is closing: one last try if a write is still owed, then no more retries. */
  close(): void {
    if (this.saver.failing) this.saver.attempt();
    this.saver.cancel();
  }

  get path(): string {
    return this.kv.path;
  }

  private write(): void {
    if (this.frozen) throw new Frozen(this.frozen);
    // One key, so one (atomic) write of the whole file.
    this.kv.set(this.spec.name, this.value);
  }
}

/**
 * A stored list, entry by entry: each entry `problem` finds fault with (it returns why) is set
 * aside with a name from `nameOf`, the rest kept in order. Null when the value is not a list.
 */
export function cleanList<T>(
  raw: unknown,
  problem: (e: unknown) => string | null,
  nameOf: (e: unknown, i: number) => string,
): Cleaned<T[]> | null {
  if (raw === undefined) return { value: [], rejected: [] };
  if (!Array.isArray(raw)) return null;
  const value: T[] = [];
  const rejected: Rejected[] = [];
  raw.forEach((e, i) => {
    const why = problem(e);
    if (why) rejected.push({ name: nameOf(e, i), reason: why, value: e });
    else value.push(e as T);
  });
  return { value, rejected };
}
