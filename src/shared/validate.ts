/** Validation of request params from the renderer: both transports run every call through here. */
import {
  EMOTIONS,
  LISTEN_EVENTS,
  MAX_IMPORT_PATHS,
  METHODS,
  MOOD_INTENTS,
  type AppError,
  type HistoryEntry,
  type LibraryQuery,
  type Method,
  type MoodIntent,
  type Params,
  type PlayerSession,
  type RepeatMode,
  type Settings,
} from './contract.js';
import { isObject } from './is-object.js';

export class InvalidInput extends Error {}

function fail(what: string): never {
  throw new InvalidInput(what);
}

function emotion(v: unknown, what = 'emotion') {
  if (typeof v !== 'string' || !(EMOTIONS as readonly string[]).includes(v)) {
    fail(`${what} must be one of ${EMOTIONS.join(', ')}`);
  }
  return v as (typeof EMOTIONS)[number];
}

function none(v: unknown) {
  if (v !== null && v !== undefined) fail('this call takes no parameters');
  return null;
}

function onlyKeys(o: Record<string, unknown>, keys: string[]) {
  for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`unknown field "${k}"`);
}

function settingsPatch(v: unknown): Partial<Settings> {
  if (!isObject(v)) fail('settings must be an object');
  onlyKeys(v, [
    'volume',
    'mode',
    'cameraSource',
    'lastMood',
    'window',
    'onlyUserTracks',
    'watchedFolders',
    'quitOnClose',
    'intent',
    ...PLAYER_SETTINGS,
  ]);
  const out: Partial<Settings> = {};
  if (v.intent !== undefined) out.intent = intent(v.intent);
  if (v.volume !== undefined) {
    if (typeof v.volume !== 'number' || !(v.volume >= 0 && v.volume <= 1)) fail('volume must be a number from 0 to 1');
    out.volume = v.volume;
  }
  if (v.mode !== undefined) out.mode = mode(v.mode);
  if (v.cameraSource !== undefined) out.cameraSource = cameraSource(v.cameraSource);
  if (v.lastMood !== undefined) out.lastMood = v.lastMood === null ? null : emotion(v.lastMood, 'lastMood');
  if (v.window !== undefined) {
    if (v.window === null) out.window = null;
    else {
      const w = v.window;
      if (!isObject(w)) fail('window must be an object');
      onlyKeys(w, ['width', 'height', 'x', 'y', 'maximized']);
      const int = (n: unknown, name: string) => {
        if (typeof n !== 'number' || !Number.isInteger(n) || Math.abs(n) > 100_000) fail(`window.${name} must be an integer`);
        return n;
      };
      out.window = {
        width: int(w.width, 'width'),
        height: int(w.height, 'height'),
        ...(w.x !== undefined ? { x: int(w.x, 'x') } : {}),
        ...(w.y !== undefined ? { y: int(w.y, 'y') } : {}),
        maximized: w.maximized === true,
      };
    }
  }
  if (v.onlyUserTracks !== undefined) {
    if (typeof v.onlyUserTracks !== 'boolean') fail('onlyUserTracks must be true or false');
    out.onlyUserTracks = v.onlyUserTracks;
  }
  if (v.watchedFolders !== undefined) out.watchedFolders = [...new Set(absolutePaths(v.watchedFolders, 'watchedFolders', 0, 100))];
  if (v.quitOnClose !== undefined) {
    if (typeof v.quitOnClose !== 'boolean') fail('quitOnClose must be true or false');
    out.quitOnClose = v.quitOnClose;
  }
  return { ...out, ...playerSettings(v) };
}

// ---- player (issue 16): settings, session, playlists, history ------------------------------

const PLAYER_SETTINGS = ['shuffle', 'repeat', 'normalizeLoudness', 'crossfadeSec'];

function playerSettings(v: Record<string, unknown>): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of ['shuffle', 'normalizeLoudness'] as const) {
    if (v[key] === undefined) continue;
    if (typeof v[key] !== 'boolean') fail(`${key} must be true or false`);
    out[key] = v[key];
  }
  if (v.repeat !== undefined) out.repeat = repeatMode(v.repeat);
  if (v.crossfadeSec !== undefined) {
    if (typeof v.crossfadeSec !== 'number' || !(v.crossfadeSec >= 0 && v.crossfadeSec <= 12))
      fail('crossfadeSec must be a number from 0 to 12');
    out.crossfadeSec = v.crossfadeSec;
  }
  return out;
}

