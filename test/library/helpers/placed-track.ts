/** A library track at a place on the mood plane, named by its music mood as the library names it (track-view.ts). */
import { trackBase } from '../../../src/main/library/track-view.js';
import type { Track } from '../../../src/shared/contract.js';

export function placedTrack(id: string, valence: number, arousal: number, extra: Partial<Track> = {}): Track {
  return {
    ...trackBase({ id, title: id, artist: id, album: '', durationSec: 180 }, { valence, arousal }),
    origin: 'user',
    licence: null,
    ...extra,
  };
}
