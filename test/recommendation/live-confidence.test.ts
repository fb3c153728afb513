/** Live readings the model is not sure of leave the music alone; explicit requests always count. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LIVE_SURE, setupMoodFit } from '../../src/main/app/mood-fit.js';
import { DEFAULT_SETTINGS } from '../../src/shared/contract.js';
import { Catalogue } from '../../src/main/library/catalogue.js';
import type { MoodSource } from '../../src/shared/contract.js';

const demo = new Catalogue(join(import.meta.dirname, '../../assets/music'));

function fit() {
  const errors: unknown[] = [];
  const f = setupMoodFit({
    dataDir: mkdtempSync(join(tmpdir(), 'moodtape-sure-')),
    settings: () => DEFAULT_SETTINGS,
    tracks: () => demo.tracks,
    report: (e) => errors.push(e),
  });
  const read = (source: MoodSource, confidence: number) =>
    f.complete({ emotion: 'fear', confidence, source, probabilities: null, at: Date.now(), autoplay: false });
  return { f, read, errors };
}

describe('how sure a mood must be to move the music', () => {
  it('a live reading under the floor is "not sure": no playlist, nothing on the timeline', () => {
    const { f, read } = fit();
    const unsure = read('live', 0.29);
    expect(unsure.sure).toBe(false);
    expect(unsure.playlist).toBeNull();
    expect(f.history(null)).toHaveLength(0);
  });

  it('a live reading at the floor, and any snapshot or pick, brings its playlist and is recorded', () => {
    const { f, read, errors } = fit();
    expect(read('live', LIVE_SURE).playlist?.entries.length).toBeGreaterThan(0);
    for (const source of ['snapshot', 'manual', 'tray'] as const) {
      const m = read(source, 0.2);
      expect(m.sure).toBe(true);
      expect(m.playlist?.entries.length).toBeGreaterThan(0);
    }
    expect(f.history(null).length).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
  });
});
