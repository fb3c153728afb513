/** The JSON files behind our stores (settings, library): read them, or keep a damaged one aside. */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

export interface StoreFile {
  /** The parsed contents when the file was there and acceptable; undefined otherwise. */
  raw: unknown;
  /** Where a damaged file was moved (`<name>.corrupt-<time>.json`), or null. */
  backup: string | null;
}

/**
 * Reads `<dir>/<name>.json`. A file that is not JSON, or that `accept` rejects, is renamed aside
 * rather than overwritten, so nothing the user had is lost; the caller says so and starts fresh.
 */
export function readStoreFile(dir: string, name: string, accept: (raw: unknown) => boolean): StoreFile {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return { raw: undefined, backup: null };
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (accept(raw)) return { raw, backup: null };
  } catch {
    /* not JSON: set aside below */
  }
  const backup = join(dir, `${name}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(file, backup);
  return { raw: undefined, backup };
}
