import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EMOTIONS, MOOD_INTENTS, type Emotion, type Track } from '../../src/shared/contract.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { recommend } from '../../src/main/recommendation/playlist.js';
import { FIT_RADIUS } from '../../src/main/recommendation/fit.js';
import { LibraryScale } from '../../src/main/recommendation/library-scale.js';
import { distance, EMOTION_TARGETS, INTENT_GOALS, musicMoodOf } from '../../src/shared/mood-space.js';
import { placedTrack } from '../library/helpers/placed-track.js';

const demo = new Catalogue(join(import.meta.dirname, '../../assets/music'));

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

let n = 0;
const track = (valence: number, arousal: number, extra: Partial<Track> = {}): Track =>
  placedTrack(`t${++n}`, valence, arousal, { title: `Track ${n}`, artist: `Artist ${n}`, ...extra });

/** `count` tracks spread evenly (a deterministic low-discrepancy sequence) over a box of the plane. */
/** An even spread of tracks; placed by the user unless `source` says otherwise (the analysis' places are trusted less). */
function library(count: number, valence: [number, number], arousal: [number, number], source: Track['moodSource'] = 'correction'): Track[] {
  return Array.from({ length: count }, (_, i) => {
    const u = (i + 0.5) / count;
    const w = (i * 0.6180339887) % 1;
    return track(valence[0] + u * (valence[1] - valence[0]), arousal[0] + w * (arousal[1] - arousal[0]), { moodSource: source });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ids = (list: { entries: { track: Track }[] }) => list.entries.map((e) => e.track.id);

describe("a mood on the library's own scale", () => {
  it('places each axis by the share of the library below it, and back', () => {
    const scale = LibraryScale.of([track(0.1, -0.9), track(0.2, -0.8), track(0.3, -0.7), track(0.4, -0.6)]);
    expect(scale.relative({ valence: 0.1, arousal: -0.9 })).toEqual({ valence: -0.75, arousal: -0.75 });
    expect(scale.relative({ valence: 0.4, arousal: -0.6 })).toEqual({ valence: 0.75, arousal: 0.75 });
    const back = scale.absolute(scale.relative({ valence: 0.25, arousal: -0.65 }));
    expect(back.valence).toBeCloseTo(0.25);
    expect(back.arousal).toBeCloseTo(-0.65);
    // The middle of this library is its middle, not the plane's.
    const mid = scale.absolute({ valence: 0, arousal: 0 });
    expect(mid.valence).toBeCloseTo(0.25);
    expect(mid.arousal).toBeCloseTo(-0.75);
  });

  it('ties share one place; an empty library leaves the plane as it is', () => {
    const scale = LibraryScale.of([track(0, 0), track(0, 0), track(0.5, 0.5)]);
    expect(scale.relative({ valence: 0, arousal: 0 }).valence).toBeCloseTo(2 * (1 / 3) - 1);
    const plane = LibraryScale.of([]).relative({ valence: 0.3, arousal: -0.2 });
    expect(plane.valence).toBeCloseTo(0.3);
    expect(plane.arousal).toBeCloseTo(-0.2);
  });
});

describe('every mood gets a full playlist that fits, from any library', () => {
  const skewed: [string, Track[], Emotion, RegExp][] = [
    ['all bright', library(24, [0.35, 0.95], [-0.9, 0.9]), 'sad', /^Your saddest music is (fairly|quite) bright: /],
    ['all dark', library(24, [-0.95, -0.35], [-0.9, 0.9]), 'happy', /^Your most joyful music is (fairly|quite) dark: /],
    ['all calm', library(24, [-0.9, 0.9], [-0.95, -0.45]), 'angry', /^Your most intense music is (fairly|quite) calm: /],
  ];

  it.each(skewed)('%s: 24 tracks give every mood and intent 8 tracks, none widened', (_, tracks) => {
    for (const emotion of EMOTIONS) {
      for (const intent of MOOD_INTENTS) {
        const list = recommend(tracks, emotion, { intent, from: EMOTION_TARGETS[emotion], random: seeded(7) });
        expect(list.entries, `${emotion} ${intent}`).toHaveLength(8);
        expect(list.widened).toBe(false);
        expect(new Set(ids(list)).size).toBe(8);
      }
    }
  });

  it.each(skewed)("%s: the far mood draws the library's nearest music, and says how far it is", (_, tracks, emotion, note) => {
    const list = recommend(tracks, emotion, { random: seeded(3) });
    expect(list.note).toMatch(note);
    expect(list.note).toMatch(new RegExp(`nearest your library has to your ${emotion} mood`));
    expect(list.entries[0].reason).toMatch(new RegExp(`among the nearest your library has to your ${emotion} mood`));
    // The mix is the library's own version of the mood: toward the mood's corner on both axes.
    const mood = EMOTION_TARGETS[emotion];
    for (const axis of ['valence', 'arousal'] as const) {
      const mid = median(tracks.map((t) => t[axis]));
      const mean = list.entries.reduce((s, e) => s + e.track[axis], 0) / list.entries.length;
      expect(Math.sign(mean - mid), axis).toBe(Math.sign(mood[axis]));
    }
    // The map shows the mood moved onto the library's music.
    expect(distance(list.target, mood)).toBeGreaterThan(FIT_RADIUS);
    for (const e of list.entries) expect(distance(e.track, list.target)).toBeLessThanOrEqual(list.fitRadius);
  });

  it('all bright: a happy mood fits outright and needs no note', () => {
    const list = recommend(library(24, [0.35, 0.95], [-0.9, 0.9]), 'happy', { random: seeded(2) });
    expect(list.note).toBeNull();
    expect(list.entries).toHaveLength(8);
    for (const e of list.entries) expect(e.reason).toMatch(/: (right on|near) your happy mood$/);
  });

  it('a library leaning dark: tense music near "happy" on its scale gives way to music felt on the bright side', () => {
    // 16 dark, 8 bright-calm and 12 tense-but-energetic tracks: on this library's scale the most
    // energetic tense ones sit near happy, yet a happy listener should hear the bright ones first.
    const tracks = [
      ...library(16, [-0.95, -0.4], [-0.9, 0.2]),
      ...library(8, [0.3, 0.8], [-0.6, 0.3]),
      ...library(12, [-0.45, -0.15], [0.4, 0.9]),
    ];
    for (let seed = 1; seed <= 5; seed++) {
      const list = recommend(tracks, 'happy', { random: seeded(seed) });
      expect(list.entries).toHaveLength(8);
      for (const e of list.entries) expect(['tense', 'dark', 'melancholic']).not.toContain(musicMoodOf(e.track));
    }
  });

  it('5 tracks: the nearest third fits, the list says it is short, and "widen" reaches half', () => {
    const tracks = [track(-0.7, -0.6), track(-0.4, -0.5), track(0.1, 0.2), track(0.6, 0.5), track(0.8, 0.7)];
    const list = recommend(tracks, 'sad', { random: seeded(1) });
    expect(ids(list).sort()).toEqual([tracks[0].id, tracks[1].id].sort());
    expect(list.note).toBe('2 tracks in your library fit melancholic music for your sad mood; add music or widen the mix.');
    const wide = recommend(tracks, 'sad', { widen: true, random: seeded(1) });
    expect(wide.widened).toBe(true);
    expect(ids(wide).sort()).toEqual([tracks[0].id, tracks[1].id, tracks[2].id].sort());
    expect(wide.note).toBe('3 tracks in your library fit melancholic music for your sad mood, even widened; add music to fill the mix.');
  });

  it('5 bright tracks: short and far, both said', () => {
    const list = recommend(library(5, [0.4, 0.9], [-0.5, 0.5]), 'sad', { random: seeded(1) });
    expect(list.entries).toHaveLength(2);
    expect(list.note).toMatch(
      /^Your saddest music is (fairly|quite) bright: .* 2 tracks in your library fit melancholic music for your sad mood; add music or widen the mix\.$/,
    );
  });

  it('a library covering the plane keeps each mood where it is, with no note', () => {
    const grid: Track[] = [];
    for (let v = -0.9; v <= 0.91; v += 0.2) for (let a = -0.9; a <= 0.91; a += 0.2) grid.push(track(v, a, { moodSource: 'correction' }));
    for (const emotion of EMOTIONS) {
      const list = recommend(grid, emotion, { random: seeded(5) });
      expect(list.entries).toHaveLength(8);
      expect(list.note).toBeNull();
      expect(distance(list.target, EMOTION_TARGETS[emotion])).toBeLessThan(0.15);
      const off = list.entries.map((e) => distance(e.track, EMOTION_TARGETS[emotion]));
      expect(Math.max(...off)).toBeLessThanOrEqual(0.6);
      expect(off.reduce((a, b) => a + b, 0) / off.length).toBeLessThanOrEqual(0.35);
    }
  });

  it('every entry says why it is there, in music words', () => {
    const t = track(-0.55, -0.5, { tempo: 72, mode: 'minor' });
    const [entry] = recommend([t], 'sad').entries;
    expect(entry.reason).toBe('melancholic, 72 BPM, minor: right on your sad mood');
  });

  it('lift plans a path that moves step by step toward calm-positive, each track near its step', () => {
    const tracks = library(40, [-0.9, 0.9], [-0.9, 0.9]);
    const list = recommend(tracks, 'sad', { intent: 'lift', length: 8, from: EMOTION_TARGETS.sad, random: seeded(3) });
    const goal = INTENT_GOALS.lift;
    expect(list.path).toHaveLength(8);
    expect(list.entries).toHaveLength(8);
    for (let i = 1; i < list.path.length; i++) {
      expect(distance(list.path[i], goal)).toBeLessThanOrEqual(distance(list.path[i - 1], goal) + 0.1);
    }
    list.entries.forEach((e, i) => {
      expect(e.waypoint).toEqual(list.path[i]);
      expect(e.distance).toBeLessThanOrEqual(FIT_RADIUS);
      expect(e.reason).toContain(`step ${i + 1} of 8, lifting toward calm and bright from your sad mood`);
    });
    // The music really moves: the last pick is brighter than the first.
    expect(list.entries.at(-1)!.track.valence).toBeGreaterThan(list.entries[0].track.valence + 0.5);
  });

  it('varies: the same mood asked again and again does not give one fixed order', () => {
    const tracks = library(40, [-0.9, 0.9], [-0.9, 0.9]);
    const orders = new Set(Array.from({ length: 10 }, (_, s) => ids(recommend(tracks, 'neutral', { random: seeded(s + 1) })).join()));
    expect(orders.size).toBeGreaterThan(5);
  });

  it('leaves out excluded tracks while others fit, and repeats fitting ones rather than play unfitting music', () => {
    const tracks = library(12, [-0.9, 0.9], [-0.9, 0.9]);
    const first = recommend(tracks, 'happy', { length: 2, random: seeded(5) });
    const next = recommend(tracks, 'happy', { length: 2, exclude: ids(first), random: seeded(6) });
    expect(next.entries).toHaveLength(2);
    for (const id of ids(next)) expect(ids(first)).not.toContain(id);
    const nearest4 = recommend(tracks, 'happy', { length: 4, random: seeded(6) });
    const again = recommend(tracks, 'happy', { length: 4, exclude: ids(nearest4), random: seeded(7) });
    expect(ids(again).sort()).toEqual(ids(nearest4).sort());
  });

  it('a path after the songs the queue keeps: none of them again, numbered from step 1 without a gap', () => {
    const tracks = library(40, [-0.9, 0.9], [-0.9, 0.9]);
    const options = { intent: 'lift' as const, length: 8, from: EMOTION_TARGETS.sad };
    // The songs a lift from sad reaches for first, already heard (the last one playing).
    const taken = [...new Set([1, 2, 3, 4].flatMap((s) => ids(recommend(tracks, 'sad', { ...options, random: seeded(s) })).slice(0, 4)))];
    for (const seed of [11, 12, 13]) {
      const list = recommend(tracks, 'sad', { ...options, taken, random: seeded(seed) });
      expect(list.entries).toHaveLength(8);
      for (const id of ids(list)) expect(taken).not.toContain(id);
      list.entries.forEach((e, i) => expect(e.reason).toContain(`step ${i + 1} of 8, lifting`));
    }
  });

  it('a step nothing is left for leaves no gap in the numbering', () => {
    // Three tracks, all near the start of the path: a later step finds none left.
    const tracks = [track(-0.6, -0.5), track(-0.55, -0.45), track(-0.5, -0.5)];
    const list = recommend(tracks, 'sad', { intent: 'lift', length: 8, from: EMOTION_TARGETS.sad, random: seeded(2) });
    expect(list.entries.length).toBeLessThan(8);
    expect(list.entries.map((e) => /step (\d+) of (\d+)/.exec(e.reason)!.slice(1).map(Number))).toEqual(
      list.entries.map((_, i) => [i + 1, list.entries.length]),
    );
  });

  it('the demo library gives every mood at least 6 tracks', () => {
    for (const emotion of EMOTIONS) {
      const list = recommend(demo.tracks, emotion, { random: seeded(7) });
      expect(list.entries.length, emotion).toBeGreaterThanOrEqual(6);
      expect(list.widened).toBe(false);
      for (const e of list.entries) expect(musicMoodOf(e.track)).toBeTruthy();
    }
  });
});
