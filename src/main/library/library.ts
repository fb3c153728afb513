/**
 * The user's music library as the app sees it: import, the cached results, corrections, watched
 * folders, and the whole library (demo + user) as the contract's tracks. This facade coordinates;
 * the work lives beside it: import-run.ts (scan, tags), analysis-queue.ts, import-tracker.ts
 * (progress), watched-folders.ts, change-feed.ts (`library` events), library-entries.ts (the index),
 * library-store.ts (the file). Heavy work runs in worker threads (worker-pool.ts), so the main loop
 * stays free.
 */
import { stat } from 'node:fs/promises';
import type {
  AppError,
  Events,
  ImportStatus,
  LibraryChange,
  LibraryPage,
  LibraryQuery,
  Settings,
  SetTrackMoodParams,
  Track,
} from '../../shared/contract.js';
import { MoodtapeError, errors } from '../core/errors.js';
import { mapLimit } from '../core/map-limit.js';
import type { StoreFactory } from '../core/store.js';
import { EMOTION_TARGETS } from '../../shared/mood-space.js';
import { AnalysisQueue, needsAnalysis } from './analysis-queue.js';
import type { Catalogue } from './catalogue.js';
import { runImport, type ImportContext, type ImportReason } from './import-run.js';
import { importRefusal, realOrGiven } from './import-roots.js';
import { ImportTracker } from './import-tracker.js';
import { ChangeFeed } from './change-feed.js';
import { LibraryEntries, under } from './library-entries.js';
import { LibraryStore, type LibraryEntry } from './library-store.js';
import { isAudioPath } from './scan.js';
import { SerialWork } from './serial-work.js';
import type { Cover } from './tags.js';
import { demoTrack, queryTracks, recommendable, userTrack } from './track-view.js';
import { WatchedFolders } from './watched-folders.js';
import { WorkerPool, defaultPoolSize } from './worker-pool.js';

type LibraryEvents = Pick<Events, 'library' | 'import-progress' | 'error'>;

export interface LibraryOptions {
  dataDir: string;
  openStore?: StoreFactory;
  demo: Catalogue;
  settings: () => Settings;
  updateSettings: (patch: Partial<Settings>) => void;
  emit: <E extends keyof LibraryEvents>(name: E, payload: LibraryEvents[E]) => void;
  /** Worker threads (default: cores - 1, at most 4). */
  workers?: number;
  /** Analyse audio after import (default true); the CLI can import tags only. */
  analyse?: boolean;
  /** Watch folders for changes while running (default true; the one-shot CLI does not). */
  watch?: boolean;
  /**
   * Serve mode: imports only under these folders (home, uploads) and the watched folders; null or
   * absent: anywhere but the system folders (import-roots.ts).
   */
  importRoots?: string[] | null;
}

const STAT_LIMIT = 32;

/** What stopped an import or rescan, said plainly: the error is not about any one of the paths. */
function workStopped(what: string, e: unknown): AppError {
  const why = e instanceof Error ? e.message : String(e);
  return {
    code: e instanceof MoodtapeError ? e.code : 'internal',
    message: `${what} stopped before it finished: ${why}`,
    hint: 'The tracks read so far are kept. Try again; if it keeps happening, restart Moodtape.',
  };
}

export class LibraryService {
  private readonly entries: LibraryEntries;
  private readonly pool: WorkerPool;
  private readonly tracker: ImportTracker;
  private readonly analysis: AnalysisQueue;
  private readonly watched: WatchedFolders;
  private readonly changes: ChangeFeed;
  private readonly work = new SerialWork(() => this.afterWork());
  private readonly importCtx: ImportContext;
  private cache: Track[] | null = null;
  /** One per queued or running import task: cancelImport() aborts them all. */
  private readonly running = new Set<AbortController>();
  /** Where imports may look, resolved when each task starts (null: anywhere but system folders). */
  private roots: string[] | null = null;
  private idleWaiters: Array<() => void> = [];
  private closed = false;

  private constructor(
    private readonly opts: LibraryOptions,
    private readonly store: LibraryStore,
    private readonly rebuild: boolean,
  ) {
    this.entries = new LibraryEntries(store);
    this.pool = new WorkerPool(opts.workers ?? defaultPoolSize());
    this.tracker = new ImportTracker((s) => opts.emit('import-progress', s));
    this.analysis = new AnalysisQueue(
      this.pool,
      this.entries,
      this.tracker,
      {
        analysed: (e) => this.touch([e.id], [], 'analysis'),
        settled: () => this.afterWork(),
      },
      opts.analyse !== false,
    );
    this.watched = new WatchedFolders(
      (paths) => this.onWatchedChanges(paths),
      (e) => opts.emit('error', e),
      opts.watch !== false,
    );
    this.changes = new ChangeFeed(
      (change) => opts.emit('library', change),
      () => ({ total: opts.demo.tracks.length + store.data.tracks.length, user: store.data.tracks.length }),
      (ids) => this.tracks().filter((t) => ids.has(t.id)),
    );
    this.importCtx = {
      data: store.data,
      entries: this.entries,
      pool: this.pool,
      tracker: this.tracker,
      analysis: this.analysis,
      touch: (changed, removed, reason) => this.touch(changed, removed, reason),
      refuse: (real) => importRefusal(real, this.roots),
    };
  }

