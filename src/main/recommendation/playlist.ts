/**
 * A playlist for a mood: the tracks nearest the mood's target, drawn with some randomness so the
 * same mood does not always give the same order, never repeating a track, and avoiding the same
 * artist twice in a row where the library allows.
 */
import type { Emotion, Track } from '../../shared/contract.js';
import { distance, MOOD_TARGETS } from './mood-plane.js';

export interface PlaylistOptions {
  length?: number;
  exclude?: string[];
  /** Random source in [0, 1); tests pass a seeded one. */
  random?: () => number;
}

/** How far from the target a track may be and still be picked fairly often. */
const SPREAD = 0.45;
/** The first song is heard at once, so it is drawn from only this many nearest tracks: it must fit the mood. */
const FIRST_FROM = 3;
export const DEFAULT_PLAYLIST_LENGTH = 8;

export function recommend(tracks: Track[], emotion: Emotion, opts: PlaylistOptions = {}): Track[] {
  const length = opts.length ?? DEFAULT_PLAYLIST_LENGTH;
  const random = opts.random ?? Math.random;
  const target = MOOD_TARGETS[emotion];
  const excluded = new Set(opts.exclude ?? []);
  let pool = tracks.filter((t) => !excluded.has(t.id));
  // A small library must still give a playlist: fall back to the excluded tracks rather than nothing.
  if (pool.length < Math.min(length, tracks.length)) pool = [...tracks];
  const scored = pool
    .map((t) => ({ t, d: distance(t, target) }))
    .sort((a, b) => a.d - b.d)
    // Only the nearest part of the library is eligible: far-off tracks never fill a short playlist.
    .slice(0, Math.max(length * 2, 6));
  const out: Track[] = [];
  while (out.length < length && scored.length > 0) {
    const last = out[out.length - 1];
    const eligible = out.length === 0 ? scored.slice(0, FIRST_FROM) : scored;
    const weights = eligible.map(({ t, d }) => Math.exp(-(d * d) / (2 * SPREAD * SPREAD)) * (last && t.artist === last.artist ? 0.35 : 1));
    const total = weights.reduce((a, b) => a + b, 0);
    let r = random() * total;
    let i = 0;
    while (i < weights.length - 1 && r >= weights[i]) r -= weights[i++];
    out.push(scored[i].t);
    scored.splice(i, 1);
  }
  return out;
}
