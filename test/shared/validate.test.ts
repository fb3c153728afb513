import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_PATHS, METHODS, type Method } from '../../src/shared/contract.js';
import { InvalidInput, cameraSource, invalidInput, isMethod, validateParams } from '../../src/shared/validate.js';

interface Cases {
  /** [params, what the handler gets] */
  accepts: Array<[unknown, unknown]>;
  /** [params, words the message must contain] */
  rejects: Array<[unknown, RegExp]>;
}

const noParams: Cases = {
  accepts: [
    [null, null],
    [undefined, null],
  ],
  rejects: [
    [{}, /takes no parameters/],
    ['x', /takes no parameters/],
    [0, /takes no parameters/],
  ],
};

/** Every method of the contract, what it takes and what it refuses. */
const cases: Record<Method, Cases> = {
  getState: noParams,
  startCamera: noParams,
  stopCamera: noParams,
  snapshot: noParams,
  getAbout: noParams,
  getImportStatus: noParams,
  cancelImport: noParams,
  setManualMood: {
    accepts: [
      ['happy', 'happy'],
      ['surprise', 'surprise'],
    ],
    rejects: [
      ['ecstatic', /emotion must be one of angry, disgust, fear, happy, neutral, sad, surprise/],
      ['Happy', /emotion must be one of/],
      [null, /emotion must be one of/],
      [{ emotion: 'happy' }, /emotion must be one of/],
    ],
  },
  recommend: {
    accepts: [
      [{ emotion: 'sad' }, { emotion: 'sad' }],
      [
        { emotion: 'sad', length: 5, exclude: ['a', 'b'] },
        { emotion: 'sad', length: 5, exclude: ['a', 'b'] },
      ],
      [
        { emotion: 'fear', length: 200, exclude: [] },
        { emotion: 'fear', length: 200, exclude: [] },
      ],
      [
        { emotion: 'sad', intent: 'lift', from: { valence: -0.5, arousal: -0.4 }, widen: true },
        { emotion: 'sad', intent: 'lift', from: { valence: -0.5, arousal: -0.4 }, widen: true },
      ],
    ],
    rejects: [
      [null, /recommend takes \{ emotion, length\?, exclude\?, intent\?, from\?, widen\? \}/],
      [{ emotion: 'sad', intent: 'sideways' }, /intent must be one of match, lift, calm, energise/],
      [{ emotion: 'sad', from: { valence: 2, arousal: 0 } }, /from.valence must be a number from -1 to 1/],
      [{ emotion: 'sad', from: [0, 0] }, /from must be \{ valence, arousal \}/],
      [{ emotion: 'sad', widen: 'yes' }, /widen must be true or false/],
      [['sad'], /recommend takes/],
      [{}, /emotion must be one of/],
      [{ emotion: 'bored' }, /emotion must be one of/],
      [{ emotion: 'sad', length: 0 }, /length must be an integer from 1 to 200/],
      [{ emotion: 'sad', length: 201 }, /length must be an integer from 1 to 200/],
      [{ emotion: 'sad', length: 2.5 }, /length must be an integer/],
      [{ emotion: 'sad', length: '5' }, /length must be an integer/],
      [{ emotion: 'sad', exclude: 'a' }, /exclude must be a list of track ids/],
      [{ emotion: 'sad', exclude: [1] }, /exclude must be a list of track ids/],
      [{ emotion: 'sad', exclude: ['x'.repeat(256)] }, /exclude must be a list of track ids/],
      [{ emotion: 'sad', exclude: Array.from({ length: 10_001 }, (_, i) => `t${i}`) }, /exclude must be a list/],
      [{ emotion: 'sad', mood: 'sad' }, /unknown field "mood"/],
    ],
  },
  updateSettings: {
    accepts: [
      [{}, {}],
      [
        { volume: 0, mode: 'live', onlyUserTracks: true },
        { volume: 0, mode: 'live', onlyUserTracks: true },
      ],
      [{ volume: 1 }, { volume: 1 }],
      [{ cameraSource: '  1 ' }, { cameraSource: '1' }],
      [{ cameraSource: '/videos/demo.mp4' }, { cameraSource: '/videos/demo.mp4' }],
      [{ lastMood: null }, { lastMood: null }],
      [{ lastMood: 'neutral' }, { lastMood: 'neutral' }],
      [{ intent: 'energise' }, { intent: 'energise' }],
      [{ window: null }, { window: null }],
      [{ window: { width: 1200, height: 800 } }, { window: { width: 1200, height: 800, maximized: false } }],
      [
        { window: { width: 1200, height: 800, x: -40, y: 10, maximized: true } },
        { window: { width: 1200, height: 800, x: -40, y: 10, maximized: true } },
      ],
      [{ watchedFolders: [] }, { watchedFolders: [] }],
      [{ watchedFolders: ['/music', '/music', 'D:\\Songs'] }, { watchedFolders: ['/music', 'D:\\Songs'] }],
    ],
    rejects: [
      [null, /settings must be an object/],
      [[], /settings must be an object/],
      [{ volume: 3 }, /volume must be a number from 0 to 1/],
      [{ volume: -0.1 }, /volume must be a number from 0 to 1/],
      [{ volume: Number.NaN }, /volume must be a number from 0 to 1/],
      [{ volume: '0.5' }, /volume must be a number from 0 to 1/],
      [{ mode: 'turbo' }, /mode must be "snapshot" or "live"/],
      [{ intent: 'sideways' }, /intent must be one of match, lift, calm, energise/],
      [{ cameraSource: '' }, /camera source must be a device number or a video file path/],
      [{ cameraSource: '   ' }, /camera source must be/],
      [{ cameraSource: 'a\0b' }, /camera source must be/],
      [{ cameraSource: 3 }, /camera source must be/],
      [{ lastMood: 'bored' }, /lastMood must be one of/],
      [{ window: 'big' }, /window must be an object/],
      [{ window: { width: 10.5, height: 800 } }, /window.width must be an integer/],
      [{ window: { width: 1200 } }, /window.height must be an integer/],
      [{ window: { width: 1200, height: 800, x: 1e9 } }, /window.x must be an integer/],
      [{ window: { width: 1200, height: 800, z: 1 } }, /unknown field "z"/],
      [{ onlyUserTracks: 'yes' }, /onlyUserTracks must be true or false/],
      [{ watchedFolders: 'music' }, /watchedFolders must be a list of 0 to 100 absolute paths/],
      [{ watchedFolders: ['music'] }, /watchedFolders\[0\] must be an absolute file or folder path/],
      [{ watchedFolders: Array.from({ length: 101 }, (_, i) => `/m${i}`) }, /0 to 100/],
      [{ __proto__: 1, evil: true }, /unknown field "evil"/],
    ],
  },
  importPaths: {
    accepts: [
      [{ paths: ['/music'] }, { paths: ['/music'] }],
      [
        { paths: ['/music', 'C:\\Music', 'c:/Music', '\\\\server\\share'], watch: true },
        { paths: ['/music', 'C:\\Music', 'c:/Music', '\\\\server\\share'], watch: true },
      ],
      [
        { paths: ['/a'], watch: false },
        { paths: ['/a'], watch: false },
      ],
    ],
    rejects: [
      [null, /importPaths takes \{ paths, watch\? \}/],
      [['/music'], /importPaths takes/],
      [{}, new RegExp(`paths must be a list of 1 to ${MAX_IMPORT_PATHS} absolute paths`)],
      [{ paths: [] }, /paths must be a list of 1 to/],
      [{ paths: '/music' }, /paths must be a list of 1 to/],
      [{ paths: Array.from({ length: MAX_IMPORT_PATHS + 1 }, (_, i) => `/m${i}`) }, /paths must be a list of 1 to/],
      [{ paths: ['relative/music'] }, /paths\[0\] must be an absolute file or folder path/],
      [{ paths: ['/ok', './up'] }, /paths\[1\] must be an absolute/],
      [{ paths: ['C:music'] }, /paths\[0\] must be an absolute/],
      [{ paths: ['/music\0/x'] }, /paths\[0\] must be an absolute/],
      [{ paths: [''] }, /paths\[0\] must be an absolute/],
      [{ paths: [`/${'x'.repeat(4096)}`] }, /paths\[0\] must be an absolute/],
      [{ paths: [42] }, /paths\[0\] must be an absolute/],
      [{ paths: ['/music'], watch: 'yes' }, /watch must be true or false/],
      [{ paths: ['/music'], extra: 1 }, /unknown field "extra"/],
    ],
  },
  listLibrary: {
    accepts: [
      [null, null],
      [undefined, null],
      [{}, {}],
      [
        { search: 'tag artist', sort: 'title', order: 'asc', musicMood: 'melancholic', origin: 'user', offset: 0, limit: 1 },
        { search: 'tag artist', sort: 'title', order: 'asc', musicMood: 'melancholic', origin: 'user', offset: 0, limit: 1 },
      ],
      ...(['artist', 'album', 'added', 'mood', 'valence', 'arousal'] as const).map((sort): [unknown, unknown] => [{ sort }, { sort }]),
    ],
    rejects: [
      ['all', /listLibrary takes null or \{ search\?, sort\?, order\?, musicMood\?, origin\?, offset\?, limit\? \}/],
      [{ search: 7 }, /search must be a string of at most 500 characters/],
      [{ search: 'x'.repeat(501) }, /search must be a string of at most 500/],
      [{ sort: 'size' }, /sort must be one of title, artist, album, added, mood, valence, arousal/],
      [{ order: 'up' }, /order must be "asc" or "desc"/],
      [{ musicMood: 'sad' }, /musicMood must be one of joyful, energetic, tense, dark, melancholic, calm, tender/],
      // Older clients filtered tracks by face emotion: told what to send now, whatever the value.
      [{ mood: 'happy' }, /mood is no longer a library filter: tracks are described by music moods; send musicMood, one of joyful, /],
      [{ mood: 'joyful' }, /send musicMood/],
      [{ origin: 'web' }, /origin must be "demo" or "user"/],
      [{ offset: -1 }, /offset must be a whole number/],
      [{ offset: 1.5 }, /offset must be a whole number/],
      [{ limit: 0 }, /limit must be a whole number/],
      [{ limit: 1_000_001 }, /limit must be a whole number/],
      [{ page: 2 }, /unknown field "page"/],
    ],
  },
  setTrackMood: {
    accepts: [
      [
        { id: 'u-1', valence: -1, arousal: 1 },
        { id: 'u-1', valence: -1, arousal: 1 },
      ],
      [
        { id: 'demo.opus', valence: 0, arousal: 0.25 },
        { id: 'demo.opus', valence: 0, arousal: 0.25 },
      ],
      [
        { id: 'u-1', musicMood: 'melancholic' },
        { id: 'u-1', musicMood: 'melancholic' },
      ],
      [
        { id: 'u-1', reset: true },
        { id: 'u-1', reset: true },
      ],
    ],
    rejects: [
      [null, /setTrackMood takes \{ id, valence, arousal \} or \{ id, musicMood \} or \{ id, reset: true \}/],
      [{ valence: 0, arousal: 0 }, /id must be a track id/],
      [{ id: '', musicMood: 'calm' }, /id must be a track id/],
      [{ id: '../../etc/passwd', musicMood: 'calm' }, /id must be a track id/],
      [{ id: 'a\\b', musicMood: 'calm' }, /id must be a track id/],
      [{ id: 'x'.repeat(256), musicMood: 'calm' }, /id must be a track id/],
      [{ id: 7, musicMood: 'calm' }, /id must be a track id/],
      [{ id: 'u-1', valence: 2, arousal: 0 }, /valence must be a number from -1 to 1/],
      [{ id: 'u-1', valence: 0, arousal: -1.01 }, /arousal must be a number from -1 to 1/],
      [{ id: 'u-1', valence: 0 }, /arousal must be a number from -1 to 1/],
      [{ id: 'u-1', valence: Number.NaN, arousal: 0 }, /valence must be a number/],
      [{ id: 'u-1', musicMood: 'sad' }, /musicMood must be one of joyful, energetic, tense, dark, melancholic, calm, tender/],
      [{ id: 'u-1', musicMood: 'calm', valence: 0 }, /unknown field "valence"/],
      [{ id: 'u-1', reset: false }, /reset must be true/],
      [{ id: 'u-1', reset: true, musicMood: 'calm' }, /unknown field "reset"/],
      // Older clients picked a face emotion for a track.
      [
        { id: 'u-1', emotion: 'sad' },
        /setTrackMood no longer takes an emotion: tracks are described by music moods; send \{ id, musicMood \}/,
      ],
    ],
  },
  // ---- mood fit
  recordListen: {
    accepts: [
      [
        { trackId: 'offshore', emotion: 'happy', event: 'early-skip' },
        { trackId: 'offshore', emotion: 'happy', event: 'early-skip' },
      ],
      [
        { trackId: 'u-1', emotion: 'sad', event: 'like' },
        { trackId: 'u-1', emotion: 'sad', event: 'like' },
      ],
    ],
    rejects: [
      [null, /recordListen takes \{ trackId, emotion, event \}/],
      [{ trackId: 'u-1', emotion: 'sad', event: 'shrug' }, /event must be one of play, early-skip, replace/],
      [{ trackId: '../x', emotion: 'sad', event: 'like' }, /id must be a track id/],
      [{ trackId: 'u-1', emotion: 'bored', event: 'like' }, /emotion must be one of/],
      [{ trackId: 'u-1', emotion: 'sad', event: 'like', weight: 9 }, /unknown field "weight"/],
    ],
  },
  getPreferences: noParams,
  resetPreferences: noParams,
  getMoodHistory: {
    accepts: [
      [null, null],
      [{}, {}],
      [{ since: 1000 }, { since: 1000 }],
    ],
    rejects: [
      ['today', /getMoodHistory takes null or \{ since\? \}/],
      [{ since: -1 }, /since must be a time/],
      [{ since: 'today' }, /since must be a time/],
      [{ until: 5 }, /unknown field "until"/],
    ],
  },
  clearMoodHistory: noParams,
  removeTrack: {
    accepts: [[{ id: 'u-abc' }, { id: 'u-abc' }]],
    rejects: [
      [null, /removeTrack takes \{ id \}/],
      ['u-abc', /removeTrack takes \{ id \}/],
      [{}, /id must be a track id/],
      [{ id: 'a/b' }, /id must be a track id/],
      [{ id: 'u-1', force: true }, /unknown field "force"/],
    ],
  },
  // ---- the player's records
  getSession: noParams,
  listPlaylists: noParams,
  clearHistory: noParams,
  saveSession: {
    accepts: [
      [
        { trackIds: ['a', 'b'], index: 1, positionSec: 12.5, mood: 'sad' },
        { trackIds: ['a', 'b'], index: 1, positionSec: 12.5, mood: 'sad' },
      ],
      [
        { trackIds: [], index: -1, positionSec: 0, mood: null },
        { trackIds: [], index: -1, positionSec: 0, mood: null },
      ],
      [
        { trackIds: ['a'], index: 0, positionSec: 0, mood: 'sad', reasons: { a: 'calm: near your sad mood' } },
        { trackIds: ['a'], index: 0, positionSec: 0, mood: 'sad', reasons: { a: 'calm: near your sad mood' } },
      ],
    ],
    rejects: [
      [null, /saveSession takes/],
      [{ trackIds: ['a'], index: 0, positionSec: 0, mood: null, reasons: ['calm'] }, /reasons must map track ids to reason lines/],
      [{ trackIds: ['a'], index: 0, positionSec: 0, mood: null, reasons: { a: 7 } }, /reasons\["a"\] must be a string/],
      [{ trackIds: ['a'], index: 0, positionSec: 0, mood: null, reasons: { 'a/b': 'x' } }, /must be a track id/],
      [{ trackIds: ['a'], index: 3, positionSec: 0, mood: null }, /index must be a queue position/],
      [{ trackIds: ['a'], index: 0, positionSec: -1, mood: null }, /positionSec must be a number/],
      [{ trackIds: ['a'], index: 0, positionSec: 0, mood: 'bored' }, /mood must be one of/],
      [{ trackIds: 'a', index: 0, positionSec: 0, mood: null }, /list of track ids/],
    ],
  },
  savePlaylist: {
    accepts: [
      [
        { name: '  Road trip ', trackIds: ['a'] },
        { name: 'Road trip', trackIds: ['a'] },
      ],
      [
        { name: 'X', trackIds: [], id: 'p-1' },
        { name: 'X', trackIds: [], id: 'p-1' },
      ],
    ],
    rejects: [
      [null, /savePlaylist takes/],
      [{ name: '   ', trackIds: [] }, /name must not be empty/],
      [{ name: 'x'.repeat(201), trackIds: [] }, /name must be a string/],
      [{ name: 'X', trackIds: [], colour: 'red' }, /unknown field "colour"/],
    ],
  },
  renamePlaylist: {
    accepts: [
      [
        { id: 'p-1', name: 'New' },
        { id: 'p-1', name: 'New' },
      ],
    ],
    rejects: [
      [{ id: 'p-1' }, /name must be a string/],
      [{ id: '../x', name: 'New' }, /id must be a track id/],
    ],
  },
  deletePlaylist: {
    accepts: [[{ id: 'p-1' }, { id: 'p-1' }]],
    rejects: [[{}, /id must be a track id/]],
  },
  loadPlaylist: {
    accepts: [[{ id: 'p-1' }, { id: 'p-1' }]],
    rejects: [['p-1', /loadPlaylist takes \{ id \}/]],
  },
  exportPlaylist: {
    accepts: [
      [{ id: 'p-1' }, { id: 'p-1' }],
      [
        { id: 'p-1', dir: '/home/ana/lists' },
        { id: 'p-1', dir: '/home/ana/lists' },
      ],
    ],
    rejects: [[{ id: 'p-1', dir: 'lists' }, /dir must be an absolute/]],
  },
  importPlaylist: {
    accepts: [
      [
        { text: '#EXTM3U\n/a.mp3\n', name: 'Mix' },
        { text: '#EXTM3U\n/a.mp3\n', name: 'Mix' },
      ],
    ],
    rejects: [
      [{ text: 7, name: 'Mix' }, /text must be a string/],
      [{ text: '', name: 'Mix', baseDir: 'rel' }, /baseDir must be an absolute/],
    ],
  },
  recordPlay: {
    accepts: [
      [
        { trackId: 'a', title: 'A', artist: 'B', startedAt: 1, playedSec: 2, skipped: true, mood: null, source: 'library' },
        { trackId: 'a', title: 'A', artist: 'B', startedAt: 1, playedSec: 2, skipped: true, mood: null, source: 'library' },
      ],
    ],
    rejects: [
      [
        { trackId: 'a', title: 'A', artist: 'B', startedAt: 1, playedSec: 2, skipped: 'no', mood: null, source: 'x' },
        /skipped must be true or false/,
      ],
      [
        { trackId: 'a', title: 'A', artist: 'B', startedAt: 1, playedSec: -2, skipped: false, mood: null, source: 'x' },
        /playedSec must be a number/,
      ],
    ],
  },
  listHistory: {
    accepts: [
      [null, null],
      [{ limit: 10 }, { limit: 10 }],
    ],
    rejects: [[{ limit: 0 }, /limit must be a whole number/]],
  },
};

