/**
 * Two Moodtapes on one data folder would overwrite each other's playlists and corrections. Real
 * processes (`moodtape serve`): the second one says which process holds the folder and exits
 * non-zero; a lock left by a process that died is taken over; a clean stop leaves no lock.
 * The built CLI is needed (npm run build; built here when missing).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import { DataFolderInUse, LOCK_NAME } from '../../src/main/core/data-lock.js';
import { root, testApp, until } from './helpers.js';

const cli = join(root, 'bin', 'moodtape.js');
const children: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'main', 'cli.js')) || !existsSync(join(root, 'dist', 'renderer', 'index.html'))) {
    const built = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('npm run build failed');
  }
}, 180_000);

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

interface Run {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function serve(dataDir: string): Run {
  const child = spawn(process.execPath, [cli, 'serve', '--data-dir', dataDir, '--port', '0', '--camera', '7'], {
    cwd: root,
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, out: () => out, exited };
}

const running = (r: Run) => until(() => /127\.0\.0\.1:\d+\/\?token=/.test(r.out()), 'serve to print its address', 60_000);

describe('one Moodtape per data folder', () => {
  it('a second serve on the same folder names the process that holds it and exits non-zero; the first goes on', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-lock-'));
    const a = serve(dir);
    await running(a);
    const owner = JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8'));
    expect(owner).toMatchObject({ pid: a.child.pid, what: 'moodtape serve' });

    const b = serve(dir);
    const code = await b.exited;
    expect(code).not.toBe(0);
    expect(b.out()).toMatch(new RegExp(`Another Moodtape is already using the data folder .*moodtape serve \\(process ${a.child.pid}`));
    expect(b.out()).not.toMatch(/at .*\.js:\d+/); // a message, not a stack trace
    expect(a.child.exitCode).toBeNull();

    // The app in this process is refused too (as the desktop app would be beside serve mode).
    await expect(
      createMoodtape({ assetsDir: join(root, 'assets'), dataDir: dir, version: 'test', cameraSource: '7' }),
    ).rejects.toBeInstanceOf(DataFolderInUse);

    a.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });

  it('a lock left by a process that died is stale: the next start takes it over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-lock-'));
    const a = serve(dir);
    await running(a);
    a.child.kill('SIGKILL');
    await a.exited;
    expect(existsSync(join(dir, LOCK_NAME))).toBe(true);

    const b = serve(dir);
    await running(b);
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8')).pid).toBe(b.child.pid);
    b.child.kill('SIGTERM');
    await b.exited;
  });

  it('a damaged lock file (no owner in it) is taken over too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'moodtape-lock-'));
    writeFileSync(join(dir, LOCK_NAME), '');
    const app = await testApp(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_NAME), 'utf8')).pid).toBe(process.pid);
    await app.dispose();
    expect(existsSync(join(dir, LOCK_NAME))).toBe(false);
  });
});
