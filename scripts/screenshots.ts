/**
 * The README's screenshots: the app in serve mode in Chromium, a mood picked by hand and music
 * playing, in the dark and the light theme (the OS preference), and at 800x600. Needs `npm run build`.
 *   node scripts/screenshots.mjs [--out docs]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { findAppRoot } from '../src/main/core/paths.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs' } } });
const root = findAppRoot();
const out = resolve(root, values.out);
const dataDir = mkdtempSync(join(tmpdir(), 'moodtape-shots-'));
const server = spawn(
  process.execPath,
  [join(root, 'bin/moodtape.js'), 'serve', '--camera', '/nonexistent/camera.mp4', '--port', '0', '--data-dir', dataDir],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise<string>((res, rej) => {
  let text = '';
  server.stdout!.setEncoding('utf8').on('data', (d: string) => {
    text += d;
    const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(text);
    if (m) res(m[0]);
  });
  server.once('exit', () => rej(new Error('moodtape serve exited')));
});
const browser = await chromium.launch({
  executablePath: process.env.MOODTAPE_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
try {
  const shots: { file: string; scheme: 'dark' | 'light'; width: number; height: number }[] = [
    { file: 'screenshot.png', scheme: 'dark', width: 1280, height: 800 },
    { file: 'screenshot-light.png', scheme: 'light', width: 1280, height: 800 },
    { file: 'screenshot-800x600.png', scheme: 'dark', width: 800, height: 600 },
  ];
  for (const [i, s] of shots.entries()) {
    const context = await browser.newContext({ viewport: { width: s.width, height: s.height }, colorScheme: s.scheme });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('[data-testid="manual-mood-happy"]').waitFor({ timeout: 30_000 });
    if (i === 0) await page.locator('[data-testid="manual-mood-happy"]').click();
    else if ((await page.locator('[data-testid="play"]').count()) > 0) await page.locator('[data-testid="play"]').click();
    await page.locator('[data-testid="pause"]').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2500);
    await page.mouse.move(1, 1);
    await page.screenshot({ path: join(out, s.file) });
    console.log(`wrote ${join(out, s.file)}`);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
