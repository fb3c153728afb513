/** What played, when, for how long, under which mood and why: `<data>/history.json`, newest last, capped. */
import type { AppError, HistoryEntry } from '../../shared/contract.js';
import { InvalidInput, validateParams } from '../../shared/validate.js';
import type { StoreFactory } from '../core/store.js';
import { JsonRecord } from './list-store.js';

/** About a year of daily listening; older entries drop off the front. */
export const HISTORY_LIMIT = 10_000;

function cleanEntries(raw: unknown): HistoryEntry[] | null {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return null;
  const out: HistoryEntry[] = [];
  for (const e of raw) {
    try {
      out.push(validateParams('recordPlay', e));
    } catch (err) {
      if (!(err instanceof InvalidInput)) throw err;
    }
  }
  return out;
}

export class HistoryService {
  private constructor(private readonly store: JsonRecord<HistoryEntry[]>) {}

  static open(dir: string, factory?: StoreFactory): { history: HistoryService; notice: AppError | null } {
    const { store, notice } = JsonRecord.open(dir, 'history', 'listening history', () => [], cleanEntries, factory);
    return { history: new HistoryService(store), notice };
  }

  record(entry: HistoryEntry): void {
    const all = [...this.store.get(), entry];
    this.store.set(all.length > HISTORY_LIMIT ? all.slice(all.length - HISTORY_LIMIT) : all);
  }

  /** Newest first. */
  list(limit?: number): HistoryEntry[] {
    const all = [...this.store.get()].reverse();
    return limit ? all.slice(0, limit) : all;
  }

  clear(): void {
    this.store.set([]);
  }
}
