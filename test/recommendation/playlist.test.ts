import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { EMOTIONS } from '../../src/shared/contract.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import { recommend } from '../../src/main/recommendation/playlist.js';
import { distance, MOOD_TARGETS, nearestEmotion } from '../../src/main/recommendation/mood-plane.js';

const demo = new Catalogue(join(import.meta.dirname, '../../assets/music'));

function seeded(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}

describe('playlist for a mood', () => {
  it('gives every emotion a full playlist without repeats', () => {
    for (const e of EMOTIONS) {
      const list = recommend(demo.tracks, e, { length: 8, random: seeded(1) });
      expect(list).toHaveLength(8);
      expect(new Set(list.map((t) => t.id)).size).toBe(8);
    }
  });

  it('starts near the mood: happy music for happy, melancholic for sad', () => {
    const happy = recommend(demo.tracks, 'happy', { length: 4, random: seeded(2) });
    const sad = recommend(demo.tracks, 'sad', { length: 4, random: seeded(2) });
    const mean = (l: typeof happy, k: 'valence' | 'arousal') => l.reduce((s, t) => s + t[k], 0) / l.length;
    expect(mean(happy, 'valence')).toBeGreaterThan(0.3);
    expect(mean(sad, 'valence')).toBeLessThan(0);
    expect(mean(sad, 'arousal')).toBeLessThan(0);
    for (const t of happy) expect(distance(t, MOOD_TARGETS.happy)).toBeLessThan(distance(t, MOOD_TARGETS.sad));
  });

  it('opens with a song that fits the mood: always one of the three nearest', () => {
    for (const emotion of EMOTIONS) {
      const nearest = [...demo.tracks].sort((a, b) => distance(a, MOOD_TARGETS[emotion]) - distance(b, MOOD_TARGETS[emotion])).slice(0, 3);
      for (let i = 0; i < 40; i++) expect(nearest).toContain(recommend(demo.tracks, emotion)[0]);
    }
  });

  it('varies: the same mood twice does not give the same order', () => {
    const a = recommend(demo.tracks, 'neutral', { random: seeded(3) }).map((t) => t.id);
    const b = recommend(demo.tracks, 'neutral', { random: seeded(4) }).map((t) => t.id);
    expect(a).not.toEqual(b);
  });

  it('leaves out excluded tracks while the library has enough others', () => {
    const first = recommend(demo.tracks, 'angry', { length: 6, random: seeded(5) });
    const next = recommend(demo.tracks, 'angry', { length: 6, exclude: first.map((t) => t.id), random: seeded(6) });
    expect(next.some((t) => first.some((f) => f.id === t.id))).toBe(false);
  });

  it('labels each demo track with the emotion nearest to it', () => {
    for (const t of demo.tracks) expect(t.mood).toBe(nearestEmotion(t));
    expect(demo.tracks.find((t) => t.id === 'offshore')?.mood).toBe('happy');
    expect(demo.tracks.find((t) => t.id === 'orbital-elevator')?.mood).toBe('sad');
  });
});
