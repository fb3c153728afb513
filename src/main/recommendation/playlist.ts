/**
 * A playlist for a mood. The mood, the intent's path and its waypoints are read on the library's own
 * scale (library-scale.ts): "sad" is the saddest music this library holds, so every mood gets a full
 * playlist once the library has enough music, however it leans, with each track at the place the
 * analysis' reliability makes likely (reliability.ts). Each step draws from the library's
 * nearest music to its waypoint (at most a third of the library), weighted by nearness and the
 * listener's learned preference, never repeating a track and avoiding the same artist twice in a
 * row where the library allows. When even the nearest music is far from where the mood sits on the
 * plane, the playlist says so; a small library gives a shorter list that says so too.
 */
import type { Emotion, MoodIntent, MoodPlaylist, MoodPoint, PlaylistEntry, Track, TrackPreference } from '../../shared/contract.js';
import { distance, EMOTION_TARGETS, MUSIC_MOOD_VALENCE, planPath } from '../../shared/mood-space.js';
import { FIT_RADIUS, FIT_SHARE, WIDE_SHARE } from './fit.js';
import { LibraryScale } from './library-scale.js';
import { farNote, shortNote } from './notes.js';
import { nearestOnScale, preferenceFactor } from './ranking.js';
import { reasonFor } from './reasons.js';
import { expectedPlace } from './reliability.js';

export interface PlaylistOptions {
  length?: number;
  exclude?: string[];
  /**
   * Tracks the queue keeps ahead of this list (the songs played and the one playing): never picked,
   * since the queue holds a track once and a pick it dropped would leave a gap in the steps.
   */
  taken?: string[];
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
/** A path step chooses among about this many tracks nearest its waypoint. */
const STEP_CHOICES = 3;
export const DEFAULT_PLAYLIST_LENGTH = 8;

export function recommend(tracks: Track[], emotion: Emotion, opts: PlaylistOptions = {}): MoodPlaylist {
  const length = opts.length ?? DEFAULT_PLAYLIST_LENGTH;
  const random = opts.random ?? Math.random;
  const intent = opts.intent ?? 'match';
  const mood = EMOTION_TARGETS[emotion];
  // Match stays on the mood; the other intents start where the listener is.
  const plan = planPath(intent === 'match' ? mood : (opts.from ?? mood), intent, length);
  const scale = LibraryScale.of(tracks);
  const path = plan.map((w) => round2(scale.absolute(w)));
  const places = new Map(tracks.map((t) => [t.id, expectedPlace(scale.relative(t), t)]));
  const reach = Math.max(1, Math.ceil(tracks.length * (opts.widen === true ? WIDE_SHARE : FIT_SHARE)));
  // Match draws the whole list from one pool, about twice the list; a path step from a few tracks.
  const choices = intent === 'match' ? 2 * length : STEP_CHOICES;
  const spreadRank = intent === 'match' ? length : STEP_CHOICES;
  const excluded = new Set(opts.exclude ?? []);
  const far = intent === 'match' && !tracks.some((t) => distance(t, mood) <= FIT_RADIUS);

  // The library's scale and reach stay the whole library's; tracks the queue keeps are no candidates.
  const taken = new Set(opts.taken ?? []);
  const free = taken.size > 0 ? tracks.filter((t) => !taken.has(t.id)) : tracks;
  const used = new Set<string>();
  const picks: { track: Track; preference: TrackPreference | undefined; step: number }[] = [];
  // Match stays on one point: its candidates are chosen once, from the music on the mood's side.
  const matchPool = intent === 'match' ? nearestOnScale(sameSide(free, emotion, length), places, mood, reach) : null;
  plan.forEach((waypoint, step) => {
    const near = (matchPool ?? nearestOnScale(free, places, waypoint, reach)).filter((c) => !used.has(c.track.id));
    // Everything that fits was just played: repeats of fitting music beat unfitting music.
    const fresh = near.filter((c) => !excluded.has(c.track.id));
    const pool = (fresh.length > 0 ? fresh : near).slice(0, choices);
    if (pool.length === 0) return;
    // Nearness on the library's scale, relative to how close its music lies here, times preference.
    const spread = Math.max(MIN_SPREAD, pool[Math.min(spreadRank, pool.length) - 1].distance);
    const ranked = pool
      .map((c) => {
        const preference = opts.preferenceOf?.(c.track.id);
        return { ...c, preference, weight: Math.exp(-((c.distance / spread) ** 2) / 2) * preferenceFactor(preference) };
      })
      .sort((a, b) => b.weight - a.weight || a.distance - b.distance);
    const last = picks[picks.length - 1]?.track;
    const eligible = picks.length === 0 ? ranked.slice(0, FIRST_FROM) : ranked;
    const weights = eligible.map((c) => c.weight * (last && c.track.artist === last.artist ? SAME_ARTIST : 1));
    const c = eligible[draw(weights, random)];
    used.add(c.track.id);
    picks.push({ track: c.track, preference: c.preference, step });
  });
  // Steps are numbered as the list plays them: a waypoint nothing was left for leaves no gap.
  const entries: PlaylistEntry[] = picks.map(({ track, preference, step }, index) => ({
    track,
    waypoint: path[step],
    distance: round3(distance(track, path[step])),
    reason: reasonFor(
      track,
      emotion,
      intent,
      { index, of: picks.length, distance: distance(track, intent === 'match' ? mood : plan[step]), far },
      preference,
    ),
  }));

  const target = round2(scale.absolute(mood));
  const notes = [
    far ? farNote(entries, mood, emotion) : null,
    entries.length < length ? shortNote(entries.length, mood, emotion, intent, opts.widen === true) : null,
  ];
  return {
    emotion,
    intent,
    target,
    path,
    entries,
    // What the map circles: every pick lies within this distance of its step.
    fitRadius: Math.ceil(Math.max(0, ...entries.map((e) => distance(e.track, e.waypoint))) * 100) / 100,
    widened: opts.widen === true,
    note: notes.filter((n) => n !== null).join(' ') || null,
  };
}

/** How far from neutral a mood's valence must be for it to have a side. */
const SIDE = 0.25;

/**
 * The library's scale can bring music felt on the other side of the valence axis near a mood (the
 * most energetic tense tracks near "happy" in a library that leans dark): a mood with a side draws
 * only on music felt on that side, unless there is too little of it to fill the list.
 */
function sameSide(tracks: Track[], emotion: Emotion, length: number): Track[] {
  const v = EMOTION_TARGETS[emotion].valence;
  const other = v > SIDE ? 'negative' : v < -SIDE ? 'positive' : null;
  if (!other) return tracks;
  const own = tracks.filter((t) => MUSIC_MOOD_VALENCE[t.musicMood] !== other);
  return own.length >= length ? own : tracks;
}

/** On the library's scale, a pool of nearly equal distances still ranks by nearness, not by chance alone. */
const MIN_SPREAD = 0.05;

function draw(weights: number[], random: () => number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  let i = 0;
  while (i < weights.length - 1 && r >= weights[i]) r -= weights[i++];
  return i;
}

const round3 = (v: number) => Math.round(v * 1000) / 1000;
const round2v = (v: number) => Math.round(v * 100) / 100;
const round2 = (p: MoodPoint): MoodPoint => ({ valence: round2v(p.valence), arousal: round2v(p.arousal) });
