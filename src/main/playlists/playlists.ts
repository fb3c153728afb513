/**
 * Saved playlists (`<data>/playlists.json`): save the queue under a name, list, rename, delete,
 * load; export as M3U8 and import M3U/M3U8 files other players wrote. An imported playlist's
 * files that are not in the library yet are imported; entries that cannot be found are named.
 */
import { randomUUID } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AppError, LoadedPlaylist, PlaylistImportMiss, PlaylistImportResult, SavedPlaylist, Track } from '../../shared/contract.js';
import { isObject } from '../../shared/is-object.js';
import { MoodtapeError } from '../core/errors.js';
import { mapLimit } from '../core/map-limit.js';
import { JsonRecord, type ListFile } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';
import { parseM3u, resolveEntry, writeM3u8 } from './m3u.js';

/** What the playlists need from the music library, without depending on how it is built. */
export interface MusicIndex {
  tracks(): Track[];
  /** The file behind a track id (demo or user), or null. */
  pathOf(id: string): string | null;
  /** Imports files into the library and resolves once their tags are read. */
  importFiles(paths: string[]): Promise<void>;
  /** Tells whether a path (as written) is outside the folders imports may come from now (serve mode: home, uploads, watched folders). */
  outsideFolders(): (path: string) => boolean;
}

/** Why a stored playlist cannot be used, or null. */
function playlistProblem(p: unknown): string | null {
  if (!isObject(p)) return 'it is not an object';
  if (typeof p.id !== 'string' || !p.id) return 'its id is missing or not text';
  if (typeof p.name !== 'string') return 'its name is missing or not text';
  if (!Array.isArray(p.trackIds) || !p.trackIds.every((t) => typeof t === 'string')) return 'its track list is not a list of track ids';
  if (typeof p.createdAt !== 'number') return 'its creation date is not a number';
  if (typeof p.updatedAt !== 'number') return 'its change date is not a number';
  return null;
}

const playlistName = (p: unknown, i: number) => (isObject(p) && typeof p.name === 'string' && p.name ? p.name : `playlist ${i + 1}`);

/** Enough for any real collection; a file past it is slow to rewrite on every save. */
export const MAX_PLAYLISTS = 1000;
/** As many tracks as a queue holds. */
export const MAX_PLAYLIST_TRACKS = 10_000;
export const MAX_PLAYLISTS_BYTES = 8_000_000;
const tooMany = () =>
  new MoodtapeError(
    'invalid-input',
    `You have ${MAX_PLAYLISTS} saved playlists, the most Moodtape keeps.`,
    'Delete playlists you no longer use, then save again.',
  );
const tooLong = (n: number) =>
  new MoodtapeError(
    'invalid-input',
    `That playlist has ${n.toLocaleString('en')} entries; a Moodtape playlist holds at most ${MAX_PLAYLIST_TRACKS.toLocaleString('en')} tracks.`,
    'Split it into smaller playlists in your other player or a text editor, then import the parts.',
  );
const tooLarge = () =>
  new MoodtapeError(
    'invalid-input',
    `Your saved playlists would take more than ${MAX_PLAYLISTS_BYTES / 1_000_000} MB, the most Moodtape keeps; this change was not made.`,
    'Delete or shorten some playlists, then try again.',
  );

const FILE: ListFile<SavedPlaylist> = {
  name: 'playlists',
  what: 'saved playlists',
  code: 'playlists-corrupt',
  problem: playlistProblem,
  nameOf: playlistName,
  maxBytes: MAX_PLAYLISTS_BYTES,
  tooLarge,
};

const notFound = (id: string) =>
  new MoodtapeError('invalid-input', `There is no saved playlist "${id}".`, 'It may have been deleted; pick one from the list.');

export class PlaylistService {
  private constructor(
    private readonly store: JsonRecord<SavedPlaylist[]>,
    private readonly music: MusicIndex,
  ) {}

  static open(
    dir: string,
    music: MusicIndex,
    factory?: StoreFactory,
    report?: (e: AppError) => void,
  ): { playlists: PlaylistService; notice: AppError | null } {
    const { store, notice } = JsonRecord.openList(FILE, dir, factory, report);
    return { playlists: new PlaylistService(store, music), notice };
  }

  list(): SavedPlaylist[] {
    return this.store.get();
  }

  get(id: string): SavedPlaylist {
    const p = this.store.get().find((x) => x.id === id);
    if (!p) throw notFound(id);
    return p;
  }

  /** By id, else by name (case-insensitive): for the command line. */
  find(idOrName: string): SavedPlaylist | null {
    const all = this.store.get();
    return all.find((p) => p.id === idOrName) ?? all.find((p) => p.name.toLowerCase() === idOrName.toLowerCase()) ?? null;
  }

  save(name: string, trackIds: string[], id?: string): SavedPlaylist {
    const now = Date.now();
    const all = this.store.get();
    const ids = [...new Set(trackIds)];
    if (id) {
      const old = this.get(id);
      const next = { ...old, name, trackIds: ids, updatedAt: now };
      this.store.set(all.map((p) => (p.id === id ? next : p)));
      return next;
    }
    if (all.length >= MAX_PLAYLISTS) throw tooMany();
    const p: SavedPlaylist = { id: `p-${randomUUID()}`, name, trackIds: ids, createdAt: now, updatedAt: now };
    this.store.set([...all, p]);
    return p;
  }

