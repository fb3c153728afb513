/**
 * Cover art: a track with an embedded picture shows it in the library and, once playing, in the
 * now-playing view; a track without one shows none (no broken image). On the desktop transport the
 * pictures come through the media scheme, which the page's own CSP must allow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIDEO } from './helpers/paths.js';
import { sessionForBlock } from './helpers/session.js';
import { diskDataTransfer } from './helpers/transport.js';
import { byTestId, text } from './helpers/ui.js';
import { ffmpeg } from '../test/helpers/audio.js';

const row = (page: Page, title: string) =>
  byTestId(page, 'library-row').filter({ has: page.locator(`[data-testid="library-title"]:text-is("${title}")`) });

/** The picture's decoded width, 0 while it has none (not loaded, refused, or an error). */
const shownWidth = (img: Locator) =>
  img.evaluate((el) => {
    const i = el as unknown as { naturalWidth: number; complete: boolean; hidden: boolean };
    return i.complete && !i.hidden ? i.naturalWidth : 0;
  });

describe('cover art', () => {
  const session = sessionForBlock(VIDEO.missing);
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'moodtape-e2e-covers-'));
    ffmpeg('-f', 'lavfi', '-i', 'color=c=0xff8800:s=48x48:d=1', '-frames:v', '1', join(dir, 'cover.png'));
    ffmpeg(
      ...['-f', 'lavfi', '-i', 'sine=frequency=330:duration=4', '-i', join(dir, 'cover.png')],
      ...['-map', '0:a', '-map', '1:v', '-c:a', 'libmp3lame', '-c:v', 'png', '-disposition:v', 'attached_pic'],
      ...['-id3v2_version', '3', '-metadata:s:v', 'comment=Cover (front)', '-metadata', 'title=Orange Cover'],
      join(dir, 'with_cover.mp3'),
    );
    ffmpeg(
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=220:duration=4',
      '-c:a',
      'libopus',
      '-metadata',
      'title=No Picture',
      join(dir, 'plain.opus'),
    );
    rmSync(join(dir, 'cover.png'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows the embedded picture in the library, and none for a track without one', async () => {
    const { page } = session();
    const dataTransfer = await diskDataTransfer(page, [join(dir, 'with_cover.mp3'), join(dir, 'plain.opus')]);
    await page.dispatchEvent('main', 'dragenter', { dataTransfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer });
    await byTestId(page, 'import-summary').waitFor({ timeout: 120_000 });
    expect(await text(page, 'import-summary')).toMatch(/2 added/);

    await byTestId(page, 'library-origin').selectOption('user');
    await expect.poll(() => row(page, 'Orange Cover').count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => shownWidth(row(page, 'Orange Cover').locator('[data-testid="library-cover"]')), { timeout: 30_000 }).toBe(48);
    await expect.poll(() => row(page, 'No Picture').count(), { timeout: 30_000 }).toBe(1);
    // Its picture request answers 404, and the row drops the picture rather than show a broken one.
    await expect.poll(() => row(page, 'No Picture').locator('[data-testid="library-cover"]').count(), { timeout: 30_000 }).toBe(0);
  });

  it('shows it in the now-playing view while the track plays', async () => {
    const { page } = session();
    await row(page, 'Orange Cover').locator('[data-testid="library-play"]').click();
    await expect.poll(() => text(page, 'now-playing-title'), { timeout: 30_000 }).toBe('Orange Cover');
    const cover = byTestId(page, 'now-playing-cover');
    await expect.poll(() => shownWidth(cover), { timeout: 30_000 }).toBe(48);
    await expect.poll(() => cover.evaluate((el) => el.classList.contains('shown')), { timeout: 10_000 }).toBe(true);
  });

  it('met no CSP violation or page error', async () => {
    await session().expectNoProblems();
  });
});
