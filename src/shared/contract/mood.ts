/** Moods: the listener's mood, the valence/arousal plane, intents, mood playlists, reactions and the timeline. */
import type { Track } from './library.js';
import type { Emotion, Probabilities } from './vision.js';

export type MoodSource = 'snapshot' | 'live' | 'manual' | 'tray';

/** A point on the mood plane, each coordinate in [-1, 1]. */
export interface MoodPoint {
  valence: number;
  arousal: number;
}

/** What the music does with the mood: stay on it (default), or move it step by step. */
export const MOOD_INTENTS = ['match', 'lift', 'calm', 'energise'] as const;
export type MoodIntent = (typeof MOOD_INTENTS)[number];

export interface PlaylistEntry {
  track: Track;
  /** One line for the listener: "calm, 92 BPM, minor: near your sad mood". */
  reason: string;
  /** The planned point this entry was picked for, and its distance from it. */
  waypoint: MoodPoint;
  distance: number;
}

/** A playlist with its plan: the target, the path it follows, and why each track is there. */
export interface MoodPlaylist {
  emotion: Emotion;
  intent: MoodIntent;
  target: MoodPoint;
  /** One waypoint per planned step (all equal to the target for "match"). */
  path: MoodPoint[];
  entries: PlaylistEntry[];
  /** How far from its waypoint a track may be; larger when widened. */
  fitRadius: number;
  widened: boolean;
  /** Set when fewer tracks fit than asked for ("3 tracks in your library fit calm; ..."). */
  note: string | null;
}

/**
 * How a listener reacted to a track, played for a mood: what the preference learning hears
 * ('play': the track started, for the mood timeline only).
 */
/** `undo-like` and `undo-dislike` take back a like or dislike pressed by mistake. */
export const LISTEN_EVENTS = ['play', 'early-skip', 'replace', 'replay', 'finish', 'like', 'dislike', 'undo-like', 'undo-dislike'] as const;
export type ListenEvent = (typeof LISTEN_EVENTS)[number];

export interface ListenParams {
  trackId: string;
  emotion: Emotion;
  event: ListenEvent;
}

/** The learned preference of one track under one mood (shown as "why", resettable). */
export interface TrackPreference {
  trackId: string;
  emotion: Emotion;
  /** Weighted positive and negative reactions so far. */
  up: number;
  down: number;
  /** Posterior mean of "the listener wants this track for this mood", 0..1 (0.5: no opinion). */
  score: number;
  skips: number;
  updatedAt: number;
}

/** One mood reading on the timeline, with the tracks that played while it held. */
export interface MoodHistoryEntry {
  at: number;
  emotion: Emotion;
  source: MoodSource;
  confidence: number;
  valence: number;
  arousal: number;
  /** Track ids played (started) while this mood held, in order. */
  played: string[];
}

export interface MoodHistoryQuery {
  /** Only entries at or after this time (ms since epoch). */
  since?: number;
}

export interface Mood {
  emotion: Emotion;
  confidence: number;
  source: MoodSource;
  probabilities: Probabilities | null;
  at: number;
  /** True when the user asked for music now (tray quick mood): its playlist plays at once. */
  autoplay: boolean;
  /** The listener's position: the probability-weighted position of all seven emotions. */
  position?: MoodPoint;
  /** False for a live reading below the confidence threshold: the music does not change. */
  sure?: boolean;
  /** The playlist made for this mood (null when the music does not change), sent with the mood. */
  playlist?: MoodPlaylist | null;
}

export interface RecommendParams {
  emotion: Emotion;
  length?: number;
  /** Track ids to leave out (already played, already queued). */
  exclude?: string[];
  /** Default: the saved intent setting. */
  intent?: MoodIntent;
  /** Where the listener is (the lift path starts here); default: the emotion's target. */
  from?: MoodPoint;
  /** Allow tracks farther from the target when too few fit. */
  widen?: boolean;
}
