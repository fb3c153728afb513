/** The JSON files behind our stores (settings, library): read them, or keep a damaged one aside. */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
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
    const text = readFileSync(file, 'utf8');
    const raw: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (accept(raw)) {
      // Editors on Windows may save with a byte-order mark; the file is fine, only rewritten without it.
      if (text.startsWith('\uFEFF')) stripBom(file, text);
      return { raw, backup: null };
    }
  } catch {
    /* not JSON: set aside below */
  }
  const backup = join(dir, `${name}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  renameSync(file, backup);
  return { raw: undefined, backup };
}

/** Rewrites the file without its BOM (temp file + rename, as the stores write); left as it is when the folder is read-only. */
function stripBom(file: string, text: string): void {
  const tmp = `${file}.bom-${process.pid}`;
  try {
    writeFileSync(tmp, text.slice(1));
    renameSync(tmp, file);
  } catch {
    /* the store's own reader copes with the mark too (core/store.ts) */
  }
}
