/** One mood path: every mood goes out once, as an event carrying its playlist; the app learns and remembers. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Envelope, Mood, MoodHistoryEntry, MoodPlaylist, Track, TrackPreference } from '../../src/shared/contract.js';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import type { Moodtape } from '../../src/main/app/types.js';

const assetsDir = join(import.meta.dirname, '../../assets');
const apps: Moodtape[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
});

async function open(dataDir = mkdtempSync(join(tmpdir(), 'moodtape-fit-'))) {
  const app = await createMoodtape({ assetsDir, dataDir, version: 'test', cameraSource: '/nonexistent.mp4', libraryWorkers: 1 });
  apps.push(app);
  const moods: Mood[] = [];
  const plans: MoodPlaylist[] = [];
  app.subscribe((name, payload) => {
    if (name === 'mood') moods.push(payload as Mood);
    if (name === 'plan') plans.push(payload as MoodPlaylist);
  });
  const call = async <T>(method: string, params: unknown): Promise<T> => {
    const r = (await app.call(method, params)) as Envelope<T>;
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  return { app, moods, plans, call, dataDir };
}

describe('the mood event carries its playlist', () => {
  it('sends one event per picked mood, with a fitting playlist, its position and reasons', async () => {
    const { moods, call } = await open();
    const result = await call<Mood>('setManualMood', 'happy');
    expect(moods).toHaveLength(1);
    expect(moods[0]).toEqual(result);
    expect(result.sure).toBe(true);
    expect(result.position).toEqual({ valence: 0.75, arousal: 0.45 });
    const list = result.playlist!;
    expect(list.entries.length).toBeGreaterThanOrEqual(6);
    // The library's own happy music: brighter than most of the library.
    const library = await call<{ tracks: Track[] }>('listLibrary', null);
    const valences = library.tracks.map((t) => t.valence).sort((a, b) => a - b);
    const mean = list.entries.reduce((s, e) => s + e.track.valence, 0) / list.entries.length;
    expect(mean).toBeGreaterThan(valences[Math.floor(valences.length * 0.6)]);
    for (const e of list.entries) expect(e.reason).toMatch(/your happy mood/);
  });

  it('picking the current mood again gives a fresh mix', async () => {
    const { call } = await open();
    const ids = async () => (await call<Mood>('setManualMood', 'sad')).playlist!.entries.map((e) => e.track.id);
    const first = await ids();
    const second = await ids();
    expect(second.length).toBeGreaterThan(0);
    expect(second).not.toEqual(first);
  });

  it('uses the saved intent: lift plans a path', async () => {
    const { call } = await open();
    await call('updateSettings', { intent: 'lift' });
    const list = (await call<Mood>('setManualMood', 'sad')).playlist as MoodPlaylist;
    expect(list.intent).toBe('lift');
    expect(new Set(list.path.map((p) => `${p.valence},${p.arousal}`)).size).toBeGreaterThan(1);
  });

  it('a new intent re-plans the current mood at once: a plan event with the path, no new mood', async () => {
    const { moods, plans, call } = await open();
    await call('updateSettings', { intent: 'lift' });
    expect(plans).toEqual([]); // no mood yet: nothing to re-plan
    const sad = (await call<Mood>('setManualMood', 'sad')).playlist!;
    await call('updateSettings', { intent: 'energise' });
    expect(moods).toHaveLength(1);
    expect(plans).toHaveLength(1);
    const plan = plans[0];
    expect(plan.emotion).toBe('sad');
    expect(plan.intent).toBe('energise');
    expect(plan.path).not.toEqual(sad.path);
    expect(plan.entries[0].reason).toMatch(/step 1 of \d+, building energy from your sad mood/);
    // The same intent again changes nothing.
    await call('updateSettings', { intent: 'energise' });
    expect(plans).toHaveLength(1);
    await call('updateSettings', { intent: 'match' });
    expect(plans.at(-1)!.intent).toBe('match');
  });

  it('a new intent mid-song plans what follows the song: nothing the queue keeps, steps from 1 without a gap', async () => {
    const { plans, call } = await open();
    await call('updateSettings', { intent: 'lift' });
    // The music lifts from sad reach for, heard already; the last of it plays now.
    const heard = new Set<string>();
    for (let i = 0; i < 3; i++)
      for (const e of (await call<Mood>('setManualMood', 'sad')).playlist!.entries.slice(0, 4)) heard.add(e.track.id);
    const trackIds = [...heard];
    await call('saveSession', { trackIds, index: trackIds.length - 1, positionSec: 30, mood: 'sad' });
    await call('updateSettings', { intent: 'energise' });
    await call('updateSettings', { intent: 'lift' });
    for (const plan of plans.slice(-2)) {
      expect(plan.entries).toHaveLength(8);
      for (const e of plan.entries) expect(trackIds).not.toContain(e.track.id);
      plan.entries.forEach((e, i) => expect(e.reason).toMatch(new RegExp(`step ${i + 1} of 8, .* from your sad mood`)));
    }

    // The sad list waiting as "Up next" behind another mood's song: only that song is left out.
    const playing = plans.at(-1)!.entries[0].track.id;
    await call('saveSession', { trackIds: [playing], index: 0, positionSec: 30, mood: 'happy' });
    for (let i = 0; i < 4; i++) {
      await call('updateSettings', { intent: i % 2 ? 'lift' : 'energise' });
      expect(plans.at(-1)!.entries.map((e) => e.track.id)).not.toContain(playing);
    }
  });

  it('a new intent re-plans the list that plays when it is another mood than the last (its Up next dismissed, or a restored session)', async () => {
    const { plans, call, dataDir } = await open();
    const happy = (await call<Mood>('setManualMood', 'happy')).playlist!.entries.map((e) => e.track.id);
    // Happy plays; sad came as "Up next" and the user kept the happy list.
    await call('setManualMood', 'sad');
    await call('saveSession', { trackIds: happy, index: 1, positionSec: 20, mood: 'happy' });
    await call('updateSettings', { intent: 'lift' });
    expect(plans.map((p) => [p.emotion, p.intent])).toEqual([
      ['happy', 'lift'],
      ['sad', 'lift'],
    ]);
    const [lifted] = plans;
    expect(lifted.entries.length).toBeGreaterThan(0);
    lifted.entries.forEach((e, i) => expect(e.reason).toMatch(new RegExp(`step ${i + 1} of \\d+, lifting .* from your happy mood`)));
    for (const e of lifted.entries) expect(happy.slice(0, 2)).not.toContain(e.track.id);

    // After a restart, before any mood: the saved queue's mood is the one planned again.
    await apps.pop()!.dispose();
    const again = await open(dataDir);
    await again.call('updateSettings', { intent: 'calm' });
    expect(again.plans.map((p) => [p.emotion, p.intent])).toEqual([['happy', 'calm']]);
  });

  it('the same mood picked again mid-song on a path: the fresh mix follows the songs kept, from its step 1', async () => {
    const { call } = await open();
    await call('updateSettings', { intent: 'lift' });
    const heard = (await call<Mood>('setManualMood', 'sad')).playlist!.entries.map((e) => e.track.id);
    await call('setManualMood', 'sad');
    // Four songs of the first list heard, the fourth playing, when sad is picked again.
    await call('saveSession', { trackIds: heard, index: 3, positionSec: 10, mood: 'sad' });
    for (let i = 0; i < 3; i++) {
      const mix = (await call<Mood>('setManualMood', 'sad')).playlist!;
      expect(mix.entries).toHaveLength(8);
      for (const e of mix.entries) expect(heard.slice(0, 4)).not.toContain(e.track.id);
      mix.entries.forEach((e, n) => expect(e.reason).toMatch(new RegExp(`step ${n + 1} of 8, lifting`)));
    }
  });

  it('remembers skips and the timeline across a restart, and both can be cleared', async () => {
    const first = await open();
    const list = (await first.call<Mood>('setManualMood', 'neutral')).playlist!;
    const id = list.entries[0].track.id;
    await first.call('recordListen', { trackId: id, emotion: 'neutral', event: 'play' });
    for (let i = 0; i < 3; i++) await first.call('recordListen', { trackId: id, emotion: 'neutral', event: 'early-skip' });
    await first.app.dispose();
    apps.splice(apps.indexOf(first.app), 1);

    const again = await open(first.dataDir);
    const prefs = await again.call<TrackPreference[]>('getPreferences', null);
    expect(prefs).toEqual([expect.objectContaining({ trackId: id, emotion: 'neutral', skips: 3 })]);
    const history = await again.call<MoodHistoryEntry[]>('getMoodHistory', null);
    expect(history).toEqual([expect.objectContaining({ emotion: 'neutral', source: 'manual', played: [id] })]);
    await again.call('resetPreferences', null);
    await again.call('clearMoodHistory', null);
    expect(await again.call('getPreferences', null)).toEqual([]);
    expect(await again.call('getMoodHistory', null)).toEqual([]);
  });

  it('refuses bad listen events and intents with a clear message', async () => {
    const { app } = await open();
    const bad = await app.call('recordListen', { trackId: 'x', emotion: 'happy', event: 'shrug' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const badIntent = await app.call('updateSettings', { intent: 'sideways' });
    expect(badIntent).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
