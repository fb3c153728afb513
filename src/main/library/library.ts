/**
 * The user's music library: import (scan, tags, analysis), the cached results, corrections,
 * watched folders, and the whole library (demo + user) as the contract's tracks. Heavy work runs
 * in worker threads (worker-pool.ts); this class only coordinates, so the main loop stays free.
 */
import { createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
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
import { MOOD_TARGETS } from '../recommendation/mood-plane.js';
import type { StoreFactory } from '../core/store.js';
import type { AudioAnalysis } from './analysis/analyze.js';
import { AnalysisError } from './analysis/errors.js';
import type { Catalogue } from './catalogue.js';
import { ImportTracker } from './import-status.js';
import { LibraryStore, type LibraryEntry } from './library-store.js';
import { isAudioPath, scan } from './scan.js';
import type { Cover, TagResult } from './tags.js';
import { demoTrack, queryTracks, recommendable, userTrack } from './track-view.js';
import { FolderWatcher } from './watcher.js';
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
}

const TAG_BATCH = 64;
const trackIdFor = (path: string) => `u-${createHash('sha1').update(path).digest('hex').slice(0, 16)}`;
const under = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

export class LibraryService {
  private readonly byId = new Map<string, LibraryEntry>();
  private readonly byPath = new Map<string, LibraryEntry>();
  private readonly pool: WorkerPool;
  private readonly tracker: ImportTracker;
  private readonly watcher: FolderWatcher;
  private cache: Track[] | null = null;
  private work: Promise<void> = Promise.resolve();
  private importing = 0;
  private readonly analysisQueue: string[] = [];
  private readonly queued = new Set<string>();
  private inFlight = 0;
  private idleWaiters: Array<() => void> = [];
  private watched = new Map<string, string>();
  private pendingChange: { changed: Set<string>; removed: Set<string>; reason: LibraryChange['reason'] } | null = null;
  private changeTimer: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private readonly opts: LibraryOptions,
    private readonly store: LibraryStore,
    private readonly rebuild: boolean,
  ) {
    for (const e of store.data.tracks) {
      this.byId.set(e.id, e);
      this.byPath.set(e.path, e);
    }
    this.pool = new WorkerPool(opts.workers ?? defaultPoolSize());
    this.tracker = new ImportTracker((s) => opts.emit('import-progress', s));
    this.watcher = new FolderWatcher(
      (paths) => this.onWatchedChanges(paths),
      (folder, message) =>
        opts.emit('error', {
          code: 'track-unreadable',
          message: `Moodtape can no longer watch ${folder} (${message}).`,
          hint: 'Check that the folder still exists, then add it again.',
        }),
    );
  }

  /** Opens the library; `notice` tells about a damaged file that was set aside. Call start() next. */
  static open(opts: LibraryOptions): { library: LibraryService; notice: AppError | null } {
    const { store, notice, rebuild } = LibraryStore.open(opts.dataDir, opts.openStore);
    return { library: new LibraryService(opts, store, rebuild), notice };
  }

  /** Picks up what changed while the app was not running: watched folders, missing files, analyses left to do. */
  async start(): Promise<void> {
    const checks = [...this.byId.values()].filter((e) => !this.isWatched(e.path));
    let flagged = false;
    await mapLimit(checks, 32, async (e) => {
      const missing = await stat(e.path).then(
        (s) => !s.isFile(),
        () => true,
      );
      if (!!e.missing !== missing) {
        e.missing = missing;
        flagged = true;
      }
    });
    if (flagged) this.touch([], [], 'watch');
    for (const e of this.byId.values()) if (!e.analysis && !e.analysisError && !e.missing) this.enqueueAnalysis(e);
    await this.syncWatched(this.opts.settings().watchedFolders, true);
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
    return this.byId.get(id)?.path ?? null;
  }

  async cover(id: string): Promise<Cover | null> {
    const e = this.byId.get(id);
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
    this.importing++;
    this.work = this.work
      .then(async () => {
        if (opts.watch) {
          const folders: string[] = [];
          for (const p of paths)
            if (
              await stat(p).then(
                (s) => s.isDirectory(),
                () => false,
              )
            )
              folders.push(p);
          if (folders.length) {
            const next = [...new Set([...this.opts.settings().watchedFolders, ...folders])];
            this.opts.updateSettings({ watchedFolders: next });
            await this.syncWatched(next, false);
          }
        }
        await this.runImport(paths, 'import');
      })
      .catch((e) => this.tracker.problem({ path: paths[0] ?? '', kind: 'unreadable', message: `import stopped: ${(e as Error).message}` }))
      .finally(() => {
        this.importing--;
        this.afterWork();
      });
    return this.status();
  }

  setMood(p: SetTrackMoodParams): Track {
    const correction =
      'reset' in p
        ? null
        : 'emotion' in p
          ? { ...MOOD_TARGETS[p.emotion], emotion: p.emotion, at: Date.now() }
          : { valence: p.valence, arousal: p.arousal, emotion: null, at: Date.now() };
    const entry = this.byId.get(p.id);
    if (entry) entry.correction = correction;
    else if (this.opts.demo.pathOf(p.id)) {
      if (correction) this.store.data.demoCorrections[p.id] = correction;
      else delete this.store.data.demoCorrections[p.id];
    } else throw errors.trackMissing(p.id);
    this.touch([p.id], [], 'correction');
    return this.tracks().find((t) => t.id === p.id)!;
  }

  remove(id: string): void {
    const e = this.byId.get(id);
    if (!e) {
      if (this.opts.demo.pathOf(id)) {
        throw new MoodtapeError(
          'invalid-input',
          'Demo tracks come with the app and cannot be removed.',
          'Turn on "only my music" in Settings to leave them out of playlists.',
        );
      }
      throw errors.trackMissing(id);
    }
    if (!this.store.data.removed.includes(e.path)) this.store.data.removed.push(e.path);
    this.drop([e], 'remove');
  }

  /** Starts and stops watchers for the settings' folders; newly watched folders (or all, at start) are scanned. */
  async syncWatched(folders: string[], rescanAll: boolean): Promise<void> {
    if (this.opts.watch === false && !rescanAll) return;
    const next = new Map<string, string>();
    for (const f of folders) {
      const real = await realpath(f).catch(() => null);
      if (real) next.set(f, real);
      else
        this.opts.emit('error', {
          code: 'track-unreadable',
          message: `The watched folder ${f} cannot be found.`,
          hint: 'Connect the drive it is on, or remove it from the watched folders.',
        });
    }
    const fresh = [...next.values()].filter((r) => rescanAll || ![...this.watched.values()].includes(r));
    this.watched = next;
    if (this.opts.watch !== false) this.watcher.set([...next.values()]);
    if (fresh.length) this.rescanWatched(fresh);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watcher.close();
    this.tracker.close();
    if (this.changeTimer) clearTimeout(this.changeTimer);
    await this.pool.close();
    this.store.flush();
  }

  /** Saves now (the CLI exits right after). */
  flush(): void {
    this.store.flush();
  }

  // ---- internals -----------------------------------------------------------------------------

  private isWatched(path: string): boolean {
    for (const real of this.watched.values()) if (under(path, real)) return true;
    return [...this.opts.settings().watchedFolders].some((f) => under(path, f));
  }

  private rescanWatched(folders: string[]): void {
    this.tracker.begin('scanning');
    this.importing++;
    this.work = this.work
      .then(async () => {
        const found = await this.runImport(folders, 'watch');
        // A file under a watched folder that the scan no longer finds was deleted.
        const gone = [...this.byId.values()].filter(
          (e) => folders.some((f) => under(e.path, f) && found.readable.has(f)) && !found.files.has(e.path),
        );
        if (gone.length) this.drop(gone, 'watch');
      })
      .catch(() => {})
      .finally(() => {
        this.importing--;
        this.afterWork();
      });
  }

  private onWatchedChanges(paths: string[]): void {
    if (this.closed) return;
    this.importing++;
    this.work = this.work
      .then(async () => {
        const present: string[] = [];
        const gone: LibraryEntry[] = [];
        for (const p of new Set(paths)) {
          const s = await stat(p).catch(() => null);
          if (s?.isDirectory() || (s?.isFile() && isAudioPath(p))) present.push(p);
          else if (!s) for (const e of this.byId.values()) if (under(e.path, p)) gone.push(e);
        }
        if (gone.length) this.drop(gone, 'watch');
        if (present.length) {
          this.tracker.begin('scanning');
          await this.runImport(present, 'watch');
        }
      })
      .catch(() => {})
      .finally(() => {
        this.importing--;
        this.afterWork();
      });
  }

  /** Scan, compare with the cache, read tags of new and changed files, queue their analysis. */
  private async runImport(paths: string[], reason: 'import' | 'watch'): Promise<{ files: Set<string>; readable: Set<string> }> {
    const status = this.tracker.status;
    const foundBefore = status.found;
    this.tracker.begin('scanning');
    const res = await scan(paths, (n) => {
      status.found = foundBefore + n;
      this.tracker.changed();
    });
    status.found = foundBefore + res.files.length;
    status.skipped += res.skipped;
    for (const p of res.problems) this.tracker.problem(p);
    const removed = new Set(this.store.data.removed);
    let files = res.files;
    if (reason === 'import') {
      // Adding a file again by hand undoes its removal.
      if (files.some((f) => removed.has(f))) {
        const again = new Set(files);
        this.store.data.removed = this.store.data.removed.filter((p) => !again.has(p));
      }
    } else files = files.filter((f) => !removed.has(f));

    const toRead: string[] = [];
    let revived = false;
    await mapLimit(files, 32, async (p) => {
      const s = await stat(p).catch((e: NodeJS.ErrnoException) => e);
      if (s instanceof Error) {
        this.tracker.problem({ path: p, kind: 'unreadable', message: `cannot read the file (${s.code ?? s.message})` });
        return;
      }
      const e = this.byPath.get(p);
      if (e && e.size === s.size && e.mtimeMs === s.mtimeMs) {
        status.unchanged++;
        status.read++;
        if (e.missing) {
          e.missing = false;
          revived = true;
        }
        return;
      }
      toRead.push(p);
    });
    if (revived) this.touch([], [], reason);
    this.tracker.begin('reading');
    const batches: string[][] = [];
    for (let i = 0; i < toRead.length; i += TAG_BATCH) batches.push(toRead.slice(i, i + TAG_BATCH));
    await mapLimit(batches, this.pool.size + 1, async (batch) => {
      let results: TagResult[];
      try {
        results = await this.pool.run<TagResult[]>({ kind: 'tags', paths: batch }, true);
      } catch (e) {
        results = batch.map((path) => ({ ok: false, path, kind: 'unreadable', message: (e as Error).message }));
      }
      const changed: string[] = [];
      for (const r of results) {
        status.read++;
        if (!r.ok) {
          this.tracker.problem({ path: r.path, kind: r.kind, message: r.message });
          continue;
        }
        const entry = this.upsert(r, res.folderCovers.get(dirname(r.path)) ?? null);
        status.added++;
        changed.push(entry.id);
        this.enqueueAnalysis(entry);
      }
      this.tracker.changed();
      if (changed.length) this.touch(changed, [], reason === 'import' ? 'import' : 'watch');
    });
    const readable = new Set(paths.filter((p) => !res.problems.some((q) => q.path === p)));
    return { files: new Set(res.files), readable };
  }

  private upsert(t: Extract<TagResult, { ok: true }>, folderImage: string | null): LibraryEntry {
    const tags = {
      size: t.size,
      mtimeMs: t.mtimeMs,
      title: t.title,
      artist: t.artist,
      album: t.album,
      durationSec: t.durationSec,
      folderImage,
    };
    const existing = this.byPath.get(t.path);
    if (existing) {
      // A changed file: new tags, and its old analysis no longer holds (a correction still does).
      Object.assign(existing, tags, { analysis: null, analysisError: null, missing: false });
      return existing;
    }
    const entry: LibraryEntry = {
      id: trackIdFor(t.path),
      path: t.path,
      ...tags,
      addedAt: Date.now(),
      analysis: null,
      analysisError: null,
      correction: null,
    };
    this.store.data.tracks.push(entry);
    this.byId.set(entry.id, entry);
    this.byPath.set(entry.path, entry);
    return entry;
  }

  private enqueueAnalysis(e: LibraryEntry): void {
    if (this.opts.analyse === false || this.queued.has(e.id)) return;
    this.queued.add(e.id);
    this.analysisQueue.push(e.id);
    this.tracker.status.toAnalyse = this.analysisQueue.length + this.inFlight;
    this.pumpAnalysis();
  }

  private pumpAnalysis(): void {
    while (!this.closed && this.analysisQueue.length > 0 && this.inFlight < this.pool.size) {
      const id = this.analysisQueue.shift()!;
      this.queued.delete(id);
      const e = this.byId.get(id);
      if (!e || e.analysis) continue;
      this.inFlight++;
      if (this.tracker.status.phase === 'idle') this.tracker.begin('analysing');
      const version = `${e.size}:${e.mtimeMs}`;
      this.pool
        .run<AudioAnalysis>({ kind: 'analyze', path: e.path, durationSec: e.durationSec || null })
        .then(
          (a) => {
            if (this.byId.get(id) === e && `${e.size}:${e.mtimeMs}` === version) {
              e.analysis = a;
              e.analysisError = null;
            }
          },
          (err: Error) => {
            if (this.closed) return;
            e.analysisError = err.message;
            const kind = err instanceof AnalysisError ? err.kind : 'corrupt';
            this.tracker.problem({ path: e.path, kind, message: `could not analyse its mood: ${err.message}` });
          },
        )
        .finally(() => {
          this.inFlight--;
          if (this.closed) return;
          this.tracker.status.analysed++;
          this.touch([id], [], 'analysis');
          this.pumpAnalysis();
          this.afterWork();
        });
    }
    this.tracker.status.toAnalyse = this.analysisQueue.length + this.inFlight;
    if (this.importing === 0 && this.inFlight > 0 && this.tracker.status.phase !== 'analysing') this.tracker.begin('analysing');
    this.tracker.changed();
  }

  private isIdle(): boolean {
    return this.importing === 0 && this.inFlight === 0 && this.analysisQueue.length === 0;
  }

  private afterWork(): void {
    if (this.closed) return;
    if (this.importing === 0 && (this.inFlight > 0 || this.analysisQueue.length > 0)) {
      if (this.tracker.status.phase !== 'analysing') this.tracker.begin('analysing');
      return;
    }
    if (!this.isIdle()) return;
    if (this.tracker.status.phase !== 'idle') this.tracker.finish();
    this.flushChange();
    this.store.flush();
    for (const w of this.idleWaiters.splice(0)) w();
  }

  private drop(entries: LibraryEntry[], reason: LibraryChange['reason']): void {
    const ids = new Set(entries.map((e) => e.id));
    for (const e of entries) {
      this.byId.delete(e.id);
      this.byPath.delete(e.path);
    }
    this.store.data.tracks = this.store.data.tracks.filter((e) => !ids.has(e.id));
    this.touch([], [...ids], reason);
  }

  /** Records a change: saved soon, and announced as one `library` event per half second at most. */
  private touch(changed: string[], removed: string[], reason: LibraryChange['reason']): void {
    this.cache = null;
    this.store.changed();
    const p = (this.pendingChange ??= { changed: new Set(), removed: new Set(), reason });
    changed.forEach((id) => p.changed.add(id));
    removed.forEach((id) => p.removed.add(id));
    if (reason !== 'analysis') p.reason = reason;
    if (!this.changeTimer) {
      this.changeTimer = setTimeout(() => this.flushChange(), reason === 'correction' ? 0 : 500);
      this.changeTimer.unref();
    }
  }

  private flushChange(): void {
    if (this.changeTimer) clearTimeout(this.changeTimer);
    this.changeTimer = null;
    const p = this.pendingChange;
    this.pendingChange = null;
    if (!p) return;
    const user = this.store.data.tracks.length;
    this.opts.emit('library', {
      reason: p.reason,
      // Too many ids to be useful: an empty list means "refetch".
      changed: p.changed.size > 500 ? [] : [...p.changed],
      removed: [...p.removed],
      total: this.opts.demo.tracks.length + user,
      user,
    });
  }
}

async function mapLimit<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}
