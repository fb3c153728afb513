/**
 * What the listener has taught us about each track under each mood, learned from what they do:
 * a skip in the first 30 s, replacing the track, a dislike count against it; finishing it, playing
 * it again, a like count for it. The model is a Beta-Bernoulli score per (track, mood): start from
 * Beta(2, 2) (no opinion, 0.5) and add weighted reactions; the score is the posterior mean. It is
 * simple to explain ("you skipped this twice when sad"), needs no tuning, and a few reactions move
 * it while one stray click does not flip it. A bandit's exploration comes for free from the
 * weighted random draw in the playlist (ranking.ts), which never bans a track.
 * Corrections of a track's place move the track (library), never this score.
 */
import type { AppError, Emotion, ListenEvent, TrackPreference } from '../../shared/contract.js';
import type { StoreFactory } from '../core/store.js';
import { openLocalFile, type LocalFile } from './local-file.js';

const PRIOR = 2;
/** How much each reaction says: explicit likes and dislikes most, a finished track least. */
const WEIGHTS: Record<Exclude<ListenEvent, 'play'>, { up: number; down: number }> = {
  'early-skip': { up: 0, down: 1 },
  replace: { up: 0, down: 1 },
  dislike: { up: 0, down: 3 },
  finish: { up: 0.5, down: 0 },
  replay: { up: 1, down: 0 },
  like: { up: 3, down: 0 },
};

interface Stored {
  up: number;
  down: number;
  skips: number;
  updatedAt: number;
}
type Data = Record<string, Stored>;

const key = (trackId: string, emotion: Emotion) => `${emotion}\u0000${trackId}`;

function parse(raw: unknown): Data | null {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Data = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const s = v as Partial<Stored>;
    if (typeof s?.up === 'number' && typeof s.down === 'number') {
      out[k] = { up: s.up, down: s.down, skips: typeof s.skips === 'number' ? s.skips : 0, updatedAt: s.updatedAt ?? 0 };
    }
  }
  return out;
}

export class PreferenceStore {
  private constructor(private readonly file: LocalFile<Data>) {}

  static open(dir: string, factory?: StoreFactory, report?: (e: AppError) => void): PreferenceStore {
    return new PreferenceStore(openLocalFile(dir, 'preferences', 'listening preferences', parse, factory, report));
  }

  get notice() {
    return this.file.notice;
  }

  record(trackId: string, emotion: Emotion, event: Exclude<ListenEvent, 'play'>, at = Date.now()): TrackPreference {
    const k = key(trackId, emotion);
    const s = this.file.data[k] ?? { up: 0, down: 0, skips: 0, updatedAt: at };
    const w = WEIGHTS[event];
    s.up += w.up;
    s.down += w.down;
    if (event === 'early-skip') s.skips += 1;
    s.updatedAt = at;
    this.file.data[k] = s;
    this.file.save();
    return view(k, s);
  }

  get(trackId: string, emotion: Emotion): TrackPreference | undefined {
    const k = key(trackId, emotion);
    const s = this.file.data[k];
    return s ? view(k, s) : undefined;
  }

  /** A lookup for one mood, as the recommender takes it. */
  forMood(emotion: Emotion): (trackId: string) => TrackPreference | undefined {
    return (trackId) => this.get(trackId, emotion);
  }

  list(): TrackPreference[] {
    return Object.entries(this.file.data)
      .map(([k, s]) => view(k, s))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  reset(): void {
    for (const k of Object.keys(this.file.data)) delete this.file.data[k];
    this.file.save();
  }
}

function view(k: string, s: Stored): TrackPreference {
  const [emotion, trackId] = k.split('\u0000') as [Emotion, string];
  const score = (PRIOR + s.up) / (2 * PRIOR + s.up + s.down);
  return { trackId, emotion, up: s.up, down: s.down, skips: s.skips, score: Math.round(score * 1000) / 1000, updatedAt: s.updatedAt };
}
