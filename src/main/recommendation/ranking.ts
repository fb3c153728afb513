/**
 * How candidates for one playlist step are ranked: nearness to the step's waypoint (a Gaussian of
 * the distance) times what the listener has taught us about the track under this mood.
 */
import type { MoodPoint, Track, TrackPreference } from '../../shared/contract.js';
import { distance } from '../../shared/mood-space.js';

/** Tracks this far off still get a fair share of the draws (the mix varies, it is not a fixed list). */
const SPREAD = 0.3;
/** A learned preference can at most multiply a track's weight by this (or divide it by its square). */
const MAX_BOOST = 2.5;

export interface Candidate {
  track: Track;
  distance: number;
  weight: number;
  preference: TrackPreference | undefined;
}

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

/** Tracks within `radius` of `at`, best first. */
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
