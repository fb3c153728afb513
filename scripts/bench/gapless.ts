/**
 * The gap between one track's end and the next one's start, measured in Chromium on the real app in
 * serve mode (prints numbers; not a test). Four short tracks of one album (gapless handover), then
 * two of other albums (the plain "start on end" path), all made here with ffmpeg. Needs `npm run build`.
 *   npm run bench:gapless [-- --runs 2]
 * For each handover: when track A's element fired `ended`, how far the next element already was
 * (a negative gap: they overlapped by that much), or else how long until it fired `playing`.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { findAppRoot } from '../../src/main/core/paths.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } });
const root = findAppRoot();
const work = mkdtempSync(join(tmpdir(), 'moodtape-gapless-'));
const music = join(work, 'music');
const dataDir = join(work, 'data');
mkdirSync(music);
mkdirSync(dataDir);

const TRACKS = [
  { n: 1, album: 'Bench Album', hz: 330 },
  { n: 2, album: 'Bench Album', hz: 392 },
  { n: 3, album: 'Bench Album', hz: 440 },
  { n: 4, album: 'Bench Album', hz: 494 },
  { n: 5, album: 'Other One', hz: 523 },
  { n: 6, album: 'Other Two', hz: 587 },
];
for (const t of TRACKS) {
  execFileSync('ffmpeg', [
    '-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', `sine=frequency=${t.hz}:duration=6`,
    '-c:a', 'libopus', '-b:a', '96k',
    '-metadata', `title=Bench ${t.n}`, '-metadata', 'artist=Bench Artist', '-metadata', `album=${t.album}`, '-metadata', `track=${t.n}`,
    join(music, `bench-${t.n}.opus`),
  ]); // prettier-ignore
}
const cli = join(root, 'bin', 'moodtape.js');
execFileSync(process.execPath, [cli, 'library', 'add', music, '--data-dir', dataDir, '--no-analysis', '--json'], { stdio: 'ignore' });

const server = spawn(process.execPath, [cli, 'serve', '--camera', '/nonexistent/camera.mp4', '--port', '0', '--data-dir', dataDir], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  server.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out);
    if (m) resolve(m[0]);
  });
  server.once('exit', () => reject(new Error('moodtape serve exited')));
});

// Runs in the page before its scripts: a timeline of every audio element's `playing` and `ended`.
const WATCH = `
  window.__gap = [];
  const els = [];
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    if (!els.includes(this)) {
      els.push(this);
      this.addEventListener('playing', () => window.__gap.push({ kind: 'playing', src: this.currentSrc, t: performance.now() }));
      this.addEventListener('ended', () => window.__gap.push({
        kind: 'ended', src: this.currentSrc, t: performance.now(),
        others: els.filter((e) => e !== this && !e.paused).map((e) => ({ src: e.currentSrc, ct: e.currentTime })),
      }));
    }
    return play.call(this);
  };
`;

type Ev = { kind: 'playing' | 'ended'; src: string; t: number; others?: { src: string; ct: number }[] };

const browser = await chromium.launch({
  executablePath: process.env.MOODTAPE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
const gapless: number[] = [];
const plain: number[] = [];
try {
  for (let run = 0; run < Number(values.runs); run++) {
    const page = await (await browser.newContext()).newPage();
    await page.addInitScript({ content: WATCH });
    await page.goto(url);
    await page.locator('[data-testid="library-search"]').fill('Bench');
    // (Locators, not waitForFunction: the page's CSP allows no eval.)
    const nowPlaying = (n: number) => page.locator(`[data-testid="now-playing-title"]:text-is("Bench ${n}")`).waitFor({ timeout: 30_000 });
    const row = (n: number) => page.locator('[data-testid="library-row"]', { hasText: `Bench ${n}` }).first();
    await row(1).waitFor({ timeout: 30_000 });
    if ((await page.locator('[data-testid="playlist-item"]').count()) > 0) await page.locator('[data-testid="clear-queue"]').click();
    const idOf = new Map<string, number>();
    for (const t of TRACKS) idOf.set((await row(t.n).getAttribute('data-track-id'))!, t.n);
    const numberOf = (src: string) => idOf.get(decodeURIComponent(/\/media\/([^?]+)/.exec(src)?.[1] ?? '')) ?? NaN;
    await row(1).locator('[data-testid="library-play"]').click();
    for (const t of TRACKS.slice(1)) await row(t.n).locator('[data-testid="library-queue"]').click();
    for (let i = 0; i < TRACKS.length - 1; i++) {
      await nowPlaying(i + 1);
      await page.locator('[data-testid="pause"]').waitFor();
      await page.waitForTimeout(500);
      // Skip to three seconds before the end (the seek slider, as a user would drag it).
      await page.evaluate(`(() => {
        const input = document.querySelector('[data-testid="seek"]');
        input.value = String(Number(input.max) - 3);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      })()`);
    }
    await nowPlaying(6);
    await page.waitForTimeout(500);
    const events = (await page.evaluate('window.__gap')) as Ev[];
    const ends = events.filter((e) => e.kind === 'ended');
    for (const end of ends) {
      const n = numberOf(end.src);
      const next = TRACKS.find((t) => t.n === n + 1);
      if (!next) continue;
      // The next track's element: the first 'playing' of its source at or before this end, else after it.
      const isNext = (e: Ev) => e.kind === 'playing' && numberOf(e.src) === next.n;
      const started = events.filter(isNext).sort((x, y) => Math.abs(x.t - end.t) - Math.abs(y.t - end.t))[0];
      const overlap = end.others?.find((o) => numberOf(o.src) === next.n && o.ct > 0);
      // Already under way when A ended: the overlap, from its own clock; otherwise the wait until it played.
      const gap = overlap ? -overlap.ct * 1000 : started ? started.t - end.t : NaN;
      (TRACKS[n - 1].album === next.album ? gapless : plain).push(gap);
      console.log(
        `run ${run + 1}: Bench ${n} -> Bench ${next.n} (${TRACKS[n - 1].album === next.album ? 'same album' : 'other album'}): gap ${gap.toFixed(1)} ms`,
      );
    }
    await page.context().close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}
const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const f = (a: number[]) =>
  `mean ${mean(a).toFixed(1)} ms, max ${Math.max(...a).toFixed(1)} ms, min ${Math.min(...a).toFixed(1)} ms (${a.length} handovers)`;
console.log(`\nsame album (gapless handover): ${f(gapless)}`);
console.log(`different albums (next track started on 'ended'): ${f(plain)}`);
console.log('A negative gap is an overlap: the next track was already that far in when the previous one ended.');
