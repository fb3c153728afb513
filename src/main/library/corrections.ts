/**
 * The user's own placing of tracks: a spot on the plane, or a music mood picked by name (the track
 * goes to that region's centre). A user track keeps its correction on its entry; a demo track's is
 * kept by id, since the demo catalogue itself is never written.
 */
import type { SetTrackMoodParams } from '../../shared/contract.js';
import { MUSIC_MOOD_CENTRES } from '../../shared/mood-space.js';
import { errors } from '../core/errors.js';
import type { LibraryEntries } from './library-entries.js';
import type { Correction, LibraryData } from './library-store.js';

/** The correction a request asks for; null to go back to the analysis. */
export function correctionFrom(p: SetTrackMoodParams, at = Date.now()): Correction | null {
  if ('reset' in p) return null;
  if ('musicMood' in p) return { ...MUSIC_MOOD_CENTRES[p.musicMood], musicMood: p.musicMood, at };
  return { valence: p.valence, arousal: p.arousal, musicMood: null, at };
}

/** Records (or with null, clears) a track's correction; throws when no track has this id. */
export function keepCorrection(
  id: string,
  correction: Correction | null,
  where: { entries: LibraryEntries; data: LibraryData; isDemo: (id: string) => boolean },
): void {
  const entry = where.entries.get(id);
  if (entry) entry.correction = correction;
  else if (!where.isDemo(id)) throw errors.trackMissing(id);
  else if (correction) where.data.demoCorrections[id] = correction;
  else delete where.data.demoCorrections[id];
}
