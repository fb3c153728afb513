import { describe, expect, it } from 'vitest';
import type { Track } from '../../src/shared/contract.js';
import { recommend } from '../../src/main/recommendation/playlist.js';
import { ANALYSIS_RELIABILITY, expectedPlace, RELIABILITY_OF_MODEL } from '../../src/main/recommendation/reliability.js';
import { MOOD_MODEL } from '../../src/main/library/analysis/mood-model.js';

let n = 0;
function grid(source: Track['moodSource']): Track[] {
  const out: Track[] = [];
  for (let v = -0.9; v <= 0.91; v += 0.2)
    for (let a = -0.9; a <= 0.91; a += 0.2)
      out.push({
        ...({ id: `r${++n}`, title: `T${n}`, artist: `A${n}`, album: '', durationSec: 180, origin: 'user', licence: null } as Track),
        valence: v,
        arousal: a,
        moodSource: source,
      });
  return out;
}
function seeded(seed: number) {
  return () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
}
const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('the analysis is trusted as far as it agrees with listeners', () => {
  it('the trust was measured for the shipped mood model (re-measure it with fit_music_mood.py when the model changes)', () => {
    expect(MOOD_MODEL.version).toBe(RELIABILITY_OF_MODEL);
  });

  it('a place the user set is taken as it is; an analysed one is expected nearer the middle of the library, valence more than arousal', () => {
    expect(expectedPlace({ valence: -0.8, arousal: 0.6 }, { moodSource: 'correction' })).toEqual({ valence: -0.8, arousal: 0.6 });
    const analysed = expectedPlace({ valence: -0.8, arousal: 0.6 }, { moodSource: 'analysis' });
    expect(analysed.valence).toBeCloseTo(-0.8 * ANALYSIS_RELIABILITY.valence);
    expect(analysed.arousal).toBeCloseTo(0.6 * ANALYSIS_RELIABILITY.arousal);
    expect(ANALYSIS_RELIABILITY.valence).toBeLessThan(ANALYSIS_RELIABILITY.arousal);
  });

  it('a sad playlist from analysed music draws on the clearest cases: sadder picks than from the same places set by hand', () => {
    const picks = (source: Track['moodSource']) =>
      recommend(grid(source), 'sad', { length: 8, random: seeded(4) }).entries.map((e) => e.track);
    const byHand = picks('correction');
    const analysed = picks('analysis');
    expect(analysed).toHaveLength(8);
    expect(meanOf(analysed.map((t) => t.valence))).toBeLessThan(meanOf(byHand.map((t) => t.valence)) - 0.05);
  });
});
