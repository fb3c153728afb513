/**
 * Faults importing survives: in serve mode a dropped file's bytes are uploaded (POST /import)
 * before the library imports the saved copy. Racing uploads, odd names, full or read-only disks
 * and clients that give up each get a clear answer and leave nothing half-written behind. Imports
 * never wander into /proc, /sys or /dev, stay under home and the added folders in serve mode, and
 * can be cancelled.
 */
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { basename, join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Moodtape } from '../../src/main/app/types.js';
import type { ImportStatus } from '../../src/shared/contract.js';
import { tmp } from '../library/helpers/fixtures.js';
import { upbeat, wav } from '../library/helpers/synth.js';
import { httpRequest, startServed, testApp, until, type Served } from './helpers.js';
import type { OpenUploadFile } from '../../src/main/serve/upload.js';

let s: Served;
/** What the next uploads' temp files do; null: a normal file. */
let disk: OpenUploadFile | null = null;
beforeAll(async () => {
  s = await startServed({ openUploadFile: (path) => (disk ?? ((p) => createWriteStream(p, { flags: 'wx' })))(path) });
});
afterAll(async () => {
  await s.close();
});

const upload = (name: string, body: Buffer | string) =>
  httpRequest(s.server.port, `/import?token=${s.server.token}&name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/octet-stream' },
  });
const leftovers = () => (existsSync(s.importDir) ? readdirSync(s.importDir).filter((f) => f.startsWith('.upload-')) : []);

/** A disk that takes the first chunk and then fails with `code` (full, read-only), as the kernel would. */
const failingDisk =
  (code: string): OpenUploadFile =>
  (path) => {
    const real = createWriteStream(path, { flags: 'wx' });
    let chunks = 0;
    return new Writable({
      write(chunk, _enc, done) {
        if (chunks++ === 0) real.write(chunk, () => done());
        else done(Object.assign(new Error(`${code}: write failed`), { code }));
      },
      final(done) {
        real.end(() => done());
      },
      destroy(e, done) {
        real.destroy();
        done(e);
      },
    });
  };

describe('uploads survive', () => {
  it('10 parallel uploads with one name and different bytes: 10 files, each holding its own bytes', async () => {
    const bodies = Array.from({ length: 10 }, (_, i) => Buffer.alloc(50_000 + i, i + 1));
    const replies = await Promise.all(bodies.map((b) => upload('race.mp3', b)));
    const paths = replies.map((r) => {
      expect(r.status).toBe(200);
      return (JSON.parse(r.body.toString()) as { path: string }).path;
    });
    expect(new Set(paths).size).toBe(10);
    paths.forEach((p, i) => expect(readFileSync(p).equals(bodies[i]!)).toBe(true));
    expect(leftovers()).toEqual([]);
  });

  it('10 parallel uploads of the same file: one copy', async () => {
    const body = Buffer.alloc(40_000, 42);
    const replies = await Promise.all(Array.from({ length: 10 }, () => upload('twice.mp3', body)));
    const paths = new Set(replies.map((r) => (JSON.parse(r.body.toString()) as { path: string }).path));
    expect(paths.size).toBe(1);
    expect(readdirSync(s.importDir).filter((f) => f.startsWith('twice'))).toEqual(['twice.mp3']);
  });

  it('a long non-Latin name (90 CJK characters): stored under a name that fits in 255 bytes', async () => {
    const name = `${'音'.repeat(90)}.flac`;
    const r = await upload(name, 'cjk bytes');
    expect(r.status).toBe(200);
    const saved = basename((JSON.parse(r.body.toString()) as { path: string }).path);
    expect(Buffer.byteLength(saved)).toBeLessThanOrEqual(240);
    expect(saved).toMatch(/^音+\.flac$/);
    // Surrogate pairs are never cut in half.
    await expect(upload(`${'🎵'.repeat(100)}.mp3`, 'emoji').then((x) => x.status)).resolves.toBe(200);
    expect(leftovers()).toEqual([]);
  });

  it('a full disk during the upload: 507 "the disk is full", no temp file left', async () => {
    disk = failingDisk('ENOSPC');
    try {
      const r = await upload('big.mp3', Buffer.alloc(512 * 1024, 3));
      expect(r.status).toBe(507);
      expect(r.body.toString()).toMatch(/disk is full/);
    } finally {
      disk = null;
    }
    expect(leftovers()).toEqual([]);
    expect(s.logged.join('\n')).toContain('ENOSPC');
  });

  it('a read-only data folder: a message saying so, no path in it, no temp file left', async () => {
    disk = failingDisk('EROFS');
    try {
      const r = await upload('ro.mp3', Buffer.alloc(512 * 1024, 4));
      expect(r.status).toBe(500);
      expect(r.body.toString()).toMatch(/cannot write to its data folder/);
      expect(r.body.toString()).not.toContain(s.dataDir);
    } finally {
      disk = null;
    }
    expect(leftovers()).toEqual([]);
  });

  it('a client that gives up half-way: no temp file left, the next upload works', async () => {
    await new Promise<void>((resolve) => {
      const req = request({
        host: '127.0.0.1',
        port: s.server.port,
        method: 'POST',
        path: `/import?token=${s.server.token}&name=cut.mp3`,
        headers: { host: `127.0.0.1:${s.server.port}`, 'content-length': String(4 * 1024 * 1024) },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(256 * 1024, 5), () => setTimeout(() => (req.destroy(), resolve()), 50));
    });
    await until(() => leftovers().length === 0, 'the temp file to go');
    expect(existsSync(`${s.importDir}/cut.mp3`)).toBe(false);
    expect((await upload('after.mp3', 'fine')).status).toBe(200);
  });
});

describe('where an import may look', () => {
  const status = async (app: Moodtape) => ((await app.call('getImportStatus', null)) as { value: ImportStatus }).value;
  const finished = async (app: Moodtape) => {
    await until(async () => (await status(app)).phase === 'idle', 'the import to finish');
    return status(app);
  };

  it('/proc/self (which leads round the whole disk): refused at once and said so, in every mode', async () => {
    const app = await testApp(tmp('data'));
    try {
      expect(await app.call('importPaths', { paths: ['/proc/self', '/sys', '/dev'] })).toMatchObject({ ok: true });
      const s = await finished(app);
      expect(s.found).toBe(0);
      expect(s.problems.map((p) => p.message).join('\n')).toMatch(/system folder/);
    } finally {
      await app.dispose();
    }
  });

  it('serve mode: a folder outside home and the added folders is refused, with the reason; a link out of home too', async () => {
    const outside = tmp('outside');
    writeFileSync(join(outside, 'song.wav'), wav(upbeat(1)));
    const home = tmp('home');
    symlinkSync(outside, join(home, 'link-out'));
    symlinkSync('/proc', join(home, 'proc-link'));
    const app = await testApp(tmp('data'), { importRoots: [home] });
    try {
      await app.call('importPaths', { paths: [outside, home] });
      const s = await finished(app);
      expect(s.added).toBe(0);
      const messages = s.problems.map((p) => p.message).join('\n');
      expect(messages).toMatch(/outside your home folder/);
      expect(messages).toMatch(/system folder/);
      // Watching a folder outside is refused too, so it cannot become an "added" folder.
      expect(await app.call('updateSettings', { watchedFolders: [outside] })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    } finally {
      await app.dispose();
    }
  });

  it('a running import can be cancelled: it stops, says so, and keeps what it added', async () => {
    const music = tmp('many');
    for (let d = 0; d < 30; d++) {
      mkdirSync(join(music, `d${d}`));
      for (let f = 0; f < 100; f++) writeFileSync(join(music, `d${d}`, `t${f}.wav`), '');
    }
    const app = await testApp(tmp('data'));
    try {
      await app.call('importPaths', { paths: [music] });
      await until(async () => (await status(app)).read > 0, 'the import to start reading');
      expect(await app.call('cancelImport', null)).toMatchObject({ ok: true, value: { cancelled: true } });
      const s = await finished(app);
      expect(s.cancelled).toBe(true);
      expect(s.read).toBeLessThan(3000);
      // Nothing running: cancelling again is harmless.
      expect(await app.call('cancelImport', null)).toMatchObject({ ok: true });
    } finally {
      await app.dispose();
    }
  });
});
