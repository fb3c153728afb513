/**
 * The library view's state: the query (search, sort, filters), the page of tracks it shows,
 * importing (uploads, progress, the summary of the last run) and the user's mood corrections.
 * Refetches when the main process says the library changed.
 */
import type { AppError, ImportStatus, LibrarySort, MoodtapeApi, MusicMood, SetTrackMoodParams, Track } from '../../shared/contract';
import { toAppError } from '../api';

export type OriginFilter = 'all' | 'demo' | 'user';

/** At most this many rows are shown; the search narrows the rest. */
export const PAGE_LIMIT = 500;
const REFRESH_DEBOUNCE_MS = 250;

export class LibraryModel {
  tracks = $state.raw<Track[]>([]);
  total = $state(0);
  loaded = $state(false);
  search = $state('');
  sort = $state<LibrarySort>('added');
  order = $state<'asc' | 'desc'>('desc');
  /** The music-mood filter (tracks are described by music moods). */
  mood = $state<MusicMood | null>(null);
  origin = $state<OriginFilter>('all');

  /** Latest import status from the app (progress while a run is under way). */
  status = $state.raw<ImportStatus | null>(null);
  /** Files being sent to the app (serve mode uploads) before the import itself starts. */
  upload = $state.raw<{ sent: number; total: number } | null>(null);
  /** The finished run this page saw (started, or watched in progress); cleared by dismiss. */
  summary = $state.raw<ImportStatus | null>(null);

  running = $derived(this.upload !== null || (this.status !== null && this.status.phase !== 'idle'));

  /** Runs (by start time) this page saw under way: only their end becomes a summary. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping only, nothing renders from it
  private seen = new Set<number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private generation = 0;

  constructor(
    private readonly api: MoodtapeApi,
    private readonly onError: (e: AppError) => void,
  ) {}

  async start(): Promise<void> {
    this.api.on('library', () => this.refreshSoon());
    this.api.on('import-progress', (s) => this.onStatus(s));
    try {
      this.onStatus(await this.api.invoke('getImportStatus', null));
    } catch (e) {
      this.onError(toAppError(e));
    }
    await this.refresh();
  }

  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.refresh();
    }, REFRESH_DEBOUNCE_MS);
  }

  async refresh(): Promise<void> {
    const gen = ++this.generation;
    try {
      const page = await this.api.invoke('listLibrary', {
        search: this.search.trim() || undefined,
        sort: this.sort,
        order: this.order,
        musicMood: this.mood ?? undefined,
        origin: this.origin === 'all' ? undefined : this.origin,
        limit: PAGE_LIMIT,
      });
      // A slower, older answer must not overwrite a newer one.
      if (gen !== this.generation) return;
      this.tracks = page.tracks;
      this.total = page.total;
      this.loaded = true;
    } catch (e) {
      this.onError(toAppError(e));
    }
  }

  setSort(sort: LibrarySort): void {
    if (this.sort === sort) this.order = this.order === 'asc' ? 'desc' : 'asc';
    else {
      this.sort = sort;
      // Newest first is what people look for, and names read A to Z. Music mood goes joyful first,
      // round the plane (track-view.ts).
      this.order = sort === 'added' ? 'desc' : 'asc';
    }
    void this.refresh();
  }

  // ---- importing ------------------------------------------------------------------------------

  async importFiles(files: File[], expandFolders?: () => Promise<File[]>): Promise<void> {
    if (files.length === 0 && !expandFolders) return;
    this.summary = null;
    this.upload = { sent: 0, total: 0 };
    try {
      const status = await this.api.importFiles(files, {
        expandFolders,
        onUpload: (sent, total) => (this.upload = { sent, total }),
      });
      this.upload = null;
      this.onStatus(status);
    } catch (e) {
      this.onError(toAppError(e));
    } finally {
      this.upload = null;
    }
  }

  private onStatus(s: ImportStatus): void {
    if (s.startedAt !== null && s.phase !== 'idle') this.seen.add(s.startedAt);
    // Events can overtake the reply to importPaths: never go back from a finished run to its start.
    const prev = this.status;
    if (prev && prev.startedAt === s.startedAt && prev.phase === 'idle' && s.phase !== 'idle' && prev.finishedAt) return;
    this.status = s;
    if (s.phase === 'idle' && s.startedAt !== null && s.finishedAt !== null && this.seen.has(s.startedAt)) {
      this.summary = s;
      this.refreshSoon();
    }
  }

  /** Stops the running import; the tracks it already added stay, and its summary says it was cancelled. */
  async cancelImport(): Promise<void> {
    try {
      this.onStatus(await this.api.invoke('cancelImport', null));
    } catch (e) {
      this.onError(toAppError(e));
    }
  }

  dismissSummary(): void {
    this.summary = null;
  }

  // ---- changing tracks ------------------------------------------------------------------------

  async setMood(params: SetTrackMoodParams): Promise<Track | null> {
    try {
      const track = await this.api.invoke('setTrackMood', params);
      this.tracks = this.tracks.map((t) => (t.id === track.id ? track : t));
      return track;
    } catch (e) {
      this.onError(toAppError(e));
      return null;
    }
  }

  async remove(id: string): Promise<void> {
    try {
      await this.api.invoke('removeTrack', { id });
      this.tracks = this.tracks.filter((t) => t.id !== id);
      this.total = Math.max(0, this.total - 1);
    } catch (e) {
      this.onError(toAppError(e));
    }
  }
}

/** The last part of a path, for showing the user which file a problem is about. */
export function fileNameOf(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

/** "12 added, 3 unchanged, 2 could not be read" */
export function summaryLine(s: ImportStatus): string {
  const parts = [`${s.cancelled ? 'Cancelled: ' : ''}${s.added} added`, `${s.unchanged} unchanged`];
  if (s.problemCount > 0) parts.push(`${s.problemCount} could not be read`);
  if (s.skipped > 0) parts.push(`${s.skipped} not audio (skipped)`);
  return parts.join(', ');
}

/** 0..1 for the progress bar, or null while the total is not known yet (scanning). */
export function progressOf(s: ImportStatus): number | null {
  if (s.phase === 'reading' && s.found > 0) return Math.min(1, s.read / s.found);
  if (s.phase === 'analysing') {
    const all = s.analysed + s.toAnalyse;
    return all > 0 ? Math.min(1, s.analysed / all) : null;
  }
  return null;
}
