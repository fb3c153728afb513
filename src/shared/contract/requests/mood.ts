/** Mood-fit requests: playlists for a mood, the listener's reactions, learned preferences, the mood timeline. */
import { bool, fail, int, none, object, oneOf, optional, orNull, type Schema } from '../../schema.js';
import {
  LISTEN_EVENTS,
  type ListenParams,
  type MoodHistoryEntry,
  type MoodHistoryQuery,
  type MoodPlaylist,
  type RecommendParams,
  type TrackPreference,
} from '../mood.js';
import { emotion, intent, trackId, trackIds, unit } from './fields.js';
import { request, returns } from './declare.js';

const recommendParams: Schema<RecommendParams> = object(
  {
    emotion,
    length: optional(int(1, 200, 'an integer from 1 to 200')),
    exclude: optional(trackIds),
    intent: optional(intent),
    from: optional(object({ valence: unit, arousal: unit }, 'from must be { valence, arousal }', { nested: true })),
    widen: optional(bool),
  },
  'recommend takes { emotion, length?, exclude?, intent?, from?, widen? }',
);

const listenParams: Schema<ListenParams> = object(
  { trackId, emotion, event: oneOf(LISTEN_EVENTS) },
  'recordListen takes { trackId, emotion, event }',
);

const since: Schema<number> = (v) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail('since must be a time in ms since 1970');
  return v;
};

const historyQuery: Schema<MoodHistoryQuery | null> = orNull(object({ since: optional(since) }, 'getMoodHistory takes null or { since? }'));

export const moodRequests = {
  recommend: request(recommendParams, returns<MoodPlaylist>()),
  /** A listener's reaction to a track (skips, replays, likes) re-ranks later playlists. */
  recordListen: request(listenParams, returns<TrackPreference | null>()),
  getPreferences: request(none, returns<TrackPreference[]>()),
  resetPreferences: request(none, returns<null>()),
  getMoodHistory: request(historyQuery, returns<MoodHistoryEntry[]>()),
  clearMoodHistory: request(none, returns<null>()),
};
