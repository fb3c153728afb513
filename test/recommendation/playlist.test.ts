import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EMOTIONS, MOOD_INTENTS, type Track } from '../../src/shared/contract.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { recommend } from '../../src/main/recommendation/playlist.js';
import { FIT_RADIUS, WIDE_RADIUS } from '../../src/main/recommendation/fit.js';
import { distance, EMOTION_TARGETS, INTENT_GOALS, MUSIC_MOOD_VALENCE, musicMoodOf } from '../../src/shared/mood-space.js';

const demo = new Catalogue(join(import.meta.dirname, '../../assets/music'));

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

let n = 0;
const track = (valence: number, arousal: number, extra: Partial<Track> = {}): Track => ({
  id: `t${++n}`,
  title: `Track ${n}`,
  artist: `Artist ${n}`,
  album: '',
  durationSec: 180,
  valence,
  arousal,
  mood: 'neutral',
  origin: 'user',
  licence: null,
  ...extra,
});

describe('playlists that fit the mood', () => {
  it('picks only tracks within the fit radius of their step, or says the list was short', () => {
    for (const emotion of EMOTIONS) {
      for (const intent of MOOD_INTENTS) {
        const list = recommend(demo.tracks, emotion, { intent, random: seeded(7) });
        expect(list.entries.length).toBeGreaterThan(0);
        const radius = list.widened ? WIDE_RADIUS : FIT_RADIUS;
        for (const e of list.entries) expect(distance(e.track, e.waypoint)).toBeLessThanOrEqual(radius);
        if (list.widened) expect(list.note).toMatch(/widened/);
        else if (list.entries.length < 8) expect(list.note).toMatch(/fit .*widen the mix/);
        else expect(list.note).toBeNull();
        expect(new Set(list.entries.map((e) => e.track.id)).size).toBe(list.entries.length);
      }
    }
  });

  it('a happy playlist holds only music labelled with positive-valence moods', () => {
    for (let seed = 1; seed < 20; seed++) {
      const list = recommend(demo.tracks, 'happy', { random: seeded(seed) });
      expect(list.entries.length).toBeGreaterThan(0);
      for (const e of list.entries) expect(MUSIC_MOOD_VALENCE[musicMoodOf(e.track)]).toBe('positive');
    }
  });

  it('a small library gives a shorter list that says so, and "widen" reaches further', () => {
    const calm = [track(0.1, -0.7), track(0.2, -0.6), track(0.0, -0.8)];
    const far = [track(0.9, 0.9), track(-0.9, 0.9), track(-0.3, -0.2)];
    const list = recommend([...calm, ...far], 'neutral', { random: seeded(1) });
    expect(list.entries.map((e) => e.track.id).sort()).toEqual(calm.map((t) => t.id).sort());
    expect(list.note).toBe('3 tracks in your library fit calm music for your neutral mood; add music or widen the mix.');
    const wide = recommend([...calm, ...far], 'neutral', { widen: true, random: seeded(1) });
    expect(wide.widened).toBe(true);
    expect(wide.fitRadius).toBe(WIDE_RADIUS);
    expect(wide.entries.length).toBe(4);
    for (const e of wide.entries) expect(e.distance).toBeLessThanOrEqual(WIDE_RADIUS);
  });

  it('every entry says why it is there, in music words', () => {
    const t = track(-0.55, -0.5, { tempo: 72, mode: 'minor' });
    const [entry] = recommend([t], 'sad').entries;
    expect(entry.reason).toBe('melancholic, 72 BPM, minor: right on your sad mood');
  });

  it('lift plans a path that moves step by step toward calm-positive, each track near its waypoint', () => {
    const list = recommend(demo.tracks, 'sad', { intent: 'lift', length: 8, from: EMOTION_TARGETS.sad, random: seeded(3) });
    const goal = INTENT_GOALS.lift;
    expect(list.path).toHaveLength(8);
    expect(list.path[0]).toEqual(EMOTION_TARGETS.sad);
    expect(list.path[7]).toEqual(goal);
    for (let i = 1; i < list.path.length; i++) {
      expect(distance(list.path[i], goal)).toBeLessThanOrEqual(distance(list.path[i - 1], goal));
    }
    expect(list.entries.length).toBeGreaterThan(1);
    for (const e of list.entries) expect(distance(e.track, e.waypoint)).toBeLessThanOrEqual(FIT_RADIUS);
    // The music really moves: the last pick is brighter than the first.
    expect(list.entries.at(-1)!.track.valence).toBeGreaterThan(list.entries[0].track.valence);
  });

  it('a dense library fills a lift path with one fitting track per step', () => {
    const grid: Track[] = [];
    for (let v = -1; v <= 1.001; v += 0.2) for (let a = -1; a <= 1.001; a += 0.2) grid.push(track(v, a));
    const list = recommend(grid, 'angry', { intent: 'calm', length: 6, from: EMOTION_TARGETS.angry, random: seeded(9) });
    expect(list.entries).toHaveLength(6);
    list.entries.forEach((e, i) => {
      expect(e.waypoint).toEqual(list.path[i]);
      expect(e.distance).toBeLessThanOrEqual(FIT_RADIUS);
      expect(e.reason).toContain(`step ${i + 1} of 6, calming down from your angry mood`);
    });
  });

  it('varies: the same mood twice does not give the same order', () => {
    const a = recommend(demo.tracks, 'neutral', { widen: true, random: seeded(3) }).entries.map((e) => e.track.id);
    const b = recommend(demo.tracks, 'neutral', { widen: true, random: seeded(4) }).entries.map((e) => e.track.id);
    expect(a).not.toEqual(b);
  });

  it('leaves out excluded tracks while others fit, and repeats fitting ones rather than play unfitting music', () => {
    const fit = [track(0.7, 0.4), track(0.8, 0.5), track(0.6, 0.5)];
    const off = [track(-0.8, -0.8)];
    const first = recommend([...fit, ...off], 'happy', { length: 2, random: seeded(5) });
    const next = recommend([...fit, ...off], 'happy', { length: 2, exclude: first.entries.map((e) => e.track.id), random: seeded(6) });
    expect(next.entries.map((e) => e.track.id)).toHaveLength(1);
    expect(first.entries.map((e) => e.track.id)).not.toContain(next.entries[0].track.id);
    const all = recommend([...fit, ...off], 'happy', { exclude: fit.map((t) => t.id), random: seeded(6) });
    expect(all.entries.map((e) => e.track.id).sort()).toEqual(fit.map((t) => t.id).sort());
  });
});
