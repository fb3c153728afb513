import { describe, expect, it } from 'vitest';
import type { AppError, MoodHistoryEntry, TrackPreference } from '../../src/shared/contract';
import { MoodFitData, rangeStart, scoreEffect } from '../../src/renderer/collections/mood-fit-data.svelte';
import { FakeApi } from './helpers/fake-api';

const pref = (over: Partial<TrackPreference> = {}): TrackPreference => ({
  trackId: 't1',
  emotion: 'happy',
  up: 2,
  down: 0,
  score: 0.75,
  skips: 0,
  updatedAt: 1,
  ...over,
});
const entry = (over: Partial<MoodHistoryEntry> = {}): MoodHistoryEntry => ({
  at: Date.UTC(2026, 0, 2, 9),
  emotion: 'sad',
  source: 'manual',
  confidence: 1,
  valence: -0.6,
  arousal: -0.3,
  played: ['t1'],
  ...over,
});

function setup() {
  let prefs = [pref(), pref({ trackId: 't2', score: 0.2, emotion: 'sad' })];
  let timeline = [entry()];
  const api = new FakeApi()
    .handle('getPreferences', () => prefs)
    .handle('resetPreferences', () => ((prefs = []), null))
    .handle('getMoodHistory', () => timeline)
    .handle('clearMoodHistory', () => ((timeline = []), null));
  const errors: AppError[] = [];
  const titles: Record<string, string> = { t1: 'Sunny, "Day"' };
  const data = new MoodFitData(
    api,
    (id) => titles[id],
    (e) => errors.push(e),
  );
  return { api, data, errors };
}

describe('mood fit data', () => {
  it('lists what was learned with what each score does, and resets it', async () => {
    const { data, api } = setup();
    await data.refreshPreferences();
    expect(data.preferences.map((p) => [data.title(p.trackId), p.emotion, scoreEffect(p.score)])).toEqual([
      ['Sunny, "Day"', 'happy', 'picked more often'],
      ['t2', 'sad', 'picked less often'],
    ]);
    await data.resetPreferences();
    expect(api.paramsOf('resetPreferences')).toHaveLength(1);
    expect(data.preferences).toEqual([]);
    await data.refreshPreferences();
    expect(data.preferences).toEqual([]);
  });

  it('asks for today or this week, exports the shown moods as CSV with titles, and clears them', async () => {
    const { data, api } = setup();
    await data.refreshTimeline('week');
    expect(api.paramsOf('getMoodHistory')).toEqual([{ since: rangeStart('week') }]);
    expect(rangeStart('today') - rangeStart('week')).toBe(6 * 24 * 60 * 60 * 1000);
    expect(data.csv().split('\n')).toEqual([
      'time,emotion,source,confidence,valence,arousal,played',
      '2026-01-02T09:00:00.000Z,sad,manual,1,-0.6,-0.3,"Sunny, ""Day"""',
      '',
    ]);
    await data.clearTimeline();
    expect(data.timeline).toEqual([]);
    expect(data.status).toMatch(/cleared/);
  });

  it('a failed call is reported and keeps what is shown', async () => {
    const { data, api, errors } = setup();
    await data.refreshPreferences();
    api.fail('resetPreferences', { code: 'internal', message: 'Could not save.', hint: 'Try again.' } as AppError);
    await data.resetPreferences();
    expect(data.preferences).toHaveLength(2);
    expect(errors.map((e) => e.message)).toEqual(['Could not save.']);
  });
});
