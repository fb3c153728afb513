/**
 * Start-up faults: a store file Moodtape may not read (left in place, called unreadable, not
 * damaged), a read-only data folder (said plainly, no raw EROFS), and temp files a crash left.
 * Permission faults need a second user: the CLI runs as `nobody` where the tests run as root
 * (root reads every file); the read-only folder is a real read-only tmpfs. Skipped, with the
 * reason, where that cannot be done.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import { DataFolderNotWritable } from '../../src/main/core/data-lock.js';
import { root, smallDisk, testApp, type SmallDisk } from './helpers.js';

const cli = join(root, 'bin', 'moodtape.js');
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'main', 'cli.js')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
}, 180_000);

/** Runs the CLI (as `uid` when given) and collects what it printed. */
function run(args: string[], uid?: number): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, ...(uid === undefined ? {} : { uid, gid: uid }) });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, out })));
}

describe.skipIf(!asRoot)('a store file Moodtape may not read (as another user)', () => {
  it('is called unreadable, left in place untouched, and the rest starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-perm-'));
    chmodSync(dir, 0o777);
    const playlists = JSON.stringify({ playlists: [{ id: 'p-1', name: 'Mine', trackIds: [], createdAt: 1, updatedAt: 1 }] });
    for (const name of ['playlists', 'settings', 'history']) {
      writeFileSync(join(dir, `${name}.json`), name === 'playlists' ? playlists : '{}', { mode: 0o600 });
    }
    const r = await run(['playlist', 'list', '--data-dir', dir], NOBODY);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/saved playlists file \(playlists\.json\) cannot be read \(EACCES\); it is left as it is/);
    expect(r.out).toMatch(/settings file \(settings\.json\) cannot be read \(EACCES\)/);
    expect(r.out).toMatch(/listening history file \(history\.json\) cannot be read \(EACCES\)/);
    expect(r.out).not.toMatch(/damaged/);
    expect(readFileSync(join(dir, 'playlists.json'), 'utf8')).toBe(playlists);
    expect(readdirSync(dir).filter((f) => /corrupt|backup/.test(f))).toEqual([]);
  });
});

const disk = smallDisk(64, 'ro');
const roSkip = 'reason' in disk ? disk.reason : null;
if (roSkip) console.warn(`read-only data folder faults skipped: ${roSkip}`);
afterAll(() => {
  if (!('reason' in disk)) disk.unmount();
});

describe.skipIf(roSkip !== null)('a read-only data folder', () => {
  it('serve says so and exits non-zero, no raw EROFS', async () => {
    const dir = (disk as SmallDisk).dir;
    const r = await run(['serve', '--data-dir', dir, '--port', '0', '--camera', '7']);
    expect(r.code).not.toBe(0);
    expect(r.out).toContain(`Moodtape cannot write to its data folder ${dir}: it is on a read-only file system (EROFS)`);
    expect(r.out).not.toMatch(/EROFS: read-only file system, /);
    const sub = await run(['serve', '--data-dir', join(dir, 'new'), '--port', '0', '--camera', '7']);
    expect(sub.code).not.toBe(0);
    expect(sub.out).toMatch(/Moodtape cannot create its data folder .*new/);
  });

  it('the app (as the desktop starts it) is refused with the same clear error', async () => {
    const dir = (disk as SmallDisk).dir;
    await expect(createMoodtape({ assetsDir: join(root, 'assets'), dataDir: dir, version: 'test', cameraSource: '7' })).rejects.toThrow(
      DataFolderNotWritable,
    );
  });
});

describe('temp files left by a crash', () => {
  it('are removed at start; other files are not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-leftovers-'));
    const leftovers = ['settings.json.tmp-1733390000a1b2c3', 'library.json.tmp-17333900009f9f9f', 'playlists.json.bom-4242'];
    const keep = ['notes.tmp-1', 'library.json.tmp-mine', 'settings.corrupt-2026.json'];
    for (const f of [...leftovers, ...keep]) writeFileSync(join(dir, f), 'x');
    const app = await testApp(dir);
    try {
      const now = readdirSync(dir);
      for (const f of leftovers) expect(now).not.toContain(f);
      for (const f of keep) expect(now).toContain(f);
    } finally {
      await app.dispose();
    }
  });
});
