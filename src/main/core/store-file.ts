/** The JSON files behind our stores: read them, keep a damaged one aside, leave an unreadable one alone. */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface StoreFile {
  /** The parsed contents when the file was there and acceptable; undefined otherwise. */
  raw: unknown;
  /** Where a damaged file was moved (`<name>.corrupt-<time>.json`), or null. */
  backup: string | null;
  /**
   * The error code when the file is there but cannot be read (no permission, an I/O error): it is
   * left exactly where it is, and the store must not write over it.
   */
  unreadable: string | null;
}

/**
 * Reads `<dir>/<name>.json`. A file that is not JSON, or that `accept` rejects, is renamed aside
 * rather than overwritten, so nothing the user had is lost; the caller says so and starts fresh.
 * A file the system will not let us read is not damaged: it stays in place, untouched.
 */
export function readStoreFile(dir: string, name: string, accept: (raw: unknown) => boolean): StoreFile {
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return { raw: undefined, backup: null, unreadable: null };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    return { raw: undefined, backup: null, unreadable: (e as NodeJS.ErrnoException).code ?? 'EIO' };
  }
  try {
    const raw: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (accept(raw)) {
      // Editors on Windows may save with a byte-order mark; the file is fine, only rewritten without it.
      if (text.startsWith('\uFEFF')) stripBom(file, text);
      return { raw, backup: null, unreadable: null };
    }
  } catch {
    /* not JSON: set aside below */
  }
  const backup = join(dir, `${name}.corrupt-${stamp()}.json`);
  renameSync(file, backup);
  return { raw: undefined, backup, unreadable: null };
}

/** A file-name-safe timestamp for the copies set aside. */
export const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

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

/**
 * The temp files an atomic write leaves behind when the process dies between writing and renaming
 * (`settings.json.tmp-<time><hex>`, `library.json.bom-<pid>`). Only called with the data folder
 * locked, so no other Moodtape is writing them now. Returns the names removed.
 */
export function removeWriteLeftovers(dir: string): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!/\.json\.(tmp-\d{10}[a-f0-9]{6}|bom-\d+)$/.test(name)) continue;
    const path = join(dir, name);
    try {
      if (!statSync(path).isFile()) continue;
      unlinkSync(path);
      removed.push(name);
    } catch {
      /* gone already, or a read-only folder: harmless */
    }
  }
  return removed;
}
