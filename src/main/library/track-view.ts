/** Library entries as the contract's Track, and the library view's search, filter and sort. */
import { basename } from 'node:path';
import { MUSIC_MOODS, type LibraryPage, type LibraryQuery, type MoodPoint, type Track } from '../../shared/contract.js';
import { musicMoodOf } from '../../shared/mood-space.js';
import { limitedGain } from './analysis/loudness.js';
import type { Correction, LibraryEntry } from './library-store.js';

type Placed = Pick<Track, 'valence' | 'arousal' | 'musicMood'>;
type Described = Pick<Track, 'id' | 'title' | 'artist' | 'album' | 'durationSec'>;

/** A position and the music mood that names it: the one place a track gets its label. */
export const placedAt = (p: MoodPoint): Placed => ({ valence: p.valence, arousal: p.arousal, musicMood: musicMoodOf(p) });

/** What every track starts from, demo or the user's: what it is, where it sits, its music mood. */
export const trackBase = (t: Described, at: MoodPoint): Described & Placed => ({
  id: t.id,
  title: t.title,
  artist: t.artist,
  album: t.album,
  durationSec: t.durationSec,
  ...placedAt(at),
});

export function userTrack(e: LibraryEntry): Track {
  const a = e.analysis;
  return {
    ...trackBase(e, e.correction ?? a ?? { valence: 0, arousal: 0 }),
    origin: 'user',
    licence: null,
    moodSource: e.correction ? 'correction' : a ? 'analysis' : e.analysisError ? 'failed' : 'pending',
    addedAt: e.addedAt,
    tempo: a?.tempo ?? null,
    key: a?.key ?? null,
    mode: a?.mode ?? null,
    energy: a?.energy ?? null,
    problem: e.missing ? 'The file is missing (moved, deleted, or on a drive that is not connected).' : e.analysisError,
    fileName: basename(e.path),
    ...(e.folderImage ? { cover: true } : {}),
    ...playbackGains(e),
  };
}

/** ReplayGain tags win; otherwise our analysis' gain (entries analysed before loudness was measured have none). */
function playbackGains(e: LibraryEntry): Pick<Track, 'gainDb' | 'albumGainDb'> {
  const rg = e.replayGain;
  const track = rg?.trackGainDb != null ? limitedGain(rg.trackGainDb, rg.trackPeak) : null;
  return {
    gainDb: track ?? (typeof e.analysis?.gainDb === 'number' ? e.analysis.gainDb : null),
    albumGainDb: rg?.albumGainDb != null ? limitedGain(rg.albumGainDb, rg.albumPeak ?? rg.trackPeak) : null,
  };
}

export function demoTrack(t: Track, correction: Correction | undefined): Track {
  // The demo music comes without pictures: no request for one.
  const base: Track = { ...t, moodSource: 'catalogue', addedAt: 0, problem: null, cover: false };
  if (!correction) return base;
  return { ...base, ...placedAt(correction), moodSource: 'correction' };
}

/** Placed on the plane and playable: what the recommender may pick. */
export const recommendable = (t: Track) =>
  (t.moodSource === 'catalogue' || t.moodSource === 'analysis' || t.moodSource === 'correction') &&
  !t.problem?.startsWith('The file is missing');

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function queryTracks(all: Track[], q: LibraryQuery | null): LibraryPage {
  let tracks = all;
  if (q?.origin) tracks = tracks.filter((t) => t.origin === q.origin);
  if (q?.musicMood) tracks = tracks.filter((t) => t.musicMood === q.musicMood);
  const words = (q?.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length) {
    tracks = tracks.filter((t) => {
      const hay = `${t.title} ${t.artist} ${t.album} ${t.fileName ?? ''}`.toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }
  if (q?.sort) {
    const dir = q.order === 'desc' ? -1 : 1;
    const by: Record<NonNullable<LibraryQuery['sort']>, (a: Track, b: Track) => number> = {
      title: (a, b) => collator.compare(a.title, b.title),
      artist: (a, b) => collator.compare(a.artist, b.artist) || collator.compare(a.album, b.album) || collator.compare(a.title, b.title),
      album: (a, b) => collator.compare(a.album, b.album) || collator.compare(a.title, b.title),
      added: (a, b) => (a.addedAt ?? 0) - (b.addedAt ?? 0),
      // Tracks are described by music moods: joyful first, then round the plane; brightest first within one.
      mood: (a, b) => MUSIC_MOODS.indexOf(a.musicMood) - MUSIC_MOODS.indexOf(b.musicMood) || b.valence - a.valence,
      valence: (a, b) => a.valence - b.valence,
      arousal: (a, b) => a.arousal - b.arousal,
    };
    tracks = [...tracks].sort((a, b) => dir * by[q.sort!](a, b));
  }
  const total = tracks.length;
  const offset = q?.offset ?? 0;
  return { tracks: tracks.slice(offset, q?.limit !== undefined ? offset + q.limit : undefined), total };
}
