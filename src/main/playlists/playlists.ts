/**
 * Saved playlists (`<data>/playlists.json`): save the queue under a name, list, rename, delete,
 * load; export as M3U8 and import M3U/M3U8 files other players wrote. An imported playlist's
 * files that are not in the library yet are imported; entries that cannot be found are named.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { AppError, LoadedPlaylist, PlaylistImportMiss, PlaylistImportResult, SavedPlaylist, Track } from '../../shared/contract.js';
import { isObject } from '../../shared/is-object.js';
import { MoodtapeError } from '../core/errors.js';
import { cleanList, JsonRecord } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';
import { parseM3u, resolveEntry, writeM3u8 } from './m3u.js';

/** What the playlists need from the music library, without depending on how it is built. */
export interface MusicIndex {
  tracks(): Track[];
  /** The file behind a track id (demo or user), or null. */
  pathOf(id: string): string | null;
  /** Imports files into the library and resolves once their tags are read. */
  importFiles(paths: string[]): Promise<void>;
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
export const MAX_PLAYLISTS_BYTES = 8_000_000;
const tooMany = () =>
  new MoodtapeError(
    'invalid-input',
    `You have ${MAX_PLAYLISTS} saved playlists, the most Moodtape keeps.`,
    'Delete playlists you no longer use, then save again.',
  );
const tooLarge = () =>
  new MoodtapeError(
    'invalid-input',
    `Your saved playlists would take more than ${MAX_PLAYLISTS_BYTES / 1_000_000} MB, the most Moodtape keeps; this change was not made.`,
    'Delete or shorten some playlists, then try again.',
  );

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
    const { store, notice } = JsonRecord.open<SavedPlaylist[]>({
      dir,
      name: 'playlists',
      what: 'saved playlists',
      code: 'playlists-corrupt',
      empty: () => [],
      clean: (raw) => cleanList(raw, playlistProblem, playlistName),
      factory,
      report,
      maxBytes: MAX_PLAYLISTS_BYTES,
      tooLarge,
    });
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

  async import(text: string, name: string, baseDir: string | null): Promise<PlaylistImportResult> {
    const entries = parseM3u(text);
    const missing: PlaylistImportMiss[] = [];
    const wanted: ({ path: string } | null)[] = [];
    const toImport: string[] = [];
    let index = this.pathIndex();
    for (const e of entries) {
      const r = resolveEntry(e.location, baseDir);
      if ('reason' in r) {
        // No folder to resolve against (a playlist picked in the browser): the file name may still match.
        const byName = this.byFileName(e.location);
        if (byName) wanted.push({ path: byName });
        else {
          missing.push({ entry: e.location, reason: r.reason });
          wanted.push(null);
        }
        continue;
      }
      wanted.push({ path: r.path });
      if (index.has(r.path)) continue;
      if (isFile(r.path)) toImport.push(r.path);
    }
    if (toImport.length > 0) {
      await this.music.importFiles([...new Set(toImport)]);
      index = this.pathIndex();
    }
    const ids: string[] = [];
    let imported = 0;
    const importedSet = new Set(toImport);
    entries.forEach((e, i) => {
      const w = wanted[i];
      if (!w) return;
      const id = index.get(w.path);
      if (id) {
        ids.push(id);
        if (importedSet.has(w.path)) imported += 1;
      } else {
        missing.push({ entry: e.location, reason: isFile(w.path) ? 'not an audio file the library could read' : 'no such file' });
      }
    });
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

  private byFileName(location: string): string | null {
    const name = basename(location.replace(/\\/g, '/')).toLowerCase();
    for (const t of this.music.tracks()) {
      const p = this.music.pathOf(t.id);
      if (p && basename(p).toLowerCase() === name) return p;
    }
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
