import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeFile } from '../../src/main/library/analysis/analyze.js';
import { logMel, logMelPatches, MEL_BANDS, PATCH_FRAMES, patches } from '../../src/main/library/analysis/mel.js';
import { MUSIC_MODEL_FILE, musicModel } from '../../src/main/library/analysis/music-model.js';
import { makeMusicFolder, tmp } from './helpers/fixtures.js';

/** Written by training/musicnn/convert.py: the PyTorch port's outputs and the Python front end's log-mel. */
const fixture = JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/musicnn-parity.json'), 'utf8')) as {
  tags: number[][];
  embedding: number[][];
  logMel: number[][];
};

const maxDiff = (a: ArrayLike<number>, b: number[]) => b.reduce((m, v, i) => Math.max(m, Math.abs(a[i] - v)), 0);

describe('the music model (MusiCNN in ONNX Runtime)', () => {
  it("gives the PyTorch port's tags and embedding for the same input", async () => {
    // The fixture's input, rebuilt from its formula: x[k][t][m] = 2 + sin(0.37 t + 0.11 m + k) + 0.5 cos(0.05 t (k + 1) - 0.3 m).
    const count = 2;
    const x = new Float32Array(count * PATCH_FRAMES * MEL_BANDS);
    for (let k = 0; k < count; k++)
      for (let t = 0; t < PATCH_FRAMES; t++)
        for (let m = 0; m < MEL_BANDS; m++)
          x[(k * PATCH_FRAMES + t) * MEL_BANDS + m] = 2 + Math.sin(0.37 * t + 0.11 * m + k) + 0.5 * Math.cos(0.05 * t * (k + 1) - 0.3 * m);
    const model = await musicModel();
    for (let k = 0; k < count; k++) {
      const one = await model.embed(x.subarray(k * PATCH_FRAMES * MEL_BANDS, (k + 1) * PATCH_FRAMES * MEL_BANDS), 1);
      expect(maxDiff(one.tags, fixture.tags[k])).toBeLessThan(1e-4);
      expect(maxDiff(one.embedding, fixture.embedding[k])).toBeLessThan(1e-3);
    }
  });

  it('computes the same log-mel spectrogram as the Python front end', () => {
    const y = new Float32Array(8000);
    for (let i = 0; i < y.length; i++) {
      const t = i / 16000;
      y[i] =
        0.3 * Math.sin(2 * Math.PI * 220 * t) * (1 + Math.sin(2 * Math.PI * 2 * t)) +
        0.1 * Math.sin(2 * Math.PI * 3157 * t) +
        0.05 * Math.sin(2 * Math.PI * 6011 * t * t);
    }
    const mel = logMel(y);
    expect(mel.frames).toBe(fixture.logMel.length);
    let worst = 0;
    fixture.logMel.forEach((row, f) => (worst = Math.max(worst, maxDiff(mel.data.subarray(f * MEL_BANDS, (f + 1) * MEL_BANDS), row))));
    expect(worst).toBeLessThan(2e-3);
  });
});

describe('the patches the music model hears', () => {
  it('are the same numbers whether every frame of the excerpt is computed or only the patches', () => {
    // A minute of 16 kHz audio (the excerpt), and lengths around one patch and at the edges.
    const signal = (n: number) => {
      const y = new Float32Array(n);
      for (let i = 0; i < n; i++) y[i] = 0.3 * Math.sin(0.07 * i + 0.00001 * i * i) + 0.2 * Math.sin(i * (0.3 + 0.1 * Math.sin(i / 9000)));
      return y;
    };
    for (const [n, max] of [
      [60 * 16000, 6],
      [30 * 16000, 20],
      [186 * 256, 6],
      [187 * 256, 6],
      [400 * 256 + 17, 6],
      [100, 6],
    ]) {
      const y = signal(n);
      const want = patches(logMel(y), max);
      const got = logMelPatches(y, max);
      expect(got.count).toBe(want.count);
      expect(got.data).toEqual(want.data);
    }
  });
});

