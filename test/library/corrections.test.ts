/** Mood corrections in music moods: picked by name, kept across restarts, and read back from files written with face emotions. */
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibraryData } from '../../src/main/library/library-load.js';
import { EMOTION_TARGETS, MUSIC_MOOD_CENTRES, musicMoodOf } from '../../src/shared/mood-space.js';
import { validateParams } from '../../src/shared/validate.js';
import { tmp } from './helpers/fixtures.js';
import { closeLibraries, demo, openLibrary } from './helpers/open-library.js';

const [first, second, third] = demo.tracks;

afterEach(closeLibraries);

const stored = (dir: string) => JSON.parse(readFileSync(join(dir, 'library.json'), 'utf8')).library;

describe('correcting a track with a music mood', () => {
  it('every track, demo or not, carries a music mood that names its place', () => {
    const { library } = openLibrary(tmp('lib'));
    for (const t of library.tracks()) {
      expect(t.musicMood).toBe(musicMoodOf(t));
      expect('mood' in t).toBe(false);
    }
  });

  it('a picked music mood puts the track at its centre, under that name, and survives a restart', async () => {
    const dir = tmp('lib');
    const a = openLibrary(dir);
    const picked = a.library.setMood(validateParams('setTrackMood', { id: first.id, musicMood: 'tender' }));
    expect(picked).toMatchObject({ ...MUSIC_MOOD_CENTRES.tender, musicMood: 'tender', moodSource: 'correction' });
    expect(a.library.query({ musicMood: 'tender' }).tracks.map((t) => t.id)).toContain(first.id);
    // Saved at once, in music moods only.
    expect(stored(dir).demoCorrections[first.id]).toMatchObject({ ...MUSIC_MOOD_CENTRES.tender, musicMood: 'tender' });
    expect(stored(dir).demoCorrections[first.id]).not.toHaveProperty('emotion');
    await a.library.close();

    const b = openLibrary(dir);
    expect(b.library.tracks().find((t) => t.id === first.id)).toMatchObject({ musicMood: 'tender', moodSource: 'correction' });
  });

  it('every music mood is a place of its own: picking one labels the track with it', () => {
    const { library } = openLibrary(tmp('lib'));
    for (const m of Object.keys(MUSIC_MOOD_CENTRES) as Array<keyof typeof MUSIC_MOOD_CENTRES>) {
      expect(library.setMood({ id: second.id, musicMood: m }).musicMood).toBe(m);
    }
  });
});

describe('a library.json written when tracks were corrected with face emotions', () => {
  /** A file as older versions wrote it: corrections hold the picked emotion beside its target. */
  function oldLibrary(dir: string, audioPath: string): void {
    const library = {
      version: 1,
      tracks: [
        {
          id: 'u-0123456789abcdef',
          path: audioPath,
          size: 1000,
          mtimeMs: 1,
          title: 'Old Favourite',
          artist: 'Someone',
          album: '',
          durationSec: 200,
          replayGain: null,
          folderImage: null,
          addedAt: 1,
          analysis: null,
          analysisError: null,
          correction: { ...EMOTION_TARGETS.sad, emotion: 'sad', at: 10 },
        },
      ],
      removed: [],
      demoCorrections: {
        // Picked as an emotion: its target.
        [first.id]: { ...EMOTION_TARGETS.happy, emotion: 'happy', at: 11 },
        // Placed by hand: no emotion.
        [second.id]: { valence: -0.2, arousal: 0.9, emotion: null, at: 12 },
      },
    };
    writeFileSync(join(dir, 'library.json'), JSON.stringify({ library }));
  }

  it('loads every correction where it was, now named by its music mood, and saves them in the new shape', async () => {
    const dir = tmp('lib');
    oldLibrary(dir, join(dir, 'old-favourite.mp3'));
    const a = openLibrary(dir);
    expect(a.notice).toBeNull();
    const byId = (id: string) => a.library.tracks().find((t) => t.id === id);
    expect(byId('u-0123456789abcdef')).toMatchObject({ ...EMOTION_TARGETS.sad, musicMood: 'melancholic', moodSource: 'correction' });
    expect(byId(first.id)).toMatchObject({ ...EMOTION_TARGETS.happy, musicMood: 'joyful', moodSource: 'correction' });
    expect(byId(second.id)).toMatchObject({ valence: -0.2, arousal: 0.9, musicMood: 'energetic', moodSource: 'correction' });
    expect(readdirSync(dir).some((f) => f.startsWith('library.') && f !== 'library.json')).toBe(false);

    // The next save writes music moods (null: placed on the plane, not picked by name); nothing is lost.
    a.library.setMood({ id: third.id, musicMood: 'calm' });
    const saved = stored(dir);
    expect(saved.tracks[0].correction).toEqual({ ...EMOTION_TARGETS.sad, musicMood: null, at: 10 });
    expect(saved.demoCorrections[first.id]).toEqual({ ...EMOTION_TARGETS.happy, musicMood: null, at: 11 });
    expect(saved.demoCorrections[second.id]).toEqual({ valence: -0.2, arousal: 0.9, musicMood: null, at: 12 });
    await a.library.close();

    const b = openLibrary(dir);
    expect(b.notice).toBeNull();
    expect(b.library.tracks().find((t) => t.id === first.id)).toMatchObject({ musicMood: 'joyful', moodSource: 'correction' });
    // Undoing an old correction still goes back to the analysis (here: none yet, so the centre, pending).
    expect(b.library.setMood({ id: 'u-0123456789abcdef', reset: true }).moodSource).toBe('pending');
  });

  it('reads each correction on its own terms: an emotion without a position stands for its target; an unknown label is set aside', () => {
    const at = 5;
    const { data, rejected } = loadLibraryData({
      tracks: [],
      removed: [],
      demoCorrections: {
        a: { emotion: 'fear', at },
        b: { musicMood: 'dark', at },
        c: { valence: 0.1, arousal: 0.2, emotion: 'bored', at },
        d: { valence: 0.1, arousal: 0.2, musicMood: 'sad', at },
        e: { emotion: 'sad', valence: 0.3, at },
        f: { valence: 0.1, arousal: 0.2, musicMood: 'calm', emotion: null, at },
      },
    });
    expect(data.demoCorrections).toEqual({
      a: { ...EMOTION_TARGETS.fear, musicMood: null, at },
      b: { ...MUSIC_MOOD_CENTRES.dark, musicMood: 'dark', at },
      f: { valence: 0.1, arousal: 0.2, musicMood: 'calm', at },
    });
    expect(rejected.map((r) => [r.name, r.reason])).toEqual([
      ['c', 'its emotion is unknown'],
      ['d', 'its music mood is unknown'],
      ['e', 'its arousal is not a number from -1 to 1'],
    ]);
  });
});
