import { describe, expect, it } from 'vitest';
import { dbToGain, equalPower, MAX_BOOST_DB, splitLevel, trackGainDb } from '../../src/renderer/player/gain-policy';
import { track } from './helpers/fake-api';

const inOrder = { normalize: true, inOrder: true };

describe('the gain policy', () => {
  it('plays a track at the gain the main process gave it (its ReplayGain tag, else the measured loudness toward -18 LUFS)', () => {
    expect(trackGainDb(track({ gainDb: -7.5 }), inOrder)).toBe(-7.5);
    expect(trackGainDb(track({ gainDb: 10 }), inOrder)).toBe(10);
    // Nothing known yet (analysis pending): as it is.
    expect(trackGainDb(track({ gainDb: null }), inOrder)).toBe(0);
    expect(trackGainDb(track({ gainDb: 6 }), { ...inOrder, normalize: false })).toBe(0);
    expect(trackGainDb(null, inOrder)).toBe(0);
  });

  it('an album played in order keeps its dynamics (its album gain); shuffled or alone, each track its own', () => {
    const a = track({ album: 'Blue', artist: 'X', gainDb: -2, albumGainDb: -5 });
    const b = track({ album: 'Blue', artist: 'X', gainDb: -8, albumGainDb: -5 });
    const other = track({ album: 'Red', artist: 'X' });
    expect(trackGainDb(a, { ...inOrder, next: b })).toBe(-5);
    expect(trackGainDb(b, { ...inOrder, previous: a })).toBe(-5);
    expect(trackGainDb(a, { ...inOrder, next: other })).toBe(-2);
    expect(trackGainDb(a, { normalize: true, inOrder: false, next: b })).toBe(-2);
  });

  it('never boosts past a sane ceiling, whatever a damaged tag says', () => {
    expect(trackGainDb(track({ gainDb: 60 }), inOrder)).toBe(MAX_BOOST_DB);
    expect(trackGainDb(track({ gainDb: Number.NaN }), inOrder)).toBe(0);
  });

  it('with Web Audio a quiet track is raised by the gain node; without it the element can only lower', () => {
    const up = dbToGain(10);
    expect(splitLevel(0.8, up, 1, true)).toEqual({ element: 0.8, boost: up });
    expect(splitLevel(0.8, up, 1, false)).toEqual({ element: 1, boost: 1 });
    const down = dbToGain(-6);
    expect(splitLevel(1, down, 1, false).element).toBeCloseTo(0.501, 3);
    expect(splitLevel(1, down, 1, true)).toEqual({ element: 1, boost: down });
    // A fade's share and the user's volume stay on the element, clamped.
    expect(splitLevel(2, 1, 0.5, true)).toEqual({ element: 0.5, boost: 1 });
    expect(splitLevel(0.5, 1, -1, false)).toEqual({ element: 0, boost: 1 });
  });

  it('a crossfade keeps the power constant: out² + in² = 1 all the way', () => {
    for (let t = 0; t <= 1; t += 0.125) {
      const s = equalPower(t);
      expect(s.out ** 2 + s.in ** 2).toBeCloseTo(1, 10);
    }
    expect(equalPower(0)).toEqual({ out: 1, in: 0 });
    expect(equalPower(0.5).out).toBeCloseTo(Math.SQRT1_2, 10);
  });
});
