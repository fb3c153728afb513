/** The player's own records (saved playlists, history, the session) and their requests, wired to the library. */
import { normalize } from 'node:path';
import type { AppError, Method, Params, Result, Track } from '../../shared/contract.js';
import type { StoreFactory } from '../core/store.js';
import { importRefusal } from '../library/import-roots.js';
import { HistoryService } from '../playlists/history.js';
import { PlaylistService, type MusicIndex } from '../playlists/playlists.js';
import { SessionService } from '../playlists/session.js';

type PlayerMethod =
  | 'getSession'
  | 'saveSession'
  | 'listPlaylists'
  | 'savePlaylist'
  | 'renamePlaylist'
  | 'deletePlaylist'
  | 'loadPlaylist'
  | 'exportPlaylist'
  | 'importPlaylist'
  | 'recordPlay'
  | 'listHistory'
  | 'clearHistory';

export type PlayerHandlers = { [M in PlayerMethod & Method]: (params: Params<M>) => Promise<Result<M>> | Result<M> };

export interface PlayerData {
  playlists: PlaylistService;
  history: HistoryService;
  session: SessionService;
  notices: AppError[];
  close(): void;
}

/** `report` hears about saves retried in the background that fail (once per run of failures). */
export function openPlayerData(dataDir: string, music: MusicIndex, factory?: StoreFactory, report?: (e: AppError) => void): PlayerData {
  const { playlists, notice: a } = PlaylistService.open(dataDir, music, factory, report);
  const { history, notice: b } = HistoryService.open(dataDir, factory, report);
  const { session, notice: c } = SessionService.open(dataDir, factory, report);
  return {
    playlists,
    history,
    session,
    notices: [a, b, c].filter((n): n is AppError => n !== null),
    close: () => [playlists, history, session].forEach((s) => s.close()),
  };
}

/** `heard` also gets each play's record (mood fit learns from it): one request per play feeds both stores. */
export function playerHandlers(d: PlayerData, tracks: () => Track[], heard?: (play: Params<'recordPlay'>) => void): PlayerHandlers {
  return {
    getSession: () => {
      const session = d.session.get();
      if (!session) return { session: null, tracks: [] };
      const byId = new Map(tracks().map((t) => [t.id, t]));
      return { session, tracks: session.trackIds.map((id) => byId.get(id)).filter((t): t is Track => !!t) };
    },
    saveSession: (s) => {
      d.session.save(s);
      return null;
    },
    listPlaylists: () => d.playlists.list(),
    savePlaylist: (p) => d.playlists.save(p.name, p.trackIds, p.id),
    renamePlaylist: (p) => d.playlists.rename(p.id, p.name),
    deletePlaylist: (p) => {
      d.playlists.remove(p.id);
      return null;
    },
    loadPlaylist: (p) => d.playlists.load(p.id),
    exportPlaylist: (p) => d.playlists.export(p.id, p.dir ?? null),
    importPlaylist: (p) => d.playlists.import(p.text, p.name, p.baseDir ?? null),
    recordPlay: (e) => {
      d.history.record(e);
      heard?.(e);
      return null;
    },
    listHistory: (p) => d.history.list(p?.limit),
    clearHistory: () => {
      d.history.clear();
      return null;
    },
  };
}

/**
 * The library as the playlists see it: every track, its file, "import these and wait", and the
 * folders imports may come from (`roots` null: anywhere but the system folders).
 */
export function libraryIndex(
  catalogue: { pathOf(id: string): string | null },
  library: { tracks(): Track[]; pathOf(id: string): string | null; importPaths(paths: string[]): unknown; whenIdle(): Promise<unknown> },
  roots: () => string[] | null = () => null,
): MusicIndex {
  return {
    tracks: () => library.tracks(),
    pathOf: (id) => catalogue.pathOf(id) ?? library.pathOf(id),
    async importFiles(paths) {
      library.importPaths(paths);
      await library.whenIdle();
    },
    outsideFolders: () => {
      const folders = roots();
      return (path) => importRefusal(normalize(path), folders) !== null;
    },
  };
}