function repeatMode(v: unknown): RepeatMode {
  if (v !== 'off' && v !== 'all' && v !== 'one') fail('repeat must be "off", "all" or "one"');
  return v;
}

function text(v: unknown, what: string, max: number, min = 0): string {
  if (typeof v !== 'string' || v.length < min || v.length > max || v.includes('\0'))
    fail(`${what} must be a string of ${min} to ${max} characters`);
  return v;
}

function playlistName(v: unknown): string {
  const name = text(v, 'name', 200).trim();
  if (!name) fail('name must not be empty');
  return name;
}

function count(v: unknown, what: string, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) fail(`${what} must be a number from 0 to ${max}`);
  return v;
}

function idOnly(p: unknown, method: string): { id: string } {
  if (!isObject(p)) fail(`${method} takes { id }`);
  onlyKeys(p, ['id']);
  return { id: trackId(p.id) };
}

function session(p: unknown): PlayerSession {
  if (!isObject(p)) fail('saveSession takes { trackIds, index, positionSec, mood }');
  onlyKeys(p, ['trackIds', 'index', 'positionSec', 'mood']);
  const ids = trackIds(p.trackIds);
  if (typeof p.index !== 'number' || !Number.isInteger(p.index) || p.index < -1 || p.index >= Math.max(1, ids.length))
    fail('index must be a queue position');
  return {
    trackIds: ids,
    index: p.index,
    positionSec: count(p.positionSec, 'positionSec', 1e6),
    mood: p.mood === null || p.mood === undefined ? null : emotion(p.mood, 'mood'),
  };
}

function historyEntry(p: unknown): HistoryEntry {
  if (!isObject(p)) fail('recordPlay takes a history entry');
  onlyKeys(p, ['trackId', 'title', 'artist', 'startedAt', 'playedSec', 'skipped', 'mood', 'source']);
  if (typeof p.skipped !== 'boolean') fail('skipped must be true or false');
  return {
    trackId: trackId(p.trackId),
    title: text(p.title, 'title', 1000),
    artist: text(p.artist, 'artist', 1000),
    startedAt: count(p.startedAt, 'startedAt', 1e14),
    playedSec: count(p.playedSec, 'playedSec', 1e6),
    skipped: p.skipped,
    mood: p.mood === null || p.mood === undefined ? null : emotion(p.mood, 'mood'),
    source: text(p.source, 'source', 300),
  };
}

const playerValidators = {
  getSession: none,
  saveSession: session,
  listPlaylists: none,
  savePlaylist: (p: unknown): Params<'savePlaylist'> => {
    if (!isObject(p)) fail('savePlaylist takes { name, trackIds, id? }');
    onlyKeys(p, ['name', 'trackIds', 'id']);
    return { name: playlistName(p.name), trackIds: trackIds(p.trackIds), ...(p.id !== undefined ? { id: trackId(p.id) } : {}) };
  },
  renamePlaylist: (p: unknown): Params<'renamePlaylist'> => {
    if (!isObject(p)) fail('renamePlaylist takes { id, name }');
    onlyKeys(p, ['id', 'name']);
    return { id: trackId(p.id), name: playlistName(p.name) };
  },
  deletePlaylist: (p: unknown) => idOnly(p, 'deletePlaylist'),
  loadPlaylist: (p: unknown) => idOnly(p, 'loadPlaylist'),
  exportPlaylist: (p: unknown): Params<'exportPlaylist'> => {
    if (!isObject(p)) fail('exportPlaylist takes { id, dir? }');
    onlyKeys(p, ['id', 'dir']);
    return { id: trackId(p.id), ...(p.dir !== undefined ? { dir: absolutePath(p.dir, 'dir') } : {}) };
  },
  importPlaylist: (p: unknown): Params<'importPlaylist'> => {
    if (!isObject(p)) fail('importPlaylist takes { text, name, baseDir? }');
    onlyKeys(p, ['text', 'name', 'baseDir']);
    return {
      text: text(p.text, 'text', 5_000_000),
      name: playlistName(p.name),
      ...(p.baseDir !== undefined ? { baseDir: absolutePath(p.baseDir, 'baseDir') } : {}),
    };
  },
  recordPlay: historyEntry,
  listHistory: (p: unknown): Params<'listHistory'> => {
    if (p === null || p === undefined) return null;
    if (!isObject(p)) fail('listHistory takes null or { limit? }');
    onlyKeys(p, ['limit']);
    if (p.limit === undefined) return {};
    if (typeof p.limit !== 'number' || !Number.isInteger(p.limit) || p.limit < 1 || p.limit > 100_000) fail('limit must be a whole number');
    return { limit: p.limit };
  },
  clearHistory: none,
};

