/** Tracks are described by music moods (the listener by face emotions): the library filters and sorts by them. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { MUSIC_MOODS } from '../../src/shared/contract.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { queryTracks } from '../../src/main/library/track-view.js';
import { musicMoodOf } from '../../src/shared/mood-space.js';

const demo = new Catalogue(join(import.meta.dirname, '../../assets/music'));

describe('one vocabulary for tracks', () => {
  it('every bundled track carries its music mood, the region of its place', () => {
    for (const t of demo.tracks) expect(t.musicMood).toBe(musicMoodOf(t));
  });

  it('the library filters by music mood and sorts by it, joyful first, brightest first within one', () => {
    for (const m of MUSIC_MOODS) {
      const page = queryTracks(demo.tracks, { musicMood: m });
      expect(page.tracks.every((t) => musicMoodOf(t) === m)).toBe(true);
    }
    const sorted = queryTracks(demo.tracks, { sort: 'mood' }).tracks;
    const order = sorted.map((t) => MUSIC_MOODS.indexOf(musicMoodOf(t)));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (let i = 1; i < sorted.length; i++)
      if (order[i] === order[i - 1]) expect(sorted[i].valence).toBeLessThanOrEqual(sorted[i - 1].valence);
  });
});
