/** What played, when, for how long, under which mood and why: `<data>/history.json`, newest last, capped. */
import type { AppError, HistoryEntry } from '../../shared/contract.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import { JsonRecord, type ListFile } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';

/** About a year of daily listening; older entries drop off the front. */
export const HISTORY_LIMIT = 10_000;
/** Long titles could still make the file large: beyond this the oldest entries drop off too. */
export const HISTORY_MAX_BYTES = 8_000_000;

function problem(e: unknown): string | null {
  if (typeof e !== 'object' || e === null || Array.isArray(e)) return 'it is not an object';
  try {
    validateParams('recordPlay', e);
    return null;
  } catch (err) {
    if (!(err instanceof InvalidInput)) throw err;
    return err.message;
  }
}

const nameOf = (e: unknown, i: number) => {
  const title = (e as { title?: unknown } | null)?.title;
  return typeof title === 'string' && title ? title : `entry ${i + 1}`;
};

const FILE: ListFile<HistoryEntry> = { name: 'history', what: 'listening history', code: 'playlists-corrupt', problem, nameOf };

export class HistoryService {
  private constructor(private readonly store: JsonRecord<HistoryEntry[]>) {}

  static open(dir: string, factory?: StoreFactory, report?: (e: AppError) => void): { history: HistoryService; notice: AppError | null } {
    const { store, notice } = JsonRecord.openList(FILE, dir, factory, report);
    return { history: new HistoryService(store), notice };
  }

  /** Throws save-failed when the disk refuses (the entry is kept in memory and saved later). */
  record(entry: HistoryEntry): void {
    let all = [...this.store.get(), entry];
    if (all.length > HISTORY_LIMIT) all = all.slice(all.length - HISTORY_LIMIT);
    while (all.length > 1 && JSON.stringify(all).length > HISTORY_MAX_BYTES) all = all.slice(Math.ceil(all.length / 10));
    this.store.set(all);
  }

  /** Newest first. */
  list(limit?: number): HistoryEntry[] {
    const all = [...this.store.get()].reverse();
    return limit ? all.slice(0, limit) : all;
  }

  clear(): void {
    this.store.set([]);
  }

  /** The app is closing: a write still owed is tried once more, then retries stop. */
  close(): void {
    this.store.close();
  }
}
