import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFile } from '../../src/main/library/analysis/analyze.js';
import { AnalysisError } from '../../src/main/library/analysis/errors.js';
import { makeMusicFolder, tmp } from './helpers/fixtures.js';
import { mournful, upbeat, wav } from './helpers/synth.js';

describe('audio mood analysis', () => {
  // Synthetic tones are far from the recorded music the mood model learnt from: their place on the
  // valence axis means little (the model's agreement with listeners is measured on real music,
  // docs/audio-mood.md). Arousal and the hand-read tempo, key and mode still follow the synthesis.
  it('puts a fast, loud, major track above a slow, quiet, minor one in arousal, and reads tempo, key and mode', async () => {
    const dir = tmp('synth');
    writeFileSync(join(dir, 'up.wav'), wav(upbeat(20)));
    writeFileSync(join(dir, 'down.wav'), wav(mournful(20)));
    const up = await analyzeFile(join(dir, 'up.wav'), 20);
    const down = await analyzeFile(join(dir, 'down.wav'), 20);
    expect(up.arousal).toBeGreaterThan(down.arousal + 0.2);
    expect(up.energy).toBeGreaterThan(down.energy);
    expect(up.tempo).toBeGreaterThan(130);
    expect(up.tempo).toBeLessThan(150);
    expect(down.tempo).toBeLessThan(75);
    expect([up.key, up.mode]).toEqual(['C', 'major']);
    expect([down.key, down.mode]).toEqual(['A', 'minor']);
    for (const a of [up, down]) {
      expect(Math.abs(a.valence)).toBeLessThanOrEqual(1);
      expect(Math.abs(a.arousal)).toBeLessThanOrEqual(1);
    }
  });

  it('decodes mp3, flac and opus with the bundled decoders', async () => {
    const folder = makeMusicFolder();
    for (const f of folder.audio.filter((p) => /\.(mp3|flac|opus)$/.test(p))) {
      const a = await analyzeFile(f, 4);
      expect(a.format).toMatch(/mp3|flac|ogg-opus/);
      expect(Number.isFinite(a.valence) && Number.isFinite(a.arousal)).toBe(true);
      // A 4 s sine tone is quiet and static: low arousal.
      expect(a.arousal).toBeLessThan(0);
    }
  });

  it('rejects fake and damaged audio with a reason', async () => {
    const folder = makeMusicFolder();
    await expect(analyzeFile(folder.fake, null)).rejects.toMatchObject({ kind: 'corrupt' });
    await expect(analyzeFile(folder.truncated, null)).rejects.toBeInstanceOf(AnalysisError);
    await expect(analyzeFile(join(folder.root, 'absent.mp3'), null)).rejects.toMatchObject({ kind: 'unreadable' });
  });
});
