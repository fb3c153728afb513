/**
 * The demo tracks as 192 kbit/s MP3s, imported and analysed through the app's own library code
 * (the `moodtape library add` command: tags, then analysis on the library's worker pool), and in
 * the same run ffmpeg's single-thread `ebur128=peak=true` scan of the same files. Then the same
 * files once more in this process, analysed stage by stage, for the time each stage takes.
 *   npm run bench:analysis [-- --tracks N] [-- --only offshore,motorway,...] [-- --repeat N]
 * --repeat N: the import and the ffmpeg scan N times in turn (each import into a fresh library), and
 * the ratio of the best of each: on a shared machine one pair alone moves with the load.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { findAppRoot } from '../../src/main/core/paths.js';
import { analyzeFile, type StageTimes } from '../../src/main/library/analysis/analyze.js';
import { defaultPoolSize } from '../../src/main/library/worker-pool.js';
import { readTags } from '../../src/main/library/tags.js';

const { values } = parseArgs({
  options: { tracks: { type: 'string', default: '100' }, only: { type: 'string' }, repeat: { type: 'string', default: '1' } },
});
const repeat = Math.max(1, Number(values.repeat) || 1);
/** --only a,b,c: just these demo tracks (by file name without extension), e.g. to compare with an earlier run on fewer tracks. */
const only = values.only ? new Set(values.only.split(',')) : null;
const root = findAppRoot();
const music = join(root, 'assets/music');
const work = mkdtempSync(join(tmpdir(), 'moodtape-bench-analysis-'));
const dir = join(work, 'mp3');
mkdirSync(dir);

/** GNU time, where installed, gives each command's CPU seconds (all its threads): steadier than wall time on a busy machine. */
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function run(cmd: string, args: string[]): Promise<{ sec: number; cpu: number; out: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = gnuTime
      ? spawn(gnuTime, ['-f', 'moodtape-bench-cpu %U %S', cmd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const cpu = /moodtape-bench-cpu ([\d.]+) ([\d.]+)/.exec(err);
      if (code === 0) resolve({ sec: (performance.now() - t0) / 1000, cpu: cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN, out });
      else reject(new Error(`${cmd} exited ${code}`));
    });
  });
}

try {
  const sources = readdirSync(music)
    .filter((f) => /\.(opus|ogg|mp3|flac|wav|m4a)$/.test(f) && (!only || only.has(f.replace(/\.[^.]+$/, ''))))
    .sort()
    .slice(0, Number(values.tracks));
  const files: string[] = [];
  for (const f of sources) {
    const out = join(dir, f.replace(/\.[^.]+$/, '.mp3'));
    execFileSync('ffmpeg', ['-v', 'error', '-nostdin', '-y', '-i', join(music, f), '-vn', '-c:a', 'libmp3lame', '-b:a', '192k', out]);
    files.push(out);
  }
  let totalSec = 0;
  for (const f of files) {
    const t = await readTags(f);
    if (t.ok) totalSec += t.durationSec;
  }
  console.log(
    `${files.length} tracks, ${(totalSec / 60).toFixed(1)} min of 192 kbit/s MP3; library add runs ${defaultPoolSize()} worker thread(s) ` +
      `(cores - 1, at most 4; ${availableParallelism()} cores here), MusiCNN on 1 thread each`,
  );

  const cli = join(root, 'bin', 'moodtape.js');
  const cpu = (x: number) => (Number.isFinite(x) ? `, ${x.toFixed(1)} s CPU` : '');
  const ratios = (a: { sec: number; cpu: number }, f: { sec: number; cpu: number }) =>
    `${(a.sec / f.sec).toFixed(2)} (goal <= 1.0)${Number.isFinite(a.cpu / f.cpu) ? `; CPU time ratio ${(a.cpu / f.cpu).toFixed(2)}` : ''}`;
  const imports: { sec: number; cpu: number }[] = [];
  const scans: { sec: number; cpu: number }[] = [];
  for (let round = 1; round <= repeat; round++) {
    const app = await run(process.execPath, [cli, 'library', 'add', dir, '--json', '--data-dir', join(work, `data-${round}`)]);
    const ff = { sec: 0, cpu: 0 };
    for (const f of files) {
      const args = ['-hide_banner', '-nostats', '-nostdin', '-threads', '1', '-filter_threads', '1', '-i', f];
      const r = await run('ffmpeg', [...args, '-vn', '-af', 'ebur128=peak=true', '-f', 'null', '-']);
      ff.sec += r.sec;
      ff.cpu += r.cpu;
    }
    imports.push(app);
    scans.push(ff);
    const tag = repeat > 1 ? ` (${round} of ${repeat})` : '';
    console.log(`import + analysis (moodtape library add)${tag}: ${app.sec.toFixed(1)} s${cpu(app.cpu)}`);
    console.log(`ffmpeg ebur128=peak=true, one thread${tag}:      ${ff.sec.toFixed(1)} s${cpu(ff.cpu)}`);
    console.log(`ratio${tag}: ${ratios(app, ff)}`);
  }
  const best = (xs: { sec: number; cpu: number }[]) => ({ sec: Math.min(...xs.map((x) => x.sec)), cpu: Math.min(...xs.map((x) => x.cpu)) });
  if (repeat > 1) {
    const [a, f] = [best(imports), best(scans)];
    console.log(
      `best of ${repeat} each: import ${a.sec.toFixed(1)} s${cpu(a.cpu)}, ffmpeg ${f.sec.toFixed(1)} s${cpu(f.cpu)}; ratio ${ratios(a, f)}`,
    );
  }
  const app = imports[imports.length - 1];

  const stages: StageTimes = { decode: 0, loudness: 0, features: 0, model: 0 };
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (const f of files) {
    const t = await readTags(f);
    await analyzeFile(f, t.ok ? t.durationSec : null, stages);
  }
  const all = (performance.now() - t0) / 1000;
  const used = process.cpuUsage(c0);
  const allCpu = (used.user + used.system) / 1e6;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `in-process, stage by stage (${all.toFixed(1)} s in all, ${allCpu.toFixed(1)} s CPU): decode ${s(stages.decode)}, ` +
      `loudness + true peak ${s(stages.loudness)}, features ${s(stages.features)}, model ${s(stages.model)}`,
  );
  // What the import costs beyond the analysis itself: starting the process, its worker and the model, tags, library writes.
  console.log(
    `import beyond the analysis (library add minus in-process): ${(app.sec - all).toFixed(1)} s${cpu(app.cpu - allCpu)}` +
      ' (measured minutes apart: load changes move it)',
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
