/**
 * A small local JSON file (preferences, mood timeline) through the same KeyValueStore as settings
 * and library, so it is written atomically. A damaged file is kept aside and the store starts
 * empty, with a notice for the user: nothing is silently overwritten. A write that fails (full
 * disk) keeps the data in memory and is retried; it never fails the request that caused it.
 */
import type { AppError } from '../../shared/contract.js';
import { SaveRetry } from '../core/save-retry.js';
import { confStore, type StoreFactory } from '../core/store.js';
import { readStoreFile } from '../settings/store-file.js';

export interface LocalFile<T> {
  data: T;
  save(): void;
  notice: AppError | null;
}

export function openLocalFile<T>(
  dir: string,
  name: string,
  what: string,
  parse: (raw: unknown) => T | null,
  factory: StoreFactory = confStore,
  report: (e: AppError) => void = () => {},
): LocalFile<T> {
  let parsed: T | null = null;
  const { raw, backup } = readStoreFile(dir, name, (r) => {
    parsed = typeof r === 'object' && r !== null ? parse((r as Record<string, unknown>)[name]) : null;
    return parsed !== null;
  });
  const store = factory({ cwd: dir, name });
  const data = (raw === undefined ? null : parsed) ?? (parse(undefined) as T);
  const notice: AppError | null = backup
    ? {
        code: 'settings-corrupt',
        message: `Your ${what} file was damaged and could not be read; it was kept as ${backup}.`,
        hint: `Moodtape starts a fresh ${what}; nothing else is affected.`,
      }
    : null;
  const retry = new SaveRetry(() => store.set(name, data), `your ${what}`, report);
  return { data, notice, save: () => void retry.attempt() };
}
