/**
 * The library's file work, one task at a time and each cancellable: imports the user asks for,
 * rescans of watched folders, and the changes their watchers report. Tasks read what the one
 * before wrote, so they never interleave (serial-work.ts); the scan itself is import-run.ts.
 */
import { stat } from 'node:fs/promises';
import type { AppError, LibraryChange, Settings } from '../../shared/contract.js';
import { MoodtapeError } from '../core/errors.js';
import { runImport, type ImportContext, type ImportReason } from './import-run.js';
import { importRefusal, realOrGiven } from './import-roots.js';
import type { ImportTracker } from './import-tracker.js';
import { under } from './library-entries.js';
import type { LibraryEntry } from './library-store.js';
import { isAudioPath } from './scan.js';
import { SerialWork } from './serial-work.js';
import { WatchedFolders } from './watched-folders.js';

export interface ImportTaskHost {
  /** What an import run reads and changes, less where it may look (held here). */
  context: Omit<ImportContext, 'refuse'>;
  /** Serve mode: imports only under these folders and the watched ones; null or absent: anywhere but system folders. */
  importRoots?: string[] | null;
  /** Start file watchers (the one-shot CLI does not). */
  watch: boolean;
  settings: () => Settings;
  updateSettings: (patch: Partial<Settings>) => void;
  /** Entries whose files are gone: the library forgets them. */
  drop: (entries: LibraryEntry[], reason: LibraryChange['reason']) => void;
  error: (e: AppError) => void;
  /** After every task: the library checks whether all work is done. */
  settled: () => void;
  closed: () => boolean;
}

/** What stopped an import or rescan, said plainly: the error is not about any one of the paths. */
function workStopped(what: string, e: unknown): AppError {
  const why = e instanceof Error ? e.message : String(e);
  return {
    code: e instanceof MoodtapeError ? e.code : 'internal',
    message: `${what} stopped before it finished: ${why}`,
    hint: 'The tracks read so far are kept. Try again; if it keeps happening, restart Moodtape.',
  };
}

/** "/music/a" or "3 files and folders", for a message. */
function describe(paths: string[]): string {
  return paths.length === 1 ? paths[0] : `${paths.length} files and folders`;
}

const isFolder = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );

export class ImportTasks {
  private readonly work: SerialWork;
  private readonly watched: WatchedFolders;
  private readonly ctx: ImportContext;
  private readonly tracker: ImportTracker;
  /** One per queued or running task: cancel() aborts them all. */
  private readonly running = new Set<AbortController>();
  /** Where imports may look, resolved when each task starts (null: anywhere but system folders). */
  private roots: string[] | null = null;

  constructor(private readonly host: ImportTaskHost) {
    this.work = new SerialWork(host.settled);
    this.tracker = host.context.tracker;
    this.ctx = { ...host.context, refuse: (real) => importRefusal(real, this.roots) };
    this.watched = new WatchedFolders((paths) => this.onWatchedChanges(paths), host.error, host.watch);
  }

  /** Tasks queued or running. */
  get pending(): number {
    return this.work.pending;
  }

  /** Whether a path lies under a watched folder (or one of `configured`, before the first sync). */
  covers(path: string, configured: readonly string[]): boolean {
    return this.watched.covers(path, configured);
  }

  /** Imports files and folders (and watches the folders among them when asked); progress goes to the tracker. */
  importPaths(paths: string[], watch: boolean): void {
    this.tracker.begin('scanning');
    this.task(
      async (signal) => {
        if (watch && !signal.aborted) await this.watchFolders(paths);
        await this.runImport(paths, 'import', signal);
      },
      `Adding ${describe(paths)}`,
    );
  }

  /** Starts and stops watchers for the settings' folders; newly watched folders (or all, at start) are scanned. */
  async syncWatched(folders: string[], rescanAll: boolean): Promise<void> {
    if (!this.host.watch && !rescanAll) return;
    const fresh = await this.watched.sync(folders, rescanAll);
    if (fresh.length) this.rescan(fresh);
  }

  /** Stops every task queued or running; tracks already added stay. */
  cancel(): void {
    if (this.running.size === 0) return;
    for (const c of this.running) c.abort();
    this.tracker.cancelled();
  }

  close(): void {
    this.watched.close();
  }

  /** Adds the folders among `paths` to the watched folders (files are imported, not watched). */
  private async watchFolders(paths: string[]): Promise<void> {
    const folders: string[] = [];
    for (const p of paths) if (await isFolder(p)) folders.push(p);
    await this.resolveRoots();
    const allowed: string[] = [];
    for (const f of folders) if (!importRefusal(await realOrGiven(f), this.roots)) allowed.push(f);
    if (!allowed.length) return;
    const next = [...new Set([...this.host.settings().watchedFolders, ...allowed])];
    this.host.updateSettings({ watchedFolders: next });
    await this.syncWatched(next, false);
  }

  private rescan(folders: string[]): void {
    this.tracker.begin('scanning');
    this.task(
      async (signal) => {
        const found = await this.runImport(folders, 'watch', signal);
        // A file under a watched folder that the scan no longer finds was deleted.
        const gone = [...this.ctx.entries.all()].filter(
          (e) => folders.some((f) => under(e.path, f) && found.readable.has(f)) && !found.files.has(e.path),
        );
        if (gone.length) this.host.drop(gone, 'watch');
      },
      `Rescanning ${describe(folders)}`,
    );
  }

  private onWatchedChanges(paths: string[]): void {
    if (this.host.closed()) return;
    this.task(async (signal) => {
      const present: string[] = [];
      const gone: LibraryEntry[] = [];
      for (const p of new Set(paths)) {
        const s = await stat(p).catch(() => null);
        if (s?.isDirectory() || (s?.isFile() && isAudioPath(p))) present.push(p);
        else if (!s) for (const e of this.ctx.entries.all()) if (under(e.path, p)) gone.push(e);
      }
      if (gone.length) this.host.drop(gone, 'watch');
      if (present.length) await this.runImport(present, 'watch', signal);
    }, 'Picking up changes in a watched folder');
  }

  /** Queues a task with a signal that cancel() aborts, from now until the task ends; `what` names it in an error. */
  private task(task: (signal: AbortSignal) => Promise<void>, what: string): void {
    const c = new AbortController();
    this.running.add(c);
    this.work.run(
      async () => {
        try {
          await task(c.signal);
        } finally {
          this.running.delete(c);
        }
      },
      (e) => this.host.error(workStopped(what, e)),
    );
  }

  private async resolveRoots(): Promise<void> {
    const fixed = this.host.importRoots;
    if (!fixed) return void (this.roots = null);
    const folders = [...fixed, ...this.host.settings().watchedFolders];
    this.roots = [...new Set([...folders, ...(await Promise.all(folders.map(realOrGiven)))])];
  }

  private async runImport(paths: string[], reason: ImportReason, signal: AbortSignal) {
    await this.resolveRoots();
    return runImport(this.ctx, paths, reason, signal);
  }
}
