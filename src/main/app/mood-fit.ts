/**
 * Mood fit in the app: each mood gets its position, a sure/not-sure verdict and its playlist in one
 * event (one round trip), is written to the timeline, and the listener's reactions re-rank later
 * playlists. Transport-agnostic like the rest of src/main/app.
 */
import type {
  AppError,
  Emotion,
  Mood,
  MoodPlaylist,
  MoodPoint,
  Params,
  PlayerSession,
  Probabilities,
  Result,
  Track,
  TrackPreference,
} from '../../shared/contract.js';
import { sameOrder } from '../../shared/fresh-mix.js';
import { EMOTION_TARGETS, positionOf } from '../../shared/mood-space.js';
import type { StoreFactory } from '../core/store.js';
import { PreferenceStore } from '../listener/preferences.js';
import { MoodTimeline } from '../listener/timeline.js';
import { recommend } from '../recommendation/playlist.js';
import type { Settings } from '../../shared/contract.js';
import type { Handlers } from './dispatch.js';

/**
 * A live reading below this confidence does not move the music ("not sure"): the video
 * switched to fear at 29%. Snapshots and picks are the user's explicit request and always count.
 */
export const LIVE_SURE = 0.45;

export interface MoodFitDeps {
  dataDir: string;
  openStore?: StoreFactory;
  settings: () => Settings;
  /** What may be recommended now (honours "Only my music"). */
  tracks: () => Track[];
  /** A background save that failed (full disk): told once, retried. */
  report: (e: AppError) => void;
  /** The player's queue as the page last saved it (what plays now), if any. */
  queue?: () => PlayerSession | null;
}

export interface MoodFit {
  notices: AppError[];
  /** Completes a mood with its position, verdict and playlist, and records it on the timeline. */
  complete(mood: Omit<Mood, 'position' | 'sure' | 'playlist'>): Mood;
  recommend(p: Params<'recommend'>): MoodPlaylist;
  /**
   * The playlists planned again with the intent now saved (clicked in the page or the tray): the
   * list that plays (the queue's mood, as the page saved it) and the last mood's, when that is
   * another (it may wait as "Up next"). What follows the current song changes at
   * once, so each plan starts after it (`keptBy`). Empty before any mood or mood list.
   */
  replan(): MoodPlaylist[];
  recordListen(p: Params<'recordListen'>): TrackPreference | null;
  /** A play's one record (recordPlay): heard out, or skipped early, re-ranks the track for its mood. */
  heard(play: Params<'recordPlay'>): void;
  preferences(): TrackPreference[];
  resetPreferences(): void;
  history(p: Params<'getMoodHistory'>): Result<'getMoodHistory'>;
  clearHistory(): void;
}

/** A skip within this many seconds of listening counts against the track for its mood. */
export const EARLY_SKIP_S = 30;

