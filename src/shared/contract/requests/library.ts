/** Library requests: import, progress, query, mood corrections, removal. */
import { bool, fail, int, isObject, list, none, object, oneOf, optional, orNull, type Schema } from '../../schema.js';
import {
  MUSIC_MOODS,
  type ImportParams,
  type ImportStatus,
  type LibraryPage,
  type LibraryQuery,
  type SetTrackMoodParams,
  type Track,
} from '../library.js';
import { MAX_IMPORT_PATHS } from '../limits.js';
import { absolutePath, trackId, unit } from './fields.js';
import { request, returns } from './declare.js';

const importParams: Schema<ImportParams> = object(
  {
    paths: list(absolutePath, 1, MAX_IMPORT_PATHS, `a list of 1 to ${MAX_IMPORT_PATHS} absolute paths`),
    watch: optional(bool),
  },
  'importPaths takes { paths, watch? }',
);

const search: Schema<string> = (v) => {
  if (typeof v !== 'string' || v.length > 500) fail('search must be a string of at most 500 characters');
  return v;
};

const musicMood = oneOf(MUSIC_MOODS);
const MUSIC_MOOD_NAMES = MUSIC_MOODS.join(', ');

/**
 * Tracks are described by music moods, so a face emotion is no longer a way to pick them; an older
 * client that still sends one is told what to send instead, whatever the value.
 */
const retiredMoodFilter: Schema<never> = () =>
  fail(`mood is no longer a library filter: tracks are described by music moods; send musicMood, one of ${MUSIC_MOOD_NAMES}`);

const libraryQuery: Schema<LibraryQuery | null> = orNull(
  object(
    {
      search: optional(search),
      sort: optional(oneOf(['title', 'artist', 'album', 'added', 'mood', 'valence', 'arousal'] as const)),
      order: optional(oneOf(['asc', 'desc'] as const)),
      mood: optional(retiredMoodFilter),
      musicMood: optional(musicMood),
      origin: optional(oneOf(['demo', 'user'] as const)),
      offset: optional(int(0, 1_000_000)),
      limit: optional(int(1, 1_000_000)),
    },
    'listLibrary takes null or { search?, sort?, order?, musicMood?, origin?, offset?, limit? }',
  ),
);

const SET_TRACK_MOOD = 'setTrackMood takes { id, valence, arousal } or { id, musicMood } or { id, reset: true }';
const byPosition = object({ id: trackId, valence: unit, arousal: unit }, SET_TRACK_MOOD);
const byMusicMood = object({ id: trackId, musicMood }, SET_TRACK_MOOD);
const toAnalysis = object({ id: trackId, reset: (v: unknown): true => (v === true ? true : fail('reset must be true')) }, SET_TRACK_MOOD);

/** Which of the three the caller meant is told by the field it sent. */
const setTrackMood: Schema<SetTrackMoodParams> = (v, name) => {
  if (!isObject(v)) fail(SET_TRACK_MOOD);
  // Older clients picked a face emotion for a track; music moods describe tracks now.
  if ('emotion' in v)
    fail(
      `setTrackMood no longer takes an emotion: tracks are described by music moods; send { id, musicMood }, musicMood one of ${MUSIC_MOOD_NAMES}`,
    );
  if ('musicMood' in v) return byMusicMood(v, name);
  if ('reset' in v) return toAnalysis(v, name);
  return byPosition(v, name);
};

export const libraryRequests = {
  /** Starts importing (returns at once); progress comes as `import-progress` events. */
  importPaths: request(importParams, returns<ImportStatus>(), ['import-progress', 'library']),
  getImportStatus: request(none, returns<ImportStatus>()),
  /** Stops the running import (and any queued): the scan ends, tracks already added stay. */
  cancelImport: request(none, returns<ImportStatus>(), ['import-progress']),
  listLibrary: request(libraryQuery, returns<LibraryPage>()),
  setTrackMood: request(setTrackMood, returns<Track>(), ['library']),
  /** Takes a user track out of the library (the file stays); a watched folder does not re-add it. */
  removeTrack: request(object({ id: trackId }, 'removeTrack takes { id }'), returns<null>(), ['library']),
};