/** An absolute file-system path (POSIX, Windows drive or UNC); relative paths would depend on the app's cwd. */
function absolutePath(v: unknown, what = 'path'): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 4096 || v.includes('\0') || !/^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(v)) {
    fail(`${what} must be an absolute file or folder path`);
  }
  return v;
}

function absolutePaths(v: unknown, what: string, min: number, max: number): string[] {
  if (!Array.isArray(v) || v.length < min || v.length > max) fail(`${what} must be a list of ${min} to ${max} absolute paths`);
  return v.map((p, i) => absolutePath(p, `${what}[${i}]`));
}

function trackId(v: unknown): string {
  if (typeof v !== 'string' || v.length === 0 || v.length > 255 || /[/\\\0]/.test(v)) fail('id must be a track id');
  return v;
}

function unit(v: unknown, what: string): number {
  if (typeof v !== 'number' || !(v >= -1 && v <= 1)) fail(`${what} must be a number from -1 to 1`);
  return v;
}

function libraryQuery(v: unknown): LibraryQuery | null {
  if (v === null || v === undefined) return null;
  if (!isObject(v)) fail('listLibrary takes null or { search?, sort?, order?, mood?, origin?, offset?, limit? }');
  onlyKeys(v, ['search', 'sort', 'order', 'mood', 'origin', 'offset', 'limit']);
  const out: LibraryQuery = {};
  if (v.search !== undefined) {
    if (typeof v.search !== 'string' || v.search.length > 500) fail('search must be a string of at most 500 characters');
    out.search = v.search;
  }
  if (v.sort !== undefined) {
    const sorts = ['title', 'artist', 'album', 'added', 'mood', 'valence', 'arousal'] as const;
    if (!sorts.includes(v.sort as (typeof sorts)[number])) fail(`sort must be one of ${sorts.join(', ')}`);
    out.sort = v.sort as (typeof sorts)[number];
  }
  if (v.order !== undefined) {
    if (v.order !== 'asc' && v.order !== 'desc') fail('order must be "asc" or "desc"');
    out.order = v.order;
  }
  if (v.mood !== undefined) out.mood = emotion(v.mood, 'mood');
  if (v.origin !== undefined) {
    if (v.origin !== 'demo' && v.origin !== 'user') fail('origin must be "demo" or "user"');
    out.origin = v.origin;
  }
  for (const key of ['offset', 'limit'] as const) {
    const n = v[key];
    if (n === undefined) continue;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < (key === 'limit' ? 1 : 0) || n > 1_000_000)
      fail(`${key} must be a whole number`);
    out[key] = n;
  }
  return out;
}

function mode(v: unknown) {
  if (v !== 'snapshot' && v !== 'live') fail('mode must be "snapshot" or "live"');
  return v;
}

export function cameraSource(v: unknown): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 4096 || v.includes('\0')) {
    fail('camera source must be a device number or a video file path');
  }
  return v.trim();
}

// ---- mood fit (issue 15) ----
function intent(v: unknown): MoodIntent {
  if (typeof v !== 'string' || !(MOOD_INTENTS as readonly string[]).includes(v)) fail(`intent must be one of ${MOOD_INTENTS.join(', ')}`);
  return v as MoodIntent;
}