  rename(id: string, name: string): SavedPlaylist {
    const p = { ...this.get(id), name, updatedAt: Date.now() };
    this.store.set(this.store.get().map((x) => (x.id === id ? p : x)));
    return p;
  }

  remove(id: string): void {
    this.get(id);
    this.store.set(this.store.get().filter((p) => p.id !== id));
  }

  load(id: string): LoadedPlaylist {
    const playlist = this.get(id);
    const byId = new Map(this.music.tracks().map((t) => [t.id, t]));
    const tracks = playlist.trackIds.map((t) => byId.get(t)).filter((t): t is Track => !!t);
    return { playlist, tracks, missing: playlist.trackIds.length - tracks.length };
  }

  /** M3U8 text; with `dir` (where the file goes) the paths are relative to it where possible. */
  export(id: string, dir: string | null = null): { fileName: string; text: string } {
    const { playlist, tracks } = this.load(id);
    const rows = tracks.flatMap((t) => {
      const path = this.music.pathOf(t.id);
      return path ? [{ path, durationSec: t.durationSec, artist: t.artist, title: t.title }] : [];
    });
    const fileName = `${playlist.name.replace(/[\\/:*?"<>|\0]+/g, '_').trim() || 'playlist'}.m3u8`;
    return { fileName, text: writeM3u8(rows, dir) };
  }

  /**
   * Imports an M3U/M3U8 text. The file checks run as asynchronous calls, a few at a time, and the
   * loops yield between slices, so a long playlist never holds up the other requests. Entries
   * outside the folders the user may import from get one reason, without being looked at, so the
   * answer never tells whether a file there exists.
   */
  async import(text: string, name: string, baseDir: string | null): Promise<PlaylistImportResult> {
    const entries = parseM3u(text);
    if (entries.length > MAX_PLAYLIST_TRACKS) throw tooLong(entries.length);
    if (this.store.get().length >= MAX_PLAYLISTS) throw tooMany();
    const missing: PlaylistImportMiss[] = [];
    const wanted: ({ path: string } | { reason: string })[] = [];
    let index = this.pathIndex();
    const names = this.nameIndex();
    for (let i = 0; i < entries.length; i++) {
      if (i % SLICE === SLICE - 1) await breathe();
      const r = resolveEntry(entries[i]!.location, baseDir);
      if ('reason' in r) {
        // No folder to resolve against (a playlist picked in the browser): the file name may still match.
        const byName = names.get(fileNameOf(entries[i]!.location));
        wanted.push(byName ? { path: byName } : r);
      } else wanted.push(r);
    }
    // What is not in the library yet: outside the allowed folders (not looked at), a file, or not there.
    const outside = new Set<string>();
    const files = new Set<string>();
    // The library knows each file by its real path; an entry may name it through a linked folder.
    const real = new Map<string, string>();
    const unknown = [...new Set(wanted.flatMap((w) => ('path' in w && !index.has(w.path) ? [w.path] : [])))];
    const isOutside = this.music.outsideFolders();
    await mapLimit(unknown, STAT_LIMIT, async (path) => {
      if (isOutside(path)) return void outside.add(path);
      if (!(await isFile(path))) return;
      // A link inside the folders to a file outside them is outside too.
      const target = await realpath(path).catch(() => path);
      real.set(path, target);
      if (isOutside(target)) outside.add(path);
      else files.add(path);
    });
    if (files.size > 0) {
      await this.music.importFiles([...files]);
      index = this.pathIndex();
    }
    const ids: string[] = [];
    let imported = 0;
    for (let i = 0; i < entries.length; i++) {
      if (i % SLICE === SLICE - 1) await breathe();
      const w = wanted[i]!;
      const entry = entries[i]!.location;
      if ('reason' in w) {
        missing.push({ entry, reason: w.reason });
        continue;
      }
      const id = index.get(w.path) ?? index.get(real.get(w.path) ?? '');
      if (id) {
        ids.push(id);
        if (files.has(w.path)) imported += 1;
      } else if (outside.has(w.path)) missing.push({ entry, reason: OUTSIDE });
      else missing.push({ entry, reason: files.has(w.path) ? 'not an audio file the library could read' : 'no such file' });
    }
    const playlist = this.save(name, ids);
    return { playlist, matched: ids.length, imported, missing };
  }

  private pathIndex(): Map<string, string> {
    const m = new Map<string, string>();
    for (const t of this.music.tracks()) {
      const p = this.music.pathOf(t.id);
      if (p) m.set(p, t.id);
    }
    return m;
  }

  /** Lower-cased file name -> path, for entries that can only be matched by name. */
  private nameIndex(): Map<string, string> {
    const m = new Map<string, string>();
    for (const t of this.music.tracks()) {
      const p = this.music.pathOf(t.id);
      if (p && !m.has(fileNameOf(p))) m.set(fileNameOf(p), p);
    }
    return m;
  }

  /** The app is closing: a write still owed is tried once more, then retries stop. */
  close(): void {
    this.store.close();
  }
}

const fileNameOf = (location: string) => basename(location.replace(/\\/g, '/')).toLowerCase();

/** Lets other requests in between slices of a long loop. */
const breathe = () => new Promise<void>((r) => setImmediate(r));
const SLICE = 500;
const STAT_LIMIT = 8;
const OUTSIDE = 'outside your home folder and the folders you added';

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
