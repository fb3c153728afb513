/** The player's records: the queue session, saved playlists (M3U in and out), play history. */
import { bool, fail, int, isObject, map, none, num, object, optional, orNull, text, type Schema } from '../../schema.js';
import type { Track } from '../library.js';
import type { HistoryEntry, LoadedPlaylist, PlayerSession, PlaylistImportResult, SavedPlaylist } from '../player.js';
import { absolutePath, emotion, reasonLine, trackId, trackIds } from './fields.js';
import { request, returns } from './declare.js';

const playlistName = map(text(200), (v) => v.trim() || fail('name must not be empty'));

/** Why queued tracks were picked, by track id. */
const queueReasons: Schema<Record<string, string>> = (v, name) => {
  if (!isObject(v) || Object.keys(v).length > 10_000) fail(`${name} must map track ids to reason lines`);
  return Object.fromEntries(Object.entries(v).map(([id, line]) => [trackId(id, name), reasonLine(line, `${name}["${id}"]`)]));
};

const session: Schema<PlayerSession> = map(
  object(
    {
      trackIds,
      index: int(-1, Number.MAX_SAFE_INTEGER, 'a queue position'),
      positionSec: num(0, 1e6),
      mood: orNull(emotion),
      reasons: optional(queueReasons),
    },
    'saveSession takes { trackIds, index, positionSec, mood, reasons? }',
  ),
  (s) => {
    if (s.index >= Math.max(1, s.trackIds.length)) fail('index must be a queue position');
    return s;
  },
);

const historyEntry: Schema<HistoryEntry> = object(
  {
    trackId,
    title: text(1000),
    artist: text(1000),
    startedAt: num(0, 1e14),
    playedSec: num(0, 1e6),
    skipped: bool,
    mood: orNull(emotion),
    source: text(300),
  },
  'recordPlay takes a history entry',
);

const byId = (method: string) => object({ id: trackId }, `${method} takes { id }`);

export const playerRequests = {
  getSession: request(none, returns<{ session: PlayerSession | null; tracks: Track[] }>()),
  saveSession: request(session, returns<null>()),
  listPlaylists: request(none, returns<SavedPlaylist[]>()),
  /** Saves a queue under a name (a new playlist, or `id`'s replaced). */
  savePlaylist: request(
    object({ name: playlistName, trackIds, id: optional(trackId) }, 'savePlaylist takes { name, trackIds, id? }'),
    returns<SavedPlaylist>(),
  ),
  renamePlaylist: request(object({ id: trackId, name: playlistName }, 'renamePlaylist takes { id, name }'), returns<SavedPlaylist>()),
  deletePlaylist: request(byId('deletePlaylist'), returns<null>()),
  loadPlaylist: request(byId('loadPlaylist'), returns<LoadedPlaylist>()),
  /** The playlist as M3U8 text; paths relative to `dir` (where the file goes) where possible, else absolute. */
  exportPlaylist: request(
    object({ id: trackId, dir: optional(absolutePath) }, 'exportPlaylist takes { id, dir? }'),
    returns<{ fileName: string; text: string }>(),
  ),
  /** Imports M3U/M3U8 text; relative entries resolve against `baseDir` when given. */
  importPlaylist: request(
    object({ text: text(5_000_000), name: playlistName, baseDir: optional(absolutePath) }, 'importPlaylist takes { text, name, baseDir? }'),
    returns<PlaylistImportResult>(),
    ['library', 'import-progress'],
  ),
  recordPlay: request(historyEntry, returns<null>()),
  listHistory: request(
    orNull(object({ limit: optional(int(1, 100_000)) }, 'listHistory takes null or { limit? }')),
    returns<HistoryEntry[]>(),
  ),
  clearHistory: request(none, returns<null>()),
};
