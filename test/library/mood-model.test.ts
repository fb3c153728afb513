import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MOOD_MODEL, predictMood, type MoodModel } from '../../src/main/library/analysis/mood-model.js';

const parity = JSON.parse(readFileSync(new URL('../fixtures/mood-model-parity.json', import.meta.url), 'utf8')) as {
  modelVersion: number;
  cases: { inputs: Record<string, number>; expected: { valence: number; arousal: number } }[];
};

/** One input feature, a linear head plus one network, so every output can be worked out by hand. */
function tiny(weight: number): MoodModel {
  const h = { intercept: 0, coef: [1], scale: 2, mlp: { weight, members: [{ w1: [[2]], b1: [-1], w2: [3], b2: 0.5 }] } };
  return { version: 0, features: ['x'], mean: [10], std: [2], valence: h, arousal: { ...h, mlp: undefined } };
}

describe('mood model', () => {
  it("gives the fitting script's outputs for the shipped weights (fixed synthetic inputs written by fit_music_mood.py --write)", () => {
    expect(parity.modelVersion).toBe(MOOD_MODEL.version);
    for (const c of parity.cases) {
      const got = predictMood(c.inputs);
      expect(got.valence).toBeCloseTo(c.expected.valence, 9);
      expect(got.arousal).toBeCloseTo(c.expected.arousal, 9);
    }
  });

  it('averages the linear head with its networks: a ReLU unit adds only when it is active', () => {
    // x = 12 -> z = 1: linear 1, network relu(2 - 1) * 3 + 0.5 = 3.5, half and half 2.25.
    expect(predictMood({ x: 12 }, tiny(0.5)).valence).toBeCloseTo(Math.tanh(2.25 / 2), 12);
    // x = 8 -> z = -1: linear -1, the unit is off (relu(-3) = 0), network 0.5: -0.25.
    expect(predictMood({ x: 8 }, tiny(0.5)).valence).toBeCloseTo(Math.tanh(-0.25 / 2), 12);
    // Without networks the head is linear.
    expect(predictMood({ x: 12 }, tiny(0.5)).arousal).toBeCloseTo(Math.tanh(1 / 2), 12);
    expect(predictMood({ x: 12 }, tiny(0)).valence).toBeCloseTo(Math.tanh(1 / 2), 12);
  });

  it('reads a missing or non-finite feature as the typical value and clips wild ones', () => {
    expect(predictMood({}, tiny(0)).valence).toBeCloseTo(0, 12);
    expect(predictMood({ x: Number.NaN }, tiny(0)).valence).toBeCloseTo(0, 12);
    expect(predictMood({ x: 1e9 }, tiny(0)).valence).toBeCloseTo(Math.tanh(4 / 2), 12);
  });

  it('stays within the plane for any input', () => {
    const loud = Object.fromEntries(MOOD_MODEL.features.map((f, i) => [f, MOOD_MODEL.mean[i] + 100 * MOOD_MODEL.std[i]]));
    for (const p of [predictMood(loud), predictMood({})]) {
      expect(Math.abs(p.valence)).toBeLessThan(1);
      expect(Math.abs(p.arousal)).toBeLessThan(1);
    }
  });
});
