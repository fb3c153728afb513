/**
 * A playlist for a mood: one planned waypoint per step (all on the mood for "match", a path toward
 * the intent's goal otherwise), and for each step a track drawn from those within the fit radius of
 * its waypoint, weighted by nearness and the listener's learned preference, never repeating a
 * track and avoiding the same artist twice in a row where the library allows. With too few fitting
 * tracks the playlist is shorter and says so: far-off tracks never fill it silently.
 */
import type { Emotion, MoodIntent, MoodPlaylist, MoodPoint, PlaylistEntry, Track, TrackPreference } from '../../shared/contract.js';
import { EMOTION_TARGETS, musicMoodOf, planPath } from '../../shared/mood-space.js';
import { FIT_RADIUS, WIDE_RADIUS } from './fit.js';
import { rankCandidates } from './ranking.js';
import { reasonFor } from './reasons.js';

export interface PlaylistOptions {
  length?: number;
  exclude?: string[];
  intent?: MoodIntent;
  /** The listener's position (a path starts here); default: the emotion's target. */
  from?: MoodPoint;
  widen?: boolean;
  /** The listener's learned preference for a track under this mood. */
  preferenceOf?: (trackId: string) => TrackPreference | undefined;
  /** Random source in [0, 1); tests pass a seeded one. */
  random?: () => number;
}

/** The first song is heard at once, so it is drawn from only this many best-ranked tracks. */
const FIRST_FROM = 3;
const SAME_ARTIST = 0.35;
export const DEFAULT_PLAYLIST_LENGTH = 8;

export function recommend(tracks: Track[], emotion: Emotion, opts: PlaylistOptions = {}): MoodPlaylist {
  const length = opts.length ?? DEFAULT_PLAYLIST_LENGTH;
  const random = opts.random ?? Math.random;
  const intent = opts.intent ?? 'match';
  const target = EMOTION_TARGETS[emotion];
  // Match stays on the mood's target; the other intents start where the listener is.
  const start = intent === 'match' ? target : (opts.from ?? target);
  const path = planPath(start, intent, length);
  const fits = (list: Track[], r: number) => path.some((w) => rankCandidates(list, w, r).length > 0);
  // Nothing at all within the fit radius: silence helps no one, so the list widens by itself and says so.
  const widened = opts.widen === true || (!fits(tracks, FIT_RADIUS) && fits(tracks, WIDE_RADIUS));
  const radius = widened ? WIDE_RADIUS : FIT_RADIUS;
  const excluded = new Set(opts.exclude ?? []);
  let pool = tracks.filter((t) => !excluded.has(t.id));
  // Everything that fits is already queued: repeats of fitting music beat unfitting music.
  if (!fits(pool, radius)) pool = [...tracks];

  const used = new Set<string>();
  const entries: PlaylistEntry[] = [];
  path.forEach((waypoint, index) => {
    const candidates = rankCandidates(
      pool.filter((t) => !used.has(t.id)),
      waypoint,
      radius,
      opts.preferenceOf,
    );
    if (candidates.length === 0) return;
    const last = entries[entries.length - 1]?.track;
    const eligible = entries.length === 0 ? candidates.slice(0, FIRST_FROM) : candidates;
    const weights = eligible.map((c) => c.weight * (last && c.track.artist === last.artist ? SAME_ARTIST : 1));
    const c = eligible[draw(weights, random)];
    used.add(c.track.id);
    const step = { index, of: path.length, distance: c.distance };
    entries.push({
      track: c.track,
      waypoint,
      distance: round3(c.distance),
      reason: reasonFor(c.track, emotion, intent, step, c.preference),
    });
  });

  return {
    emotion,
    intent,
    target,
    path,
    entries,
    fitRadius: radius,
    widened,
    note:
      widened && opts.widen !== true
        ? `Nothing in your library is close to ${what(target, emotion, intent)}: these are the nearest (widened). Add music for a closer fit.`
        : entries.length < length
          ? shortNote(entries.length, target, emotion, intent, widened)
          : null,
  };
}

function shortNote(n: number, target: MoodPoint, emotion: Emotion, intent: MoodIntent, widened: boolean): string {
  const tracks = `${n === 0 ? 'No' : n} track${n === 1 ? '' : 's'}`;
  return widened
    ? `${tracks} in your library fit ${what(target, emotion, intent)}, even widened; add music to fill the mix.`
    : `${tracks} in your library fit ${what(target, emotion, intent)}; add music or widen the mix.`;
}

const what = (target: MoodPoint, emotion: Emotion, intent: MoodIntent) =>
  intent === 'match' ? `${musicMoodOf(target)} music for your ${emotion} mood` : `the path from your ${emotion} mood`;

function draw(weights: number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  let i = 0;
  while (i < weights.length - 1 && r >= weights[i]) r -= weights[i++];
  return i;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
