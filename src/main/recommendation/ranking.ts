/**
 * How candidates are ranked: nearness (to a waypoint on the plane, or on the library's own scale)
 * times what the listener has taught us about the track under this mood.
 */
import type { MoodPoint, Track, TrackPreference } from '../../shared/contract.js';
import { distance } from '../../shared/mood-space.js';

export interface Candidate {
  track: Track;
  distance: number;
  weight: number;
  preference: TrackPreference | undefined;
}

/** A learned preference can at most multiply a track's weight by this (or divide it by its square). */
const MAX_BOOST = 2.5;

/**
 * The preference factor: (score / 0.5)^2, where score is the posterior mean of a Beta(2, 2) prior
 * updated with the listener's reactions (preferences.ts). No history gives 1; three early skips
 * (score 2/7) about a third; twenty skips about 1/30, so a much-skipped track is rarely drawn but
 * never banned (tastes change, and a too-small library must still play).
 */
export function preferenceFactor(p: TrackPreference | undefined): number {
  if (!p) return 1;
  return Math.min(MAX_BOOST, (p.score / 0.5) ** 2);
}

/** Tracks this far off still get a fair share of the draws (the mix varies, it is not a fixed list). */
const SPREAD = 0.3;

/** Tracks within `radius` of `at` on the plane, best first. */
export function rankCandidates(
  tracks: Track[],
  at: MoodPoint,
  radius: number,
  preferenceOf: (trackId: string) => TrackPreference | undefined = () => undefined,
): Candidate[] {
  const out: Candidate[] = [];
  for (const track of tracks) {
    const d = distance(track, at);
    if (d > radius) continue;
    const preference = preferenceOf(track.id);
    out.push({ track, distance: d, preference, weight: Math.exp(-(d * d) / (2 * SPREAD * SPREAD)) * preferenceFactor(preference) });
  }
  return out.sort((a, b) => b.weight - a.weight || a.distance - b.distance);
}

/** The `count` tracks nearest `at` on the library's scale (`places`: each track there), nearest first. */
export function nearestOnScale(
  tracks: Track[],
  places: ReadonlyMap<string, MoodPoint>,
  at: MoodPoint,
  count: number,
): { track: Track; distance: number }[] {
  return tracks
    .map((track) => ({ track, distance: distance(places.get(track.id) ?? track, at) }))
    .sort((a, b) => a.distance - b.distance || a.track.id.localeCompare(b.track.id))
    .slice(0, count);
}
