/**
 * Faults the media streams survive (library audio and cover art, in serve mode and through the
 * Electron protocol): files that vanish, change or fail while they are read, and clients that go
 * away. A stream that fails ends that one response; the app goes on.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fileResponse, type MediaResponse } from '../../src/main/library/media-response.js';
import { httpRequest, startServed, until, type Served } from './helpers.js';

vi.mock('electron', async () => (await import('../electron/fake-electron.js')).electron);
const { mediaHandler } = await import('../../src/main/electron/protocol.js');

const dir = mkdtempSync(join(tmpdir(), 'moodtape-media-faults-'));
const track = join(dir, 'song.opus');
const original = Buffer.alloc(256 * 1024).map((_, i) => (i * 13) % 251);
const edited = Buffer.alloc(200 * 1024, 7);
writeFileSync(track, original);

/** What the library would answer for each id; tests swap entries to inject faults. */
const sources: Record<string, (range: string | null) => Promise<MediaResponse>> = {
  song: (range) => fileResponse(track, range),
};
let s: Served;
beforeAll(async () => {
  const base = await startServed();
  await base.server.close();
  const app = { ...base.app, media: (id: string, range: string | null) => (sources[id] ?? (() => fileResponse(null, null)))(range) };
  s = await startServed({}, {}, app);
  s.close = async () => {
    await s.server.close();
    await base.app.dispose();
  };
});
afterAll(async () => {
  await s.close();
  rmSync(dir, { recursive: true, force: true });
});

const media = (id: string, range?: string) =>
  httpRequest(s.server.port, `/media/${id}?token=${s.server.token}`, { headers: range ? { range } : {} }).catch((e: Error) => e);
const openFds = () => readdirSync('/proc/self/fd').length;

/** A body that sends some bytes and then fails as a dying disk would. */
function failingBody(): Readable {
  let sent = false;
  return new Readable({
    read() {
      if (!sent) {
        sent = true;
        this.push(Buffer.alloc(64 * 1024, 1));
      } else this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
    },
  });
}

describe('serve mode media survives', () => {
  it('a track moved away and back (a tag editor saving) during 50 concurrent Range requests', async () => {
    const requests = Array.from({ length: 50 }, (_, i) => media('song', `bytes=${i * 1000}-${i * 1000 + 99_999}`));
    for (let i = 0; i < 10; i++) {
      renameSync(track, `${track}.moved`);
      writeFileSync(track, edited);
      rmSync(track);
      renameSync(`${track}.moved`, track);
    }
    const replies = await Promise.all(requests);
    for (const r of replies) {
      // Each answer is either a whole, correct range or (when the file was away) a 404, never a crash.
      if (r instanceof Error) throw r;
      expect([206, 404]).toContain(r.status);
      if (r.status === 206) expect(r.body.length).toBe(100_000);
    }
    expect((await media('song', 'bytes=0-9')) as { status: number }).toMatchObject({ status: 206 });
  });

  it('a file replaced while it streams: the open response still sends the version it started with', async () => {
    const r = await fileResponse(track, null);
    renameSync(track, `${track}.old`);
    writeFileSync(track, edited);
    const chunks: Buffer[] = [];
    for await (const c of r.body!) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(original)).toBe(true);
    rmSync(track);
    renameSync(`${track}.old`, track);
  });

  it('a read that fails part-way cuts that response only, and is logged', async () => {
    sources.failing = async () => ({
      status: 200,
      headers: { 'content-type': 'audio/ogg', 'content-length': '200000' },
      body: failingBody(),
    });
    const r = await media('failing');
    // The client sees a cut-off reply (an error, or fewer bytes than announced).
    expect(r instanceof Error || r.body.length < 200_000).toBe(true);
    await until(() => s.logged.some((l) => l.includes('EIO')), 'the log line');
    expect(((await media('song', 'bytes=0-9')) as { status: number }).status).toBe(206);
  });

  it('a file deleted between the lookup and the read, or a folder in its place: 404', async () => {
    expect((await fileResponse(join(dir, 'gone.opus'), null)).status).toBe(404);
    mkdirSync(join(dir, 'folder.opus'));
    expect((await fileResponse(join(dir, 'folder.opus'), 'bytes=0-9')).status).toBe(404);
  });

  it('50 listeners that hang up mid-stream leave no file open', async () => {
    await media('song'); // warm up (lazy modules open their own files once)
    const before = openFds();
    await Promise.all(
      Array.from(
        { length: 50 },
        () =>
          new Promise<void>((resolve) => {
            const req = request(
              {
                host: '127.0.0.1',
                port: s.server.port,
                path: `/media/song?token=${s.server.token}`,
                headers: { host: `127.0.0.1:${s.server.port}` },
              },
              (res) => res.once('data', () => (req.destroy(), resolve())),
            );
            req.on('error', () => resolve());
            req.end();
          }),
      ),
    );
    await until(() => openFds() <= before + 2, 'the files to close');
  });
});

describe('the Electron media protocol survives', () => {
  it('a stream that fails part-way: the response body errors, the handler does not throw', async () => {
    const handler = mediaHandler({ media: async () => ({ status: 200, headers: {}, body: failingBody() }) });
    const res = await handler(new Request('moodtape-media://track/song'));
    expect(res.status).toBe(200);
    await expect(res.arrayBuffer()).rejects.toThrow();
  });

  it('a library that throws: 500 with a message that names no folder', async () => {
    const handler = mediaHandler({
      media: async () => Promise.reject(new Error("EACCES: permission denied, open '/home/ann/Music/a.opus'")),
    });
    const res = await handler(new Request('moodtape-media://track/song'));
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('/home/ann');
  });

  it('a track moved away mid-stream still plays to the end', async () => {
    const handler = mediaHandler({ media: (_id, range) => fileResponse(track, range) });
    const res = await handler(new Request('moodtape-media://track/song'));
    renameSync(track, `${track}.away`);
    expect(Buffer.from(await res.arrayBuffer()).equals(original)).toBe(true);
    renameSync(`${track}.away`, track);
  });
});

describe('multi-range requests', () => {
  it('a valid list of ranges gets the whole file (200), not 416; a malformed one still 416', async () => {
    for (const range of ['bytes=0-9, 20-29', 'bytes=0-0,-1', 'bytes=100-199,0-9']) {
      const r = await httpRequest(s.server.port, `/media/song?token=${s.server.token}`, { headers: { range } });
      expect(r.status, range).toBe(200);
      expect(r.body.equals(original), range).toBe(true);
    }
    const bad = await httpRequest(s.server.port, `/media/song?token=${s.server.token}`, { headers: { range: 'bytes=0-9,x' } });
    expect(bad.status).toBe(416);
    // And one range as before.
    const one = await httpRequest(s.server.port, `/media/song?token=${s.server.token}`, { headers: { range: 'bytes=0-9' } });
    expect(one.status).toBe(206);
    expect(one.body.equals(original.subarray(0, 10))).toBe(true);
  });
});