export function setupMoodFit(deps: MoodFitDeps): MoodFit {
  const preferences = PreferenceStore.open(deps.dataDir, deps.openStore, deps.report);
  const timeline = MoodTimeline.open(deps.dataDir, deps.openStore, deps.report);
  const notices = [preferences.notice, timeline.notice].filter((n): n is AppError => n !== null);
  /** The last playlist sent with a mood: picking the same mood again gives a fresh mix. */
  let lastSent: { emotion: Emotion; from: MoodPoint; ids: string[] } | null = null;

  const playlist = (p: Params<'recommend'>, taken?: string[]): MoodPlaylist =>
    recommend(deps.tracks(), p.emotion, {
      length: p.length,
      exclude: p.exclude,
      taken,
      intent: p.intent ?? deps.settings().intent ?? 'match',
      from: p.from,
      widen: p.widen,
      preferenceOf: preferences.forMood(p.emotion),
    });

  /**
   * A list that follows what the queue keeps (`keptBy`): a path leaves those songs out, so its steps
   * stay numbered as they will play; a match only prefers other songs (repeats beat unfitting music).
   */
  const following = (p: Params<'recommend'>): MoodPlaylist => {
    const kept = keptBy(deps.queue?.() ?? null, p.emotion);
    const intent = p.intent ?? deps.settings().intent ?? 'match';
    return intent === 'match' ? playlist({ ...p, exclude: [...(p.exclude ?? []), ...kept] }) : playlist(p, kept);
  };

  const freshMix = (emotion: Emotion, from: MoodPoint): MoodPlaylist => {
    const again = lastSent?.emotion === emotion ? lastSent.ids : [];
    let list = following({ emotion, from, exclude: again });
    // A small library may give the same tracks again: at least not in the same order.
    for (let i = 0; i < 5 && again.length > 1 && sameOrder(idsOf(list), again); i++) list = following({ emotion, from, exclude: again });
    lastSent = { emotion, from, ids: list.entries.map((e) => e.track.id) };
    return list;
  };

  return {
    notices,
    complete(base) {
      const position = base.probabilities ? positionOf(base.probabilities as Probabilities) : EMOTION_TARGETS[base.emotion];
      const sure = base.source !== 'live' || base.confidence >= LIVE_SURE;
      const mood: Mood = { ...base, position, sure, playlist: sure ? freshMix(base.emotion, position) : null };
      if (sure) timeline.record(mood);
      return mood;
    },
    recommend: (p) => playlist(p),
    replan() {
      // The list playing may be another mood's than the last one sent (its "Up next" was dismissed,
      // or a session restored before any mood): the intent changes what follows its song too.
      const queue = deps.queue?.() ?? null;
      const playing = queue && queue.index >= 0 && queue.index < queue.trackIds.length ? queue.mood : null;
      const plans = playing && playing !== lastSent?.emotion ? [following({ emotion: playing })] : [];
      if (!lastSent) return plans;
      const list = following({ emotion: lastSent.emotion, from: lastSent.from });
      lastSent = { ...lastSent, ids: list.entries.map((e) => e.track.id) };
      return [...plans, list];
    },
    recordListen(p) {
      if (p.event === 'play') {
        timeline.played(p.trackId);
        return null;
      }
      return preferences.record(p.trackId, p.emotion, p.event);
    },
    heard(play) {
      if (!play.mood) return;
      // One definition of a skip, the history's (left before the end with under 90 % heard); a skip
      // in the first seconds also says "not this one".
      const event = !play.skipped ? 'finish' : play.playedSec < EARLY_SKIP_S ? 'early-skip' : null;
      if (event) preferences.record(play.trackId, play.mood, event);
    },
    preferences: () => preferences.list(),
    resetPreferences: () => preferences.reset(),
    history: (q) => timeline.list(q?.since ?? 0),
    clearHistory: () => timeline.clear(),
  };
}

/** The mood-fit requests: playlists, listening reactions, preferences and the timeline. */
export function moodFitHandlers(
  fit: MoodFit,
): Pick<Handlers, 'recommend' | 'recordListen' | 'getPreferences' | 'resetPreferences' | 'getMoodHistory' | 'clearMoodHistory'> {
  return {
    recommend: (p) => fit.recommend(p),
    recordListen: (p) => fit.recordListen(p),
    getPreferences: () => fit.preferences(),
    resetPreferences: () => {
      fit.resetPreferences();
      return null;
    },
    getMoodHistory: (q) => fit.history(q),
    clearMoodHistory: () => {
      fit.clearHistory();
      return null;
    },
  };
}

/**
 * The songs a new list for `emotion` follows. When that mood's list plays, the new one replaces what
 * follows the current song: the songs up to it stay in the queue. Otherwise it waits as "Up next"
 * (or replaces a list not under way), and follows only the song playing.
 */
function keptBy(queue: PlayerSession | null, emotion: Emotion): string[] {
  if (!queue || queue.index < 0 || queue.index >= queue.trackIds.length) return [];
  return queue.mood === emotion ? queue.trackIds.slice(0, queue.index + 1) : [queue.trackIds[queue.index]];
}

const idsOf = (list: MoodPlaylist) => list.entries.map((e) => e.track.id);
