/**
 * One Moodtape per data folder: two processes writing the same stores overwrite each other's
 * changes. The first takes `<dir>/moodtape.lock` (its pid, host and what it is) exclusively; a
 * second one is told which process holds it. A lock whose process is gone (a crash, a power cut)
 * is stale and taken over. Within one process the lock is shared (counted), so the app and its
 * tools can open the folder more than once.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export const LOCK_NAME = 'moodtape.lock';

export interface LockOwner {
  pid: number;
  host: string;
  /** "moodtape serve", "the Moodtape app". */
  what: string;
  startedAt: string;
}

/** Another running Moodtape holds the folder. */
export class DataFolderInUse extends Error {
  constructor(
    readonly dir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `Another Moodtape is already using the data folder ${dir}: ${owner.what} (process ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''}, since ${owner.startedAt}). ` +
        'Two at once would overwrite each other’s playlists and settings. Quit that one first, or use another data folder (--data-dir).',
    );
    this.name = 'DataFolderInUse';
  }
}

/** The data folder cannot be written at all (read-only file system, no permission). */
export class DataFolderNotWritable extends Error {
  constructor(
    readonly dir: string,
    readonly code: string,
    creating = false,
  ) {
    const why =
      code === 'EROFS'
        ? 'it is on a read-only file system'
        : code === 'EACCES' || code === 'EPERM'
          ? 'you have no permission to write there'
          : `the system said ${code}`;
    super(
      `Moodtape cannot ${creating ? 'create' : 'write to'} its data folder ${dir}: ${why} (${code}). Playlists, settings and the library could not be saved. ` +
        'Make the folder writable (or mount it read-write), or start Moodtape with another data folder (--data-dir).',
    );
    this.name = 'DataFolderNotWritable';
  }
}

export interface DataLock {
  release(): void;
}

const held = new Map<string, { count: number; file: string }>();

function alive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot tell: assume it runs
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isSafeInteger(o.pid) && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

/**
 * Takes the folder for this process (creating it), or throws DataFolderInUse / DataFolderNotWritable.
 * `what` names this instance for the message another one shows.
 */
export function lockDataFolder(dir: string, what: string): DataLock {
  const file = join(dir, LOCK_NAME);
  const mine = held.get(file);
  if (mine) {
    mine.count++;
    return once(file);
  }
  const fail = (e: unknown): never => {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') throw new DataFolderNotWritable(dir, code);
    throw e;
  };
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    // Whatever the reason (a read-only disk can even answer ENOENT here), say it plainly.
    throw new DataFolderNotWritable(dir, (e as NodeJS.ErrnoException).code ?? 'EIO', true);
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), what, startedAt: new Date().toISOString() };
  // Written whole under a private name, then linked into place: the link either makes the lock,
  // complete, or fails with EEXIST; nobody ever reads half a lock file.
  const tmp = join(dir, `${LOCK_NAME}.${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(tmp, JSON.stringify(owner));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // A full disk is no reason not to start (the stores retry their writes); it just runs unlocked.
    if (code === 'ENOSPC' || code === 'EDQUOT') return { release: () => {} };
    fail(e);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(tmp, file);
        break;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          // File systems without hard links (FAT, some network shares): an exclusive create.
          if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS') {
            writeFileSync(file, JSON.stringify(owner), { flag: 'wx' });
            break;
          }
          fail(e);
        }
        const other = readOwner(file);
        if (other && (other.pid !== process.pid || other.host !== hostname()) && alive(other)) throw new DataFolderInUse(dir, other);
        if (!other && attempt === 0) {
          // Unreadable or half-written by a much older version: give a writer a moment, then take it.
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
          const again = readOwner(file);
          if (again && alive(again)) throw new DataFolderInUse(dir, again);
        }
        if (attempt >= 2) throw new DataFolderInUse(dir, other ?? { pid: 0, host: hostname(), what: 'an unknown program', startedAt: '?' });
        // Stale: its process is gone.
        try {
          unlinkSync(file);
        } catch {
          /* another instance took it over first: the next link tells */
        }
      }
    }
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* already gone */
    }
  }
  held.set(file, { count: 1, file });
  return once(file);
}

/** A release that counts once, however often it is called. */
function once(file: string): DataLock {
  let done = false;
  return {
    release() {
      if (done) return;
      done = true;
      const h = held.get(file);
      if (!h || --h.count > 0) return;
      held.delete(file);
      removeIfOurs(file);
    },
  };
}

function removeIfOurs(file: string): void {
  const o = readOwner(file);
  if (o?.pid !== process.pid || o.host !== hostname()) return;
  try {
    unlinkSync(file);
  } catch {
    /* gone already */
  }
}

// A process that ends without closing its app (Ctrl+C in a script, process.exit) leaves no lock behind.
process.once('exit', () => {
  for (const file of held.keys()) removeIfOurs(file);
});
