/**
 * The bundled demo library: tracks with their mood position, resolved by id only. Positions,
 * tempo, key and mode come from the same audio analysis as the user's tracks
 * (scripts/build-catalogue.mjs), so a demo track and the same file imported sit on the same spot.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Attribution, Track } from '../../shared/contract.js';
import { trackBase } from './track-view.js';

interface CatalogueEntry {
  id: string;
  file: string;
  title: string;
  artist: string;
  /** The credit in full, where it says more than the artist's names (ATTRIBUTION.md). */
  credit?: string;
  album: string;
  licence: string;
  durationSec: number;
  valence: number;
  arousal: number;
  tempo?: number;
  key?: string;
  mode?: 'major' | 'minor';
  energy?: number;
}

export class Catalogue {
  private readonly paths = new Map<string, string>();
  readonly tracks: Track[];
  readonly attributions: Attribution[];

  constructor(musicDir: string) {
    const raw = JSON.parse(readFileSync(join(musicDir, 'catalogue.json'), 'utf8')) as { tracks: CatalogueEntry[] };
    const gains = demoGains(musicDir);
    this.tracks = raw.tracks.map((e) => {
      this.paths.set(e.id, join(musicDir, e.file));
      return {
        ...trackBase(e, e),
        origin: 'demo' as const,
        licence: e.licence,
        gainDb: gains[e.id] ?? null,
        tempo: e.tempo ?? null,
        key: e.key ?? null,
        mode: e.mode ?? null,
        energy: e.energy ?? null,
      };
    });
    this.attributions = raw.tracks.map((e) => ({
      title: e.title,
      artist: e.artist,
      ...(e.credit ? { credit: e.credit } : {}),
      licence: e.licence,
      source: e.album,
    }));
  }

  /** The file behind a track id, or null: the only way from a request to a path. */
  pathOf(id: string): string | null {
    return this.paths.get(id) ?? null;
  }
}

/** The demo tracks' playback gains, measured once (`npm run bench:loudness -- --write`); none when the file is absent. */
function demoGains(musicDir: string): Record<string, number> {
  try {
    const raw = JSON.parse(readFileSync(join(musicDir, 'loudness.json'), 'utf8')) as { tracks?: Record<string, { gainDb?: unknown }> };
    const out: Record<string, number> = {};
    for (const [id, t] of Object.entries(raw.tracks ?? {}))
      if (typeof t.gainDb === 'number' && Number.isFinite(t.gainDb)) out[id] = t.gainDb;
    return out;
  } catch {
    return {};
  }
}
