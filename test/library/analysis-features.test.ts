/** The hand features the mood model reads: the same values as the code the model was fitted with. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { featuresOfFile } from '../../src/main/library/analysis/analyze.js';
import { readTags } from '../../src/main/library/tags.js';

/** extractFeatures' values for the middle 30 s of farm.opus's excerpt, from the code the mood model v3/v4 was fitted with. */
const FARM = {
  features: {
    loudness: -16.000783831317523,
    loudnessStd: 1.9757563927568123,
    dynamicRange: 5.72304362991639,
    lowEnergy: 0.4588509316770186,
    trebleLoudness: 3.1066836786520247,
    trebleRatio: -10.61210535263025,
    bassRatio: -3.321934128207229,
    centroid: 9.449063536366149,
    centroidStd: 0.5182362122537228,
    rolloff: 10.339932251955013,
    flatness: 0.035064947515617645,
    zcr: 0.10503771290275621,
    flux: 0.9408866708265392,
    fluxStd: 1.0978726209056553,
    tempo: 0.26753131105633204,
    pulseClarity: 0.6678735460559203,
    onsetRate: 4.8483143682065215,
    percussive: 0.4304008828571077,
    modeStrength: 0.11175222552261865,
    keyClarity: 0.7764084712219096,
    chromaChange: 0.1541219923917134,
    contrast: 22.551580696212024,
    fluxLow: 0.9446327055467764,
    fluxHigh: 0.950045971758199,
    timbreVariation: 0.552324457129466,
    timbreFlux: 1.0249719301095546,
    roughness: 0.08031114619413181,
    entropy: 0.5427676165891073,
    bassLoudness: 39.6344745114006,
    mfcc1: 4.664544626793994,
    mfcc2: -0.8372681600418596,
    mfcc3: 1.3050182877278727,
    mfcc4: 0.18481062717164276,
    mfcc5: 0.2108155037816241,
    mfcc6: 0.16207103951178922,
    mfcc7: 0.32638023988382464,
    mfcc8: 0.19699134789500497,
    mfcc9: 0.31333574061576663,
    mfcc10: 0.033668617080980616,
    mfcc11: 0.19848730734352482,
    mfcc12: 0.3427104581722589,
  },
  tempo: 144.44955073808723,
  tonality: {
    key: 'G',
    mode: 'major',
    keyClarity: 0.7764084712219096,
    modeStrength: 0.11175222552261865,
    chromaChange: 0.1541219923917134,
  },
  loudnessDb: -16.000783831317523,
};

describe('hand features', () => {
  it('are the values the mood model was fitted on, on a real track', async () => {
    const file = join('assets', 'music', 'farm.opus');
    const tags = await readTags(file);
    const r = await featuresOfFile(file, tags.ok ? tags.durationSec : null);
    for (const [name, want] of Object.entries(FARM.features)) {
      expect(Math.abs(r.features[name as keyof typeof r.features] - want), name).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
    }
    expect(Object.keys(r.features).sort()).toEqual(Object.keys(FARM.features).sort());
    expect(r.tempo).toBeCloseTo(FARM.tempo, 9);
    expect(r.tonality.key).toBe(FARM.tonality.key);
    expect(r.tonality.mode).toBe(FARM.tonality.mode);
    expect(r.loudnessDb).toBeCloseTo(FARM.loudnessDb, 9);
  }, 120_000);
});
