import { describe, expect, it } from 'vitest';
import { queryTracks } from '../../src/main/library/track-view.js';
import type { Track } from '../../src/shared/contract.js';
import { musicMoodOf } from '../../src/shared/mood-space.js';

const t = (id: string, valence: number, arousal: number): Track => ({
  id,
  title: id,
  artist: 'A',
  album: '',
  durationSec: 1,
  valence,
  arousal,
  musicMood: musicMoodOf({ valence, arousal }),
  origin: 'user',
  licence: null,
});

describe('library sort', () => {
  it('"Brightness (valence)" orders by valence alone, "Energy (arousal)" by arousal', () => {
    const all = [t('dim', -0.8, 0.9), t('bright', 0.9, -0.5), t('mid', 0.1, 0)];
    expect(queryTracks(all, { sort: 'valence', order: 'desc' }).tracks.map((x) => x.id)).toEqual(['bright', 'mid', 'dim']);
    expect(queryTracks(all, { sort: 'arousal', order: 'desc' }).tracks.map((x) => x.id)).toEqual(['dim', 'mid', 'bright']);
  });
});
