/** The user's tracks in memory, found by id (requests) or by path (scans), kept in step with the store's data. */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { mapLimit } from '../core/map-limit.js';
import type { LibraryEntry, LibraryStore } from './library-store.js';
import type { TagResult } from './tags.js';

const STAT_LIMIT = 32;

const trackIdFor = (path: string) => `u-${createHash('sha1').update(path).digest('hex').slice(0, 16)}`;

/** Whether `path` is `folder` or inside it. */
export const under = (path: string, folder: string) => path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

export class LibraryEntries {
  private readonly byId = new Map<string, LibraryEntry>();
  private readonly byPath = new Map<string, LibraryEntry>();

  constructor(private readonly store: LibraryStore) {
    for (const e of store.data.tracks) {
      this.byId.set(e.id, e);
      this.byPath.set(e.path, e);
    }
  }

  get(id: string): LibraryEntry | undefined {
    return this.byId.get(id);
  }

  atPath(path: string): LibraryEntry | undefined {
    return this.byPath.get(path);
  }

  all(): IterableIterator<LibraryEntry> {
    return this.byId.values();
  }

  /** Adds a newly read file, or updates a changed one (its old analysis no longer holds; a correction still does). */
  upsert(t: Extract<TagResult, { ok: true }>, folderImage: string | null): LibraryEntry {
    const tags = {
      size: t.size,
      mtimeMs: t.mtimeMs,
      title: t.title,
      artist: t.artist,
      album: t.album,
      durationSec: t.durationSec,
      replayGain: t.replayGain,
      folderImage,
    };
    const existing = this.byPath.get(t.path);
    if (existing) {
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

  /** Marks entries whose file is gone (or back), except those `skip` names; whether any changed. */
  async checkMissing(skip: (path: string) => boolean): Promise<boolean> {
    const checks = [...this.byId.values()].filter((e) => !skip(e.path));
    const flagged = await mapLimit(checks, STAT_LIMIT, async (e) => {
      const missing = await stat(e.path).then(
        (s) => !s.isFile(),
        () => true,
      );
      if (!!e.missing === missing) return false;
      e.missing = missing;
      return true;
    });
    return flagged.includes(true);
  }

  /** Forgets these entries; returns their ids. */
  drop(entries: LibraryEntry[]): string[] {
    const ids = new Set(entries.map((e) => e.id));
    for (const e of entries) {
      this.byId.delete(e.id);
      this.byPath.delete(e.path);
    }
    this.store.data.tracks = this.store.data.tracks.filter((e) => !ids.has(e.id));
    return [...ids];
  }
}
