/**
 * The user's music library as the app sees it: import, the cached results, corrections, watched
 * folders, and the whole library (demo + user) as the contract's tracks. This facade coordinates;
 * the work lives beside it: import-tasks.ts (imports, rescans, watched folders; import-run.ts
 * scans), analysis-queue.ts, import-tracker.ts (progress), change-feed.ts (`library` events),
 * library-entries.ts (the index), corrections.ts, track-view.ts (tracks as the contract has them),
 * library-store.ts (the file). Heavy work runs in worker threads (worker-pool.ts), so the main
 * loop stays free.
 */
import type { AppError, ImportStatus, LibraryChange, LibraryPage, LibraryQuery, SetTrackMoodParams, Track } from '../../shared/contract.js';
import { MoodtapeError, errors } from '../core/errors.js';
import { AnalysisQueue, needsAnalysis } from './analysis-queue.js';
import { ChangeFeed } from './change-feed.js';
import { correctionFrom, keepCorrection } from './corrections.js';
import { ImportTasks } from './import-tasks.js';
import { ImportTracker } from './import-tracker.js';
import { LibraryEntries } from './library-entries.js';
import { uploadDirOf, type LibraryOptions } from './library-options.js';
import { LibraryStore, type LibraryEntry } from './library-store.js';
import type { Cover } from './tags.js';
import { demoTrack, queryTracks, recommendable, userTrack } from './track-view.js';
import { WorkerPool, defaultPoolSize } from './worker-pool.js';

export class LibraryService {
  private readonly entries: LibraryEntries;
  private readonly pool: WorkerPool;
  private readonly tracker: ImportTracker;
  private readonly analysis: AnalysisQueue;
  private readonly imports: ImportTasks;
  private readonly changes: ChangeFeed;
  private cache: Track[] | null = null;
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
    this.changes = new ChangeFeed(
      (change) => opts.emit('library', change),
      () => ({ total: opts.demo.tracks.length + store.data.tracks.length, user: store.data.tracks.length }),
      (ids) => this.tracks().filter((t) => ids.has(t.id)),
    );
    this.imports = new ImportTasks({
      context: {
        data: store.data,
        entries: this.entries,
        pool: this.pool,
        tracker: this.tracker,
        analysis: this.analysis,
        touch: (changed, removed, reason) => this.touch(changed, removed, reason),
        uploadDir: uploadDirOf(opts.dataDir),
      },
      importRoots: opts.importRoots,
      watch: opts.watch !== false,
      settings: opts.settings,
      updateSettings: opts.updateSettings,
      drop: (entries, reason) => this.drop(entries, reason),
      error: (e) => opts.emit('error', e),
      settled: () => this.afterWork(),
      closed: () => this.closed,
    });
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
    // Files under watched folders are checked by their rescan instead.
    if (await this.entries.checkMissing((path) => this.imports.covers(path, folders))) this.touch([], [], 'watch');
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
    this.imports.importPaths(paths, !!opts.watch);
    return this.status();
  }

  /** Stops every import and rescan queued or running; tracks already added stay. */
  cancelImport(): ImportStatus {
    this.imports.cancel();
    return this.status();
  }

  /** Places a track where the user says (a spot, or a music mood's centre), or back where the analysis put it. */
  setMood(p: SetTrackMoodParams): Track {
    const isDemo = (id: string) => this.opts.demo.pathOf(id) !== null;
    keepCorrection(p.id, correctionFrom(p), { entries: this.entries, data: this.store.data, isDemo });
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
  syncWatched(folders: string[], rescanAll: boolean): Promise<void> {
    return this.imports.syncWatched(folders, rescanAll);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.analysis.close();
    this.imports.close();
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

  private isIdle(): boolean {
    return this.imports.pending === 0 && this.analysis.pending === 0;
  }

  /** After each task and analysis: once only analysis is left, say so; once nothing is, save and wake the waiters. */
  private afterWork(): void {
    if (this.closed) return;
    if (this.imports.pending === 0 && this.analysis.pending > 0) {
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
