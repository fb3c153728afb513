import { describe, expect, it } from 'vitest';
import { queryTracks } from '../../src/main/library/track-view.js';
import { placedTrack } from './helpers/placed-track.js';

const t = placedTrack;

describe('library sort', () => {
  it('"Brightness (valence)" orders by valence alone, "Energy (arousal)" by arousal', () => {
    const all = [t('dim', -0.8, 0.9), t('bright', 0.9, -0.5), t('mid', 0.1, 0)];
    expect(queryTracks(all, { sort: 'valence', order: 'desc' }).tracks.map((x) => x.id)).toEqual(['bright', 'mid', 'dim']);
    expect(queryTracks(all, { sort: 'arousal', order: 'desc' }).tracks.map((x) => x.id)).toEqual(['dim', 'mid', 'bright']);
  });
});
