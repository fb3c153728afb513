/**
 * What the player keeps in the data folder, seen from the window: the session (queue, current
 * track and position, the line that says why each track is queued; restored paused on reload or
 * restart), the listening history, and saved playlists with M3U8 export and import.
 */
import {
  MAX_REASON_CHARS,
  type AppError,
  type HistoryEntry,
  type MoodtapeApi,
  type PlaylistImportResult,
  type SavedPlaylist,
} from '../../shared/contract';
import { toAppError } from '../api';
import { tracksCount } from '../ui/format';
import type { Player, PlayRecord } from './player.svelte';

/** How often the position is saved while playing (a reload brings it back within this). */
const POSITION_SAVE_MS = 5000;
const HISTORY_SHOWN = 200;
/**
 * The song under way, kept in the page's storage while it plays: a reload or a crash cuts it
 * without an ending (and a request sent as the page goes may never arrive), so the next start
 * sends it to the history.
 */
const UNDER_WAY_KEY = 'moodtape.playUnderWay';
/** The current track and position as the page went (see keepPlace). */
const PLACE_KEY = 'moodtape.place';

export class PlayerData {
  playlists = $state.raw<SavedPlaylist[]>([]);
  history = $state.raw<HistoryEntry[]>([]);
  /** Why the recommender picked each queued track, by track id (the line under its row). */
  reasons = $state.raw<Record<string, string>>({});
  /** The last import's summary (shown until dismissed). */
  lastImport = $state.raw<PlaylistImportResult | null>(null);
  /** A short confirmation ("Saved "Road trip" (4 tracks)") about the queue as it was then. */
  private said = $state.raw<{ text: string; queue: readonly unknown[] } | null>(null);

  /** The confirmation for a live region, while the queue is still the one it speaks of (never stale). */
  get status(): string {
    return this.said && this.said.queue === this.player.playlist ? this.said.text : '';
  }

  private restored = false;

  constructor(
    private readonly api: MoodtapeApi,
    private readonly player: Player,
    private readonly onError: (e: AppError) => void,
  ) {}

  /** Brings back the saved queue; false when there was none to bring back. */
  async restore(): Promise<boolean> {
    this.recordCutPlay();
    try {
      const { session, tracks } = await this.api.invoke('getSession', null);
      this.restored = true;
      if (!session || tracks.length === 0) return false;
      const current = session.trackIds[session.index];
      const index = Math.max(
        0,
        tracks.findIndex((t) => t.id === current),
      );
      const at = tracks[index]?.id === current ? (this.lastPlace(current) ?? session.positionSec) : 0;
      this.player.restore(tracks, index, at, session.mood);
      this.reasons = session.reasons ?? {};
      return true;
    } catch (e) {
      this.restored = true;
      this.onError(toAppError(e));
      return false;
    }
  }