  /** Opens the library; `notice` tells about a damaged file that was set aside. Call start() next. */
  static open(opts: LibraryOptions): { library: LibraryService; notice: AppError | null } {
    const { store, notice, rebuild } = LibraryStore.open(opts.dataDir, opts.openStore, (e) => opts.emit('error', e));
    return { library: new LibraryService(opts, store, rebuild), notice };
  }

  /**
   * Picks up what changed while the app was not running: missing files, watched folders (rescanned
   * instead), analyses left to do or made by an older mood model.
   */
  async start(): Promise<void> {
    const folders = this.opts.settings().watchedFolders;
    const checks = [...this.entries.all()].filter((e) => !this.watched.covers(e.path, folders));
    const flagged = await mapLimit(checks, STAT_LIMIT, async (e) => {
      const missing = await stat(e.path).then(
        (s) => !s.isFile(),
        () => true,
      );
      if (!!e.missing === missing) return false;
      e.missing = missing;
      return true;
    });
    if (flagged.includes(true)) this.touch([], [], 'watch');
    for (const e of this.entries.all()) if (needsAnalysis(e)) this.analysis.enqueue(e);
    await this.syncWatched(folders, true);
    if (this.rebuild) this.touch([], [], 'rebuild');
  }

  get path(): string {
    return this.store.path;
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Demo tracks then the user's, corrections applied. */
  tracks(): Track[] {
    if (!this.cache) {
      const demo = this.opts.demo.tracks.map((t) => demoTrack(t, this.store.data.demoCorrections[t.id]));
      this.cache = [...demo, ...this.store.data.tracks.map(userTrack)];
    }
    return this.cache;
  }

  userTracks(): Track[] {
    return this.tracks().filter((t) => t.origin === 'user');
  }

  /** What the recommender draws from: placed, playable tracks (only the user's when asked and there are any). */
  recommendable(onlyUser: boolean): Track[] {
    const all = this.tracks().filter(recommendable);
    if (!onlyUser) return all;
    const mine = all.filter((t) => t.origin === 'user');
    return mine.length > 0 ? mine : all;
  }

  query(q: LibraryQuery | null): LibraryPage {
    return queryTracks(this.tracks(), q);
  }

  status(): ImportStatus {
    return this.tracker.snapshot();
  }

  /** Resolves when no import or analysis is running. */
  whenIdle(): Promise<ImportStatus> {
    if (this.isIdle()) return Promise.resolve(this.status());
    return new Promise((resolve) => this.idleWaiters.push(() => resolve(this.status())));
  }

  /** The file behind a user track id (the only way from a request to a path). */
  pathOf(id: string): string | null {
    return this.entries.get(id)?.path ?? null;
  }

  /** A track's cover art; null when it has none or it cannot be read (the page shows a placeholder). */
  async cover(id: string): Promise<Cover | null> {
    const e = this.entries.get(id);
    const path = e?.path ?? this.opts.demo.pathOf(id);
    if (!path) return null;
    try {
      return await this.pool.run<Cover | null>({ kind: 'cover', path, folderImage: e?.folderImage ?? null }, true);
    } catch {
      return null;
    }
  }

  // ---- changing ------------------------------------------------------------------------------

  /** Starts importing files and folders; returns the status at once (progress follows as events). */
  importPaths(paths: string[], opts: { watch?: boolean } = {}): ImportStatus {
    this.tracker.begin('scanning');
    this.importTask(
      async (signal) => {
        if (opts.watch && !signal.aborted) await this.watchFolders(paths);
        await this.runImportTask(paths, 'import', signal);
      },
      (e) => this.opts.emit('error', workStopped(`Adding ${describe(paths)}`, e)),
    );
    return this.status();
  }

  setMood(p: SetTrackMoodParams): Track {
    const correction =
      'reset' in p
        ? null
        : 'emotion' in p
          ? { ...EMOTION_TARGETS[p.emotion], emotion: p.emotion, at: Date.now() }
          : { valence: p.valence, arousal: p.arousal, emotion: null, at: Date.now() };
    const entry = this.entries.get(p.id);
    if (entry) entry.correction = correction;
    else if (this.opts.demo.pathOf(p.id)) {
      if (correction) this.store.data.demoCorrections[p.id] = correction;
      else delete this.store.data.demoCorrections[p.id];
    } else throw errors.trackMissing(p.id);
    this.touch([p.id], [], 'correction');
    // The user's own work: saved now, so a failure is the answer to this request (the change stays).
    this.store.saveNow();
    return this.tracks().find((t) => t.id === p.id)!;
  }

  remove(id: string): void {
    const e = this.entries.get(id);
    if (!e) {
      if (this.opts.demo.pathOf(id)) {
        throw new MoodtapeError(
          'invalid-input',
          'Demo tracks come with the app and cannot be removed.',
          'Tick "Playlists from my music only" above the library list to leave them out of playlists.',
        );
      }
      throw errors.trackMissing(id);
    }
    if (!this.store.data.removed.includes(e.path)) this.store.data.removed.push(e.path);
    this.drop([e], 'remove');
    this.store.saveNow();
  }

  /** Starts and stops watchers for the settings' folders; newly watched folders (or all, at start) are scanned. */
  async syncWatched(folders: string[], rescanAll: boolean): Promise<void> {
    if (this.opts.watch === false && !rescanAll) return;
    const fresh = await this.watched.sync(folders, rescanAll);
    if (fresh.length) this.rescanWatched(fresh);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.analysis.close();
    this.watched.close();
    this.tracker.close();
    this.changes.close();
    await this.pool.close();
    this.store.flush();
    this.store.close();
  }

  /** Saves now (the CLI exits right after): the error when it could not. */
  flush(): AppError | null {
    return this.store.flush();
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Adds the folders among `paths` to the watched folders (files are imported, not watched). */
  private async watchFolders(paths: string[]): Promise<void> {
    const folders: string[] = [];
    for (const p of paths)
      if (
        await stat(p).then(
          (s) => s.isDirectory(),
          () => false,
        )
      )
        folders.push(p);
    await this.resolveRoots();
    const allowed: string[] = [];
    for (const f of folders) if (!importRefusal(await realOrGiven(f), this.roots)) allowed.push(f);
    if (!allowed.length) return;
    const next = [...new Set([...this.opts.settings().watchedFolders, ...allowed])];
    this.opts.updateSettings({ watchedFolders: next });
    await this.syncWatched(next, false);
  }

  private rescanWatched(folders: string[]): void {
    this.tracker.begin('scanning');
    this.importTask(
      async (signal) => {
        const found = await this.runImportTask(folders, 'watch', signal);
        // A file under a watched folder that the scan no longer finds was deleted.
        const gone = [...this.entries.all()].filter(
          (e) => folders.some((f) => under(e.path, f) && found.readable.has(f)) && !found.files.has(e.path),
        );
        if (gone.length) this.drop(gone, 'watch');
      },
      (e) => this.opts.emit('error', workStopped(`Rescanning ${describe(folders)}`, e)),
    );
  }

  private onWatchedChanges(paths: string[]): void {
    if (this.closed) return;
    this.importTask(
      async (signal) => {
        const present: string[] = [];
        const gone: LibraryEntry[] = [];
        for (const p of new Set(paths)) {
          const s = await stat(p).catch(() => null);
          if (s?.isDirectory() || (s?.isFile() && isAudioPath(p))) present.push(p);
          else if (!s) for (const e of this.entries.all()) if (under(e.path, p)) gone.push(e);
        }
        if (gone.length) this.drop(gone, 'watch');
        if (present.length) await this.runImportTask(present, 'watch', signal);
      },
      (e) => this.opts.emit('error', workStopped('Picking up changes in a watched folder', e)),
    );
  }

  /** Stops every import and rescan queued or running; tracks already added stay. */
  cancelImport(): ImportStatus {
    if (this.running.size === 0) return this.status();
    for (const c of this.running) c.abort();
    this.tracker.cancelled();
    return this.status();
  }

  /** Queues an import task with a signal that cancelImport() aborts, from now until the task ends. */
  private importTask(task: (signal: AbortSignal) => Promise<void>, onError: (e: unknown) => void): void {
    const c = new AbortController();
    this.running.add(c);
    this.work.run(async () => {
      try {
        await task(c.signal);
      } finally {
        this.running.delete(c);
      }
    }, onError);
  }

  private async resolveRoots(): Promise<void> {
    const fixed = this.opts.importRoots;
    if (!fixed) return void (this.roots = null);
    const folders = [...fixed, ...this.opts.settings().watchedFolders];
    this.roots = [...new Set([...folders, ...(await Promise.all(folders.map(realOrGiven)))])];
  }

  private async runImportTask(paths: string[], reason: ImportReason, signal: AbortSignal) {
    await this.resolveRoots();
    return runImport(this.importCtx, paths, reason, signal);
  }

  private isIdle(): boolean {
    return this.work.pending === 0 && this.analysis.pending === 0;
  }

  /** After each task and analysis: once only analysis is left, say so; once nothing is, save and wake the waiters. */
  private afterWork(): void {
    if (this.closed) return;
    if (this.work.pending === 0 && this.analysis.pending > 0) {
      if (this.tracker.phase !== 'analysing') this.tracker.begin('analysing');
      return;
    }
    if (!this.isIdle()) return;
    if (this.tracker.phase !== 'idle') this.tracker.finish();
    this.changes.flush();
    this.store.flush();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private drop(entries: LibraryEntry[], reason: LibraryChange['reason']): void {
    this.touch([], this.entries.drop(entries), reason);
  }

  /** Records a change: the track list is rebuilt on next read, saved soon, and announced. */
  private touch(changed: string[], removed: string[], reason: LibraryChange['reason']): void {
    this.cache = null;
    this.store.changed();
    this.changes.record(changed, removed, reason);
  }
}

/** "/music/a" or "3 files and folders", for a message. */
function describe(paths: string[]): string {
  return paths.length === 1 ? paths[0] : `${paths.length} files and folders`;
}
