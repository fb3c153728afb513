import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { HistoryService } from '../../src/main/playlists/history.js';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ffmpegLoudness } from '../../src/main/library/analysis/loudness.js';
import { makeMusicFolder, tmp, type MusicFolder } from './helpers/fixtures.js';

const run = promisify(execFile);
// The CLI and its worker, bundled from the sources as scripts/build.mjs does (the tests must not depend on a stale dist/).
const outdir = join(process.cwd(), 'node_modules', '.cache', `moodtape-cli-test-${process.pid}`);
let music: MusicFolder;

beforeAll(async () => {
  mkdirSync(outdir, { recursive: true });
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'esm' as const,
    outdir,
    logLevel: 'warning' as const,
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  };
  await build({ ...common, entryPoints: { cli: 'src/main/cli/index.ts' }, external: ['electron', ...Object.keys(pkg.dependencies)] });
  await build({ ...common, entryPoints: { 'library-worker': 'src/main/library/worker.ts' }, external: ['onnxruntime-node'] });
  music = makeMusicFolder();
});

const cli = (...args: string[]) => run(process.execPath, [join(outdir, 'cli.js'), ...args], { maxBuffer: 16 << 20 });

describe('moodtape CLI: library and analyze', () => {
  it('library add, then list --json prints an array of the tracks; adding again adds nothing', async () => {
    const dataDir = tmp('cli');
    const add = await cli('library', 'add', music.root, '--data-dir', dataDir, '--json');
    const status = JSON.parse(add.stdout);
    expect(status).toMatchObject({ phase: 'idle', added: music.audio.length + 1, skipped: 1 });
    expect(status.problems.map((p: { kind: string }) => p.kind)).toEqual(expect.arrayContaining(['symlink-loop', 'corrupt']));
    const list = JSON.parse((await cli('library', 'list', '--json', '--data-dir', dataDir)).stdout);
    expect(Array.isArray(list)).toBe(true);
    expect(list).toHaveLength(music.audio.length + 1);
    for (const t of list) {
      expect(t).toMatchObject({
        origin: 'user',
        id: expect.stringMatching(/^u-/),
        title: expect.any(String),
        valence: expect.any(Number),
        arousal: expect.any(Number),
      });
      expect(JSON.stringify(t)).not.toContain(music.root);
    }
    const again = JSON.parse((await cli('library', 'add', music.root, '--data-dir', dataDir, '--json')).stdout);
    expect(again).toMatchObject({ added: 0, analysed: 0, unchanged: music.audio.length + 1 });
    const human = await cli('library', 'list', '--data-dir', dataDir);
    expect(human.stdout).toMatch(/Tag Artist - Tagged Tune \[Tag Album\]/);
    // Tracks are described by music moods: the list names them, and --mood picks one (a face emotion is refused).
    expect(human.stdout).toMatch(/Tagged Tune \[Tag Album\]: (joyful|energetic|tense|dark|melancholic|calm|tender) \(valence/);
    const mood = list.find((t: { title: string }) => t.title === 'Tagged Tune').musicMood;
    const some = JSON.parse((await cli('library', 'list', '--json', '--mood', mood, '--data-dir', dataDir)).stdout);
    expect(some.length).toBeGreaterThan(0);
    expect(some.every((t: { musicMood: string }) => t.musicMood === mood)).toBe(true);
    const refused = await cli('library', 'list', '--mood', 'happy', '--data-dir', dataDir).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/"happy" is not a music mood: --mood takes one of joyful, energetic/);
  });

  it('analyze --json gives tempo, key, mode, energy, valence and arousal in range', async () => {
    const { stdout } = await cli('analyze', music.audio[0], '--json');
    const a = JSON.parse(stdout);
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['tempo', 'key', 'mode', 'energy', 'valence', 'arousal', 'musicMood']));
    expect(a.tempo).toBeGreaterThan(120);
    expect(a.mode).toBe('major');
    for (const k of ['valence', 'arousal']) expect(Math.abs(a[k])).toBeLessThanOrEqual(1);
    expect(a.energy).toBeGreaterThanOrEqual(0);
    expect(a.energy).toBeLessThanOrEqual(1);
  });

  it("analyze --json prints loudnessLufs and gainDb that agree with ffmpeg's ebur128 on real music", async () => {
    const file = join('assets', 'music', 'motorway.opus');
    const [{ stdout }, ref] = await Promise.all([cli('analyze', file, '--json'), ffmpegLoudness(file)]);
    const a = JSON.parse(stdout);
    expect(Math.abs(a.loudnessLufs - ref.integratedLufs)).toBeLessThan(1);
    // Toward -18 LUFS, but never past -1 dBTP.
    expect(a.gainDb).toBeCloseTo(Math.min(-18 - a.loudnessLufs, -1 - a.truePeakDb), 1);
  });

  it('analyze of a fake audio file fails with a clear message', async () => {
    const err = await cli('analyze', music.fake, '--json').catch((e) => e);
    expect(err.code).toBe(1);
    expect(JSON.parse(err.stdout).error.message).toMatch(/not audio/);
  });
});

