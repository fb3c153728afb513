import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreferenceStore } from '../../src/main/listener/preferences.js';
import { rankCandidates } from '../../src/main/recommendation/ranking.js';
import { recommend } from '../../src/main/recommendation/playlist.js';
import { EMOTION_TARGETS } from '../../src/shared/mood-space.js';
import { placedTrack } from '../library/helpers/placed-track.js';

const dir = () => mkdtempSync(join(tmpdir(), 'moodtape-prefs-'));
const track = placedTrack;
// Four melancholic tracks, "b" second nearest to the sad target.
const tracks = [track('a', -0.6, -0.45), track('b', -0.55, -0.5), track('c', -0.5, -0.35), track('d', -0.7, -0.3)];
const order = (prefs: PreferenceStore, emotion: 'sad' | 'neutral') =>
  rankCandidates(tracks, EMOTION_TARGETS[emotion], 2, prefs.forMood(emotion)).map((c) => c.track.id);

describe('learning from the listener', () => {
  it('three early skips under one mood rank a track lower, for that mood only, and survive a restart', () => {
    const d = dir();
    const prefs = PreferenceStore.open(d);
    const sadBefore = order(prefs, 'sad');
    const neutralBefore = order(prefs, 'neutral');
    for (let i = 0; i < 3; i++) prefs.record('b', 'sad', 'early-skip');

    const again = PreferenceStore.open(d);
    const sadAfter = order(again, 'sad');
    expect(sadAfter.indexOf('b')).toBeGreaterThan(sadBefore.indexOf('b'));
    expect(order(again, 'neutral')).toEqual(neutralBefore);
    expect(again.get('b', 'sad')).toMatchObject({ skips: 3, down: 3 });
    expect(again.get('b', 'neutral')).toBeUndefined();
  });

  it('says why in the reason line, and a reset forgets it', () => {
    const prefs = PreferenceStore.open(dir());
    prefs.record('b', 'sad', 'early-skip');
    prefs.record('b', 'sad', 'early-skip');
    const list = recommend([tracks[1]], 'sad', { preferenceOf: prefs.forMood('sad') });
    expect(list.entries[0].reason).toMatch(/you skipped this twice when sad: ranked lower$/);
    prefs.record('a', 'sad', 'like');
    expect(recommend([tracks[0]], 'sad', { preferenceOf: prefs.forMood('sad') }).entries[0].reason).toMatch(/ranked higher$/);
    expect(prefs.list()).toHaveLength(2);
    prefs.reset();
    expect(prefs.list()).toEqual([]);
    expect(order(prefs, 'sad')).toEqual(order(PreferenceStore.open(dir()), 'sad'));
  });

  it('likes and finished tracks lift a track; replays count, a damaged file is kept aside', () => {
    const d = dir();
    const prefs = PreferenceStore.open(d);
    prefs.record('d', 'sad', 'finish');
    prefs.record('d', 'sad', 'replay');
    prefs.record('d', 'sad', 'like');
    expect(order(prefs, 'sad')[0]).toBe('d');
    writeFileSync(join(d, 'preferences.json'), '{ not json');
    const fresh = PreferenceStore.open(d);
    expect(fresh.notice?.message).toMatch(/listening preferences file was damaged/);
    expect(fresh.list()).toEqual([]);
  });
});

describe('taking a rating back', () => {
  it('an undone dislike leaves the track where it was, and an undo never pushes a score below nothing', () => {
    const prefs = PreferenceStore.open(dir());
    const before = order(prefs, 'sad');
    prefs.record('a', 'sad', 'dislike');
    expect(order(prefs, 'sad')).not.toEqual(before);
    prefs.record('a', 'sad', 'undo-dislike');
    expect(order(prefs, 'sad')).toEqual(before);
    prefs.record('b', 'sad', 'undo-like');
    expect(prefs.get('b', 'sad')).toMatchObject({ trackId: 'b' });
    expect(order(prefs, 'sad')).toEqual(before);
  });
});