function recommendParams(p: unknown): Params<'recommend'> {
  if (!isObject(p)) fail('recommend takes { emotion, length?, exclude?, intent?, from?, widen? }');
  onlyKeys(p, ['emotion', 'length', 'exclude', 'intent', 'from', 'widen']);
  const out: Params<'recommend'> = { emotion: emotion(p.emotion) };
  if (p.length !== undefined) {
    if (typeof p.length !== 'number' || !Number.isInteger(p.length) || p.length < 1 || p.length > 200) {
      fail('length must be an integer from 1 to 200');
    }
    out.length = p.length;
  }
  if (p.exclude !== undefined) out.exclude = trackIds(p.exclude);
  if (p.intent !== undefined) out.intent = intent(p.intent);
  if (p.from !== undefined) {
    if (!isObject(p.from)) fail('from must be { valence, arousal }');
    onlyKeys(p.from, ['valence', 'arousal']);
    out.from = { valence: unit(p.from.valence, 'from.valence'), arousal: unit(p.from.arousal, 'from.arousal') };
  }
  if (p.widen !== undefined) {
    if (typeof p.widen !== 'boolean') fail('widen must be true or false');
    out.widen = p.widen;
  }
  return out;
}

function listenParams(p: unknown): Params<'recordListen'> {
  if (!isObject(p)) fail('recordListen takes { trackId, emotion, event }');
  onlyKeys(p, ['trackId', 'emotion', 'event']);
  if (typeof p.event !== 'string' || !(LISTEN_EVENTS as readonly string[]).includes(p.event)) {
    fail(`event must be one of ${LISTEN_EVENTS.join(', ')}`);
  }
  return { trackId: trackId(p.trackId), emotion: emotion(p.emotion), event: p.event as Params<'recordListen'>['event'] };
}

function historyQuery(p: unknown): Params<'getMoodHistory'> {
  if (p === null || p === undefined) return null;
  if (!isObject(p)) fail('getMoodHistory takes null or { since? }');
  onlyKeys(p, ['since']);
  if (p.since === undefined) return {};
  if (typeof p.since !== 'number' || !Number.isFinite(p.since) || p.since < 0) fail('since must be a time in ms since 1970');
  return { since: p.since };
}

function trackIds(v: unknown): string[] {
  if (!Array.isArray(v) || v.length > 10_000 || !v.every((s) => typeof s === 'string' && s.length < 256)) {
    fail('exclude must be a list of track ids');
  }
  return v as string[];
}

const validators: { [M in Method]: (p: unknown) => Params<M> } = {
  getState: none,
  startCamera: none,
  stopCamera: none,
  snapshot: none,
  setManualMood: (p) => emotion(p),
  recommend: recommendParams,
  updateSettings: settingsPatch,
  getAbout: none,
  importPaths: (p) => {
    if (!isObject(p)) fail('importPaths takes { paths, watch? }');
    onlyKeys(p, ['paths', 'watch']);
    const out: Params<'importPaths'> = { paths: absolutePaths(p.paths, 'paths', 1, MAX_IMPORT_PATHS) };
    if (p.watch !== undefined) {
      if (typeof p.watch !== 'boolean') fail('watch must be true or false');
      out.watch = p.watch;
    }
    return out;
  },
  getImportStatus: none,
  cancelImport: none,
  listLibrary: libraryQuery,
  setTrackMood: (p) => {
    if (!isObject(p)) fail('setTrackMood takes { id, valence, arousal } or { id, emotion } or { id, reset: true }');
    const id = trackId(p.id);
    if ('emotion' in p) {
      onlyKeys(p, ['id', 'emotion']);
      return { id, emotion: emotion(p.emotion) };
    }
    if ('reset' in p) {
      onlyKeys(p, ['id', 'reset']);
      if (p.reset !== true) fail('reset must be true');
      return { id, reset: true };
    }
    onlyKeys(p, ['id', 'valence', 'arousal']);
    return { id, valence: unit(p.valence, 'valence'), arousal: unit(p.arousal, 'arousal') };
  },
  removeTrack: (p) => {
    if (!isObject(p)) fail('removeTrack takes { id }');
    onlyKeys(p, ['id']);
    return { id: trackId(p.id) };
  },
  ...playerValidators,
  recordListen: listenParams,
  getPreferences: none,
  resetPreferences: none,
  getMoodHistory: historyQuery,
  clearMoodHistory: none,
};

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && (METHODS as readonly string[]).includes(name);
}

/** Checks a request's params; throws InvalidInput with a message a developer can act on. */
export function validateParams<M extends Method>(method: M, params: unknown): Params<M> {
  return validators[method](params) as Params<M>;
}

export function invalidInput(message: string): AppError {
  return { code: 'invalid-input', message: `Invalid request: ${message}.`, hint: 'This is a bug in the caller; please report it.' };
}
