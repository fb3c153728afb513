/**
 * Entries of a store file that cannot be trusted are never silently dropped: before anything is
 * written over the file, it is copied to `<name>.backup-<time>.json`, and the entries go to
 * `<name>.rejected.json` (appended, each with why), where the user can find them.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stamp } from './store-file.js';

/** One entry set aside: a name the user recognises, why, and the entry as it was. */
export interface Rejected {
  name: string;
  reason: string;
  value: unknown;
}

export interface KeptAside {
  /** The copy of the whole file as it was, or null when nothing could be written. */
  backup: string | null;
  /** `<dir>/<name>.rejected.json`. */
  file: string;
  /** Why they could not be kept (an error code), or null. */
  error: string | null;
}

export function keepAside<R extends Rejected>(dir: string, name: string, rejected: R[]): KeptAside {
  const backup = join(dir, `${name}.backup-${stamp()}.json`);
  const file = join(dir, `${name}.rejected.json`);
  try {
    copyFileSync(join(dir, `${name}.json`), backup);
    let earlier: unknown[] = [];
    try {
      const old: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (Array.isArray(old)) earlier = old;
    } catch {
      /* none yet (or unreadable: it is replaced by a list that starts again; the backup holds them) */
    }
    const batch = { rejectedAt: new Date().toISOString(), from: basename(backup), entries: rejected };
    writeFileSync(file, JSON.stringify([...earlier, batch], null, 2));
    return { backup, file, error: null };
  } catch (e) {
    return { backup: null, file, error: (e as NodeJS.ErrnoException).code ?? String(e) };
  }
}

/** "… They were kept aside in …" or why they could not be, for a notice. */
export function whereKept(kept: KeptAside, fileName: string): string {
  return kept.backup
    ? `They were kept aside in ${kept.file}, and the file as it was in ${kept.backup}.`
    : `They could not be kept aside (${kept.error}); ${fileName} is left as it is until Moodtape can write.`;
}

/** `"A" (why); "B" (why) and 3 more`. */
export function namesOf(rejected: Rejected[], describe: (r: Rejected) => string = (r) => `"${r.name}" (${r.reason})`): string {
  const more = rejected.length > 5 ? ` and ${rejected.length - 5} more` : '';
  return rejected.slice(0, 5).map(describe).join('; ') + more;
}