  /** Saves the session whenever the queue changes, while playing, on pause and when the page goes. */
  autosave(): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void this.saveSession(), 300);
    };
    const stopEffects = $effect.root(() => {
      $effect(() => {
        void this.player.playlist;
        void this.player.index;
        void this.player.playlistMood;
        void this.player.status;
        void this.reasons;
        soon();
      });
    });
    const ticker = setInterval(() => {
      if (this.player.status !== 'playing') return;
      void this.saveSession();
      this.keepUnderWay();
    }, POSITION_SAVE_MS);
    const onHide = () => {
      this.keepUnderWay();
      this.keepPlace();
      void this.saveSession();
    };
    window.addEventListener('pagehide', onHide);
    return () => {
      stopEffects();
      clearInterval(ticker);
      if (timer) clearTimeout(timer);
      window.removeEventListener('pagehide', onHide);
    };
  }

  /** Resolves once saved (or failed: a lost connection, and the next save catches up). */
  async saveSession(): Promise<void> {
    // Until the saved session is read back, an empty start-up queue must not overwrite it.
    if (!this.restored) return;
    const p = this.player;
    // A line too long to keep is left out rather than have the whole session refused.
    const lines = p.playlist.filter((t) => Object.hasOwn(this.reasons, t.id) && this.reasons[t.id].length <= MAX_REASON_CHARS);
    const reasons = Object.fromEntries(lines.map((t) => [t.id, this.reasons[t.id]]));
    await this.api
      .invoke('saveSession', {
        trackIds: p.playlist.map((t) => t.id),
        index: p.playlist.length > 0 ? Math.max(0, p.index) : -1,
        positionSec: Math.max(0, Math.round(p.position * 10) / 10),
        mood: p.playlistMood,
        reasons,
      })
      .then(
        () => {},
        () => {
          /* a lost connection: the next save catches up */
        },
      );
  }

  /**
   * Where the page was in the current track as it went: page storage is written at once, while the
   * saveSession request sent then may not arrive (so a reload would lose up to the last periodic save).
   */
  private keepPlace(): void {
    const t = this.player.current;
    try {
      if (t) localStorage.setItem(PLACE_KEY, JSON.stringify({ trackId: t.id, positionSec: this.player.position }));
    } catch {
      /* no storage: the periodic save stands */
    }
  }

  /** The place kept as the last page went, if it was in this track. */
  private lastPlace(trackId: string): number | null {
    try {
      const raw = localStorage.getItem(PLACE_KEY);
      localStorage.removeItem(PLACE_KEY);
      const p = raw ? (JSON.parse(raw) as { trackId?: unknown; positionSec?: unknown }) : null;
      return p && p.trackId === trackId && typeof p.positionSec === 'number' && p.positionSec >= 0 ? p.positionSec : null;
    } catch {
      return null;
    }
  }

  /** Notes the song under way (see UNDER_WAY_KEY). */
  keepUnderWay(): void {
    const r = this.player.inProgress();
    try {
      if (r) localStorage.setItem(UNDER_WAY_KEY, JSON.stringify(historyEntry(r)));
    } catch {
      /* no storage (private mode, full): only a cut play goes unrecorded */
    }
  }

  /** A song the last page was playing when it went: into the history now. */
  private recordCutPlay(): void {
    let entry: HistoryEntry | null = null;
    try {
      const raw = localStorage.getItem(UNDER_WAY_KEY);
      localStorage.removeItem(UNDER_WAY_KEY);
      entry = raw ? (JSON.parse(raw) as HistoryEntry) : null;
    } catch {
      entry = null;
    }
    if (!entry || typeof entry.trackId !== 'string') return;
    this.history = [entry, ...this.history].slice(0, HISTORY_SHOWN);
    void this.call(() => this.api.invoke('recordPlay', entry));
  }

  recordPlay(r: PlayRecord): void {
    try {
      localStorage.removeItem(UNDER_WAY_KEY);
    } catch {
      /* as above */
    }
    const entry = historyEntry(r);
    this.history = [entry, ...this.history].slice(0, HISTORY_SHOWN);
    void this.call(() => this.api.invoke('recordPlay', entry));
  }

  async refreshHistory(): Promise<void> {
    await this.call(async () => (this.history = await this.api.invoke('listHistory', { limit: HISTORY_SHOWN })));
  }

  async clearHistory(): Promise<void> {
    await this.call(async () => {
      await this.api.invoke('clearHistory', null);
      this.history = [];
    });
  }

  async refreshPlaylists(): Promise<void> {
    await this.call(async () => (this.playlists = await this.api.invoke('listPlaylists', null)));
  }

  async saveQueue(name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) return;
    await this.call(async () => {
      const existing = this.playlists.find((p) => p.name.toLowerCase() === trimmed.toLowerCase());
      const saved = await this.api.invoke('savePlaylist', {
        name: trimmed,
        trackIds: this.player.playlist.map((t) => t.id),
        ...(existing ? { id: existing.id } : {}),
      });
      this.say(`Saved “${saved.name}” (${tracksCount(saved.trackIds.length)}).`);
      await this.refreshPlaylists();
    });
  }

  async load(id: string, autoplay = true): Promise<void> {
    await this.call(async () => {
      const { playlist, tracks, missing } = await this.api.invoke('loadPlaylist', { id });
      this.player.setPlaylist(tracks, null, autoplay && tracks.length > 0, `playlist: ${playlist.name}`);
      // A saved playlist is not a mood's picks: no line says a mood chose its tracks.
      this.reasons = {};
      this.say(
        `Loaded “${playlist.name}”${missing ? `; ${missing} track${missing === 1 ? ' is' : 's are'} no longer in the library` : ''}.`,
      );
    });
  }

  async rename(id: string, name: string): Promise<void> {
    if (!name.trim()) return;
    await this.call(async () => {
      await this.api.invoke('renamePlaylist', { id, name });
      await this.refreshPlaylists();
    });
  }

  async remove(id: string): Promise<void> {
    await this.call(async () => {
      await this.api.invoke('deletePlaylist', { id });
      await this.refreshPlaylists();
    });
  }

  /** Downloads the playlist as an .m3u8 file (the browser or Electron asks where to save it). */
  async exportFile(id: string): Promise<void> {
    await this.call(async () => {
      const { fileName, text } = await this.api.invoke('exportPlaylist', { id });
      const url = URL.createObjectURL(new Blob([text], { type: 'audio/x-mpegurl' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  }

  async importFile(file: File): Promise<void> {
    await this.call(async () => {
      const text = await file.text();
      const name = file.name.replace(/\.m3u8?$/i, '') || 'Imported playlist';
      this.lastImport = await this.api.invoke('importPlaylist', { text, name });
      await this.refreshPlaylists();
    });
  }

  private say(text: string): void {
    this.said = { text, queue: this.player.playlist };
  }

  private async call(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.onError(toAppError(e));
    }
  }
}

function historyEntry(r: PlayRecord): HistoryEntry {
  return {
    trackId: r.track.id,
    title: r.track.title,
    artist: r.track.artist,
    startedAt: r.startedAt,
    playedSec: r.playedSec,
    skipped: r.skipped,
    mood: r.mood,
    source: r.source,
  };
}
