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
import { EMOTIONS, type AppError, type Emotion, type ListenEvent, type TrackPreference } from '../../shared/contract.js';
import { JsonRecord, type Cleaned, type Rejected } from '../core/json-record.js';
import type { StoreFactory } from '../core/store.js';

const PRIOR = 2;
/** How much each reaction says: explicit likes and dislikes most, a finished track least. */
const WEIGHTS: Record<Exclude<ListenEvent, 'play'>, { up: number; down: number }> = {
  'early-skip': { up: 0, down: 1 },
  replace: { up: 0, down: 1 },
  dislike: { up: 0, down: 3 },
  finish: { up: 0.5, down: 0 },
  replay: { up: 1, down: 0 },
  like: { up: 3, down: 0 },
  'undo-like': { up: -3, down: 0 },
  'undo-dislike': { up: 0, down: -3 },
};

interface Stored {
  up: number;
  down: number;
  skips: number;
  updatedAt: number;
}
type Data = Record<string, Stored>;

const key = (trackId: string, emotion: Emotion) => `${emotion}\u0000${trackId}`;

/** Enough for every track of a large library under a few moods; beyond it the longest-unused scores are forgotten. */
export const MAX_PREFERENCES = 50_000;

function parse(raw: unknown): Cleaned<Data> | null {
  if (raw === undefined) return { value: {}, rejected: [] };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const value: Data = {};
  const rejected: Rejected[] = [];
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    const s = v as Partial<Stored> | null;
    const [emotion, trackId] = k.split('\u0000');
    const why = !trackId
      ? 'its key is not a mood and a track id'
      : !(EMOTIONS as readonly string[]).includes(emotion!)
        ? 'its mood is unknown'
        : typeof s !== 'object' || s === null
          ? 'it is not an object'
          : !finite(s.up) || !finite(s.down)
            ? 'its counts are not numbers'
            : null;
    if (why) {
      rejected.push({ name: trackId ? `${trackId} (${emotion})` : k, reason: why, value: { [k]: v } });
      continue;
    }
    value[k] = { up: s!.up!, down: s!.down!, skips: finite(s!.skips) ? s!.skips : 0, updatedAt: finite(s!.updatedAt) ? s!.updatedAt : 0 };
  }
  return { value, rejected };
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export class PreferenceStore {
  private constructor(
    private readonly file: JsonRecord<Data>,
    readonly notice: AppError | null,
  ) {}

  static open(dir: string, factory?: StoreFactory, report?: (e: AppError) => void): PreferenceStore {
    const { store, notice } = JsonRecord.open<Data>({
      dir,
      name: 'preferences',
      what: 'listening preferences',
      code: 'settings-corrupt',
      empty: () => ({}),
      clean: parse,
      factory,
      report,
    });
    return new PreferenceStore(store, notice);
  }

  private get data(): Data {
    return this.file.get();
  }

  record(trackId: string, emotion: Emotion, event: Exclude<ListenEvent, 'play'>, at = Date.now()): TrackPreference {
    const k = key(trackId, emotion);
    if (!this.data[k]) this.makeRoom();
    const s = this.data[k] ?? { up: 0, down: 0, skips: 0, updatedAt: at };
    const w = WEIGHTS[event];
    // An undo takes back what its like or dislike added, never more.
    s.up = Math.max(0, s.up + w.up);
    s.down = Math.max(0, s.down + w.down);
    if (event === 'early-skip') s.skips += 1;
    s.updatedAt = at;
    this.data[k] = s;
    this.file.save();
    return view(k, s);
  }

  get(trackId: string, emotion: Emotion): TrackPreference | undefined {
    const k = key(trackId, emotion);
    const s = this.data[k];
    return s ? view(k, s) : undefined;
  }

  /** A lookup for one mood, as the recommender takes it. */
  forMood(emotion: Emotion): (trackId: string) => TrackPreference | undefined {
    return (trackId) => this.get(trackId, emotion);
  }

  list(): TrackPreference[] {
    return Object.entries(this.data)
      .map(([k, s]) => view(k, s))
      .sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /** At the cap, forgets the score least recently changed (a bounded file, like the history). */
  private makeRoom(): void {
    const keys = Object.keys(this.data);
    if (keys.length < MAX_PREFERENCES) return;
    let oldest = keys[0]!;
    for (const k of keys) if (this.data[k]!.updatedAt < this.data[oldest]!.updatedAt) oldest = k;
    delete this.data[oldest];
  }

  reset(): void {
    for (const k of Object.keys(this.data)) delete this.data[k];
    this.file.save();
  }
}

function view(k: string, s: Stored): TrackPreference {
  const [emotion, trackId] = k.split('\u0000') as [Emotion, string];
  const score = (PRIOR + s.up) / (2 * PRIOR + s.up + s.down);
  return { trackId, emotion, up: s.up, down: s.down, skips: s.skips, score: Math.round(score * 1000) / 1000, updatedAt: s.updatedAt };
}