describe('request validation', () => {
  it('has cases for every method of the contract', () => {
    expect(Object.keys(cases).sort()).toEqual([...METHODS].sort());
  });

  describe.each(Object.entries(cases) as Array<[Method, Cases]>)('%s', (method, { accepts, rejects }) => {
    it.each(accepts.map(([p, out]) => [JSON.stringify(p) ?? 'undefined', p, out]))('accepts %s', (_, params, expected) => {
      expect(validateParams(method, params)).toEqual(expected);
    });

    it.each(rejects.map(([p, why]) => [(JSON.stringify(p) ?? 'undefined').slice(0, 80), p, why]))(
      'rejects %s with a clear message',
      (_, params, why) => {
        let error: unknown = null;
        try {
          validateParams(method, params);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(InvalidInput);
        expect((error as Error).message).toMatch(why as RegExp);
      },
    );
  });

  it('hands the handler a copy of only what it checked, never the caller’s object', () => {
    const sent = { paths: ['/music'], watch: true };
    const got = validateParams('importPaths', sent);
    expect(got).not.toBe(sent);
    const patch = validateParams('updateSettings', { window: { width: 800, height: 600, maximized: 'yes' } });
    expect(patch.window?.maximized).toBe(false);
  });

  it('knows the contract’s methods and nothing else', () => {
    for (const m of METHODS) expect(isMethod(m)).toBe(true);
    for (const m of ['constructor', '__proto__', 'toString', 'setMode', 'listTracks', '', 7, null]) expect(isMethod(m)).toBe(false);
  });

  it('the camera-source check the CLI shares trims what it accepts', () => {
    expect(cameraSource(' 0 ')).toBe('0');
    expect(() => cameraSource('')).toThrow(/camera source must be a device number or a video file path/);
  });

  it('an invalid request is answered as invalid-input with the reason and a hint', () => {
    expect(invalidInput('volume must be a number from 0 to 1')).toEqual({
      code: 'invalid-input',
      message: 'Invalid request: volume must be a number from 0 to 1.',
      hint: 'This is a bug in the caller; please report it.',
    });
  });
});
