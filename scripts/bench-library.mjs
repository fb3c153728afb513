#!/usr/bin/env node
// Music library benchmark (prints numbers; not a timed test). Needs `npm run build` and ffmpeg.
//   node scripts/bench-library.mjs [--files 10000] [--tracks 60] [--track-sec 240]
// 1. Import of --files small tagged MP3s (tags only, no analysis), through the real CLI.
// 2. Analysis throughput and memory: --tracks full-length MP3s analysed by the library's worker(s);
//    the process's resident memory is sampled all along.
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    tracks: { type: 'string', default: '60' },
    'track-sec': { type: 'string', default: '240' },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'bin', 'moodtape.js');
const work = mkdtempSync(join(tmpdir(), 'moodtape-bench-'));
const ffmpeg = (...args) => execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', ...args]);

/** Runs the CLI, sampling its RSS (main thread + workers: one process) every 250 ms. */
function runCli(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    const rss = [];
    const timer = setInterval(() => {
      try {
        const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
        if (kb) rss.push({ t: (performance.now() - t0) / 1000, mb: kb / 1024 });
      } catch {
        /* process gone */
      }
    }, 250);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`moodtape ${args.join(' ')} exited ${code}`));
      resolve({ sec: (performance.now() - t0) / 1000, status: JSON.parse(out), rss });
    });
  });
}

try {
  // 1. Import
  const files = Number(values.files);
  const seed = join(work, 'seed.mp3');
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=1',
    '-metadata',
    'title=Bench',
    '-metadata',
    'artist=Bench Artist',
    '-b:a',
    '64k',
    seed,
  );
  const lib = join(work, 'many');
  for (let i = 0; i < files; i++) {
    const dir = join(lib, `album-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(dir, { recursive: true });
    copyFileSync(seed, join(dir, `${String(i % 100).padStart(2, '0')} - Artist - Track ${i}.mp3`));
  }
  const data1 = join(work, 'data-import');
  const imp = await runCli(['library', 'add', lib, '--no-analysis', '--json', '--data-dir', data1]);
  console.log(
    `import: ${imp.status.added} files (tags only) in ${imp.sec.toFixed(1)} s = ${(imp.status.added / imp.sec).toFixed(0)} files/s (target: 10,000 in < 30 s); peak RSS ${Math.max(...imp.rss.map((r) => r.mb)).toFixed(0)} MB`,
  );
  const again = await runCli(['library', 'add', lib, '--no-analysis', '--json', '--data-dir', data1]);
  console.log(
    `re-import of the same folder: ${again.status.added} added, ${again.status.unchanged} unchanged, in ${again.sec.toFixed(1)} s`,
  );

  // 2. Analysis
  const tracks = Number(values.tracks);
  const sec = Number(values['track-sec']);
  const song = join(work, 'song.mp3');
  // A dense, changing signal (chords, noise bursts) so decoding and analysis do real work.
  ffmpeg(
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=220:duration=${sec}`,
    '-f',
    'lavfi',
    '-i',
    `anoisesrc=d=${sec}:c=pink:a=0.1`,
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=330:duration=${sec}`,
    '-filter_complex',
    'amix=inputs=3,volume=2',
    '-ac',
    '2',
    '-ar',
    '44100',
    '-b:a',
    '192k',
    song,
  );
  const dir = join(work, 'songs');
  mkdirSync(dir);
  for (let i = 0; i < tracks; i++) copyFileSync(song, join(dir, `song-${i}.mp3`));
  const an = await runCli(['library', 'add', dir, '--json', '--data-dir', join(work, 'data-analysis')]);
  const workers = Math.max(1, Math.min(4, availableParallelism() - 1));
  const perMin = (an.status.analysed / an.sec) * 60;
  console.log(
    `analysis: ${an.status.analysed} tracks of ${sec} s (MP3 192k stereo) in ${an.sec.toFixed(1)} s with ${workers} worker thread(s) = ${perMin.toFixed(0)} tracks/min, ${(perMin / workers).toFixed(0)} per minute per core (target >= 30)`,
  );
  const pick = (f) => an.rss[Math.min(an.rss.length - 1, Math.floor(f * (an.rss.length - 1)))]?.mb.toFixed(0);
  console.log(
    `memory while analysing (RSS, MB) at 10% / 25% / 50% / 75% / 100% of the run: ${[0.1, 0.25, 0.5, 0.75, 1].map(pick).join(' / ')}`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