describe('analysis failures', () => {
  const saved = process.env.MOODTAPE_ASSETS;
  afterEach(() => {
    if (saved === undefined) delete process.env.MOODTAPE_ASSETS;
    else process.env.MOODTAPE_ASSETS = saved;
  });

  it('a missing or damaged music model fails the analysis with that reason, and a good one works again', async () => {
    const folder = makeMusicFolder();
    const track = folder.audio.find((p) => p.endsWith('.flac'))!;
    const assets = tmp('assets');
    mkdirSync(join(assets, 'models'));
    process.env.MOODTAPE_ASSETS = assets;
    await expect(analyzeFile(track, 4)).rejects.toThrow(/music mood model is missing/);
    writeFileSync(join(assets, 'models', MUSIC_MODEL_FILE), Buffer.alloc(4096, 7));
    await expect(analyzeFile(track, 4)).rejects.toThrow(/music mood model is damaged/);
    copyFileSync(join(process.cwd(), 'assets/models', MUSIC_MODEL_FILE), join(assets, 'models', MUSIC_MODEL_FILE));
    const a = await analyzeFile(track, 4);
    expect(Number.isFinite(a.valence) && Number.isFinite(a.arousal)).toBe(true);
  });

  it('a damaged audio file fails cleanly with a reason', async () => {
    const dir = tmp('damaged');
    const good = join(dir, 'good.mp3');
    execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', 'anoisesrc=duration=8:color=pink', '-b:a', '128k', good]);
    const bytes = readFileSync(good);
    // The header survives, the audio after it is noise bytes: no frame decodes.
    const garbage = Buffer.from(bytes);
    for (let i = 2048; i < garbage.length; i++) garbage[i] = (i * 7919) & 0xff;
    writeFileSync(join(dir, 'garbage.mp3'), garbage);
    writeFileSync(join(dir, 'cut.mp3'), bytes.subarray(0, 1500));
    for (const f of ['garbage.mp3', 'cut.mp3']) {
      await expect(analyzeFile(join(dir, f), 8)).rejects.toMatchObject({ kind: 'corrupt', message: expect.stringMatching(/audio/) });
    }
  });
});

describe('the library without its music model', () => {
  const saved = process.env.MOODTAPE_ASSETS;
  afterEach(() => {
    if (saved === undefined) delete process.env.MOODTAPE_ASSETS;
    else process.env.MOODTAPE_ASSETS = saved;
  });

  it('still imports the music: each track is marked not analysed, with the reason', async () => {
    const assets = tmp('no-model');
    mkdirSync(join(assets, 'models'));
    process.env.MOODTAPE_ASSETS = assets;
    const { LibraryService } = await import('../../src/main/library/library.js');
    const { Catalogue } = await import('../../src/main/library/catalogue.js');
    const { DEFAULT_SETTINGS } = await import('../../src/shared/contract.js');
    const music = makeMusicFolder();
    const { library } = LibraryService.open({
      dataDir: tmp('lib-no-model'),
      demo: new Catalogue(join(process.cwd(), 'assets', 'music')),
      settings: () => DEFAULT_SETTINGS,
      updateSettings: () => {},
      emit: () => {},
      workers: 1,
      watch: false,
    });
    try {
      await library.start();
      library.importPaths([music.root]);
      const s = await library.whenIdle();
      expect(s.added).toBeGreaterThanOrEqual(music.audio.length);
      expect(s.problems.some((p) => /music mood model is missing/.test(p.message))).toBe(true);
      const mine = library.userTracks();
      expect(mine.length).toBeGreaterThanOrEqual(music.audio.length);
      expect(mine.find((t) => t.title === 'Tagged Tune')?.durationSec).toBeGreaterThan(3.5);
    } finally {
      await library.close();
    }
  });
});