describe('moodtape CLI: playlists and history', () => {
  it('imports an M3U8 from another player (relative path, file:// URL, one missing), lists it, exports it, imports it back into a fresh data folder', async () => {
    const [a, b] = music.audio;
    const listDir = tmp('m3u');
    const m3u = join(listDir, 'Mix.m3u8');
    writeFileSync(
      m3u,
      `\uFEFF#EXTM3U\r\n#EXTINF:8,Someone - A\r\n${relative(listDir, a)}\r\n#EXTINF:-1,Someone - B\r\n${pathToFileURL(b).href}\r\n# gone\r\n#EXTINF:100,Nobody - Lost\r\nlost/never-there.mp3\r\n`,
    );
    const dataDir = tmp('cli-pl');
    const imported = JSON.parse((await cli('playlist', 'import', m3u, '--json', '--data-dir', dataDir)).stdout);
    expect(imported).toMatchObject({ matched: 2, imported: 2, playlist: { name: 'Mix' } });
    expect(imported.missing).toEqual([{ entry: 'lost/never-there.mp3', reason: 'no such file' }]);

    const list = JSON.parse((await cli('playlist', 'list', '--json', '--data-dir', dataDir)).stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ name: 'Mix', trackIds: imported.playlist.trackIds });

    const out = join(music.root, 'exported.m3u8');
    await cli('playlist', 'export', 'Mix', out, '--data-dir', dataDir);
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('#EXTM3U\n#EXTINF:')).toBe(true);
    // Inside the playlist's folder the paths are relative.
    expect(text).toContain(`\n${relative(music.root, a)}\n`);
    expect(text).not.toContain(music.root);

    const fresh = tmp('cli-pl2');
    const back = JSON.parse((await cli('playlist', 'import', out, '--name', 'Back', '--json', '--data-dir', fresh)).stdout);
    expect(back).toMatchObject({ matched: 2, imported: 2, missing: [], playlist: { name: 'Back' } });
    expect(basename(out)).toBe('exported.m3u8');
  }, 120_000);

  it('history --json prints what played, newest first', async () => {
    const dataDir = tmp('cli-hist');
    const { history } = HistoryService.open(dataDir);
    const entry = {
      trackId: 'offshore',
      title: 'Offshore',
      artist: 'K-Pone',
      playedSec: 12.5,
      mood: 'happy' as const,
      source: 'mood: happy',
    };
    history.record({ ...entry, startedAt: 1000, skipped: true });
    history.record({ ...entry, startedAt: 2000, skipped: false, playedSec: 189 });
    const out = JSON.parse((await cli('history', '--json', '--data-dir', dataDir)).stdout);
    expect(out).toEqual([
      { ...entry, startedAt: 2000, skipped: false, playedSec: 189 },
      { ...entry, startedAt: 1000, skipped: true },
    ]);
  });
});
