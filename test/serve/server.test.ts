import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import type { Moodtape } from '../../src/main/app/types.js';
import { safeUploadName, serve, type RunningServer } from '../../src/main/serve/server.js';
import type { WsMessage } from '../../src/shared/contract.js';

const root = join(import.meta.dirname, '../..');
let app: Moodtape;
let server: RunningServer;
let dataDir: string;
let importDir: string;

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function post(path: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/octet-stream', ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Every file under a folder, relative paths. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)));
}

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'moodtape-renderer-'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Moodtape</title>');
  dataDir = mkdtempSync(join(tmpdir(), 'moodtape-data-'));
  importDir = join(dataDir, 'imported');
  app = await createMoodtape({ assetsDir: join(root, 'assets'), dataDir, version: 'test', cameraSource: '7' });
  server = await serve(app, { rendererDir, importDir });
});
afterAll(async () => {
  await server.close();
  await app.dispose();
});

describe('serve mode', () => {
  it('listens on loopback and prints a URL with a per-run token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('serves the page only with the token, with a strict CSP', async () => {
    expect((await get('/')).status).toBe(401);
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toMatch(/default-src 'self'/);
  });

  it('rejects other Hosts (DNS rebinding) and other Origins', async () => {
    expect((await get(`/?token=${server.token}`, { host: 'evil.example:80' })).status).toBe(403);
    expect((await get(`/media/offshore?token=${server.token}`, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('streams library audio by id with Range, and nothing else', async () => {
    const r = await get(`/media/offshore?token=${server.token}`, { range: 'bytes=0-3' });
    expect(r.status).toBe(206);
    expect(r.body.toString()).toBe('OggS');
    expect((await get(`/media/offshore`)).status).toBe(401);
    expect((await get(`/media/${encodeURIComponent('../package.json')}?token=${server.token}`)).status).toBe(404);
    expect((await get(`/../package.json?token=${server.token}`)).status).toBe(404);
  });

  it('answers contract calls and pushes events over the WebSocket', async () => {
    const origin = `http://127.0.0.1:${server.port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin });
    const messages: WsMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(String(d))));
    await new Promise((r) => ws.once('open', r));
    ws.send(JSON.stringify({ id: 1, method: 'setManualMood', params: 'sad' }));
    ws.send(JSON.stringify({ id: 2, method: 'recommend', params: { emotion: 'sad', length: 3 } }));
    ws.send(JSON.stringify({ id: 3, method: 'setManualMood', params: 'ecstatic' }));
    ws.send(JSON.stringify({ id: 4, method: 'startCamera', params: null }));
    const reply = async (id: number) => {
      while (!messages.some((m) => 'id' in m && m.id === id)) await new Promise((r) => setTimeout(r, 20));
      return (messages.find((m) => 'id' in m && m.id === id) as { envelope: { ok: boolean; value?: unknown; error?: { code: string } } })
        .envelope;
    };
    expect(await reply(1)).toMatchObject({ ok: true, value: { emotion: 'sad', source: 'manual' } });
    expect(messages.some((m) => 'event' in m && m.event === 'mood')).toBe(true);
    const entries = ((await reply(2)).value as { entries: unknown[] }).entries;
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.length).toBeLessThanOrEqual(3);
    expect(await reply(3)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await reply(4)).toMatchObject({ ok: false, error: { code: 'camera-unavailable' } });
    ws.close();
  });

  it('refuses WebSockets without the token or from another origin', async () => {
    const tryOpen = (url: string, origin: string) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(url, { origin });
        ws.once('open', () => (ws.close(), resolve(true)));
        ws.once('error', () => resolve(false));
      });
    const base = `ws://127.0.0.1:${server.port}/ws`;
    expect(await tryOpen(`${base}?token=wrong`, `http://127.0.0.1:${server.port}`)).toBe(false);
    expect(await tryOpen(`${base}?token=${server.token}`, 'http://evil.example')).toBe(false);
  });
});

describe('serve mode uploads (POST /import)', () => {
  const opus = readFileSync(
    join(
      root,
      'assets/music',
      readdirSync(join(root, 'assets/music')).find((f) => f.endsWith('.opus'))!,
    ),
  );
  const origin = () => `http://127.0.0.1:${server.port}`;

  it('stores an audio upload under the data folder by content, once, and answers its path', async () => {
    const r = await post(`/import?token=${server.token}&name=${encodeURIComponent('My Song.opus')}`, opus, { origin: origin() });
    expect(r.status).toBe(200);
    const { path } = JSON.parse(r.body) as { path: string };
    expect(path).toBe(join(importDir, 'My Song.opus'));
    expect(readFileSync(path).equals(opus)).toBe(true);
    const again = await post(`/import?token=${server.token}&name=${encodeURIComponent('My Song.opus')}`, opus);
    expect(JSON.parse(again.body)).toEqual({ path });
    expect(filesUnder(importDir)).toEqual(['My Song.opus']);
    // A different file with the same name is kept beside it, not over it.
    const other = await post(`/import?token=${server.token}&name=${encodeURIComponent('My Song.opus')}`, 'other bytes');
    expect(JSON.parse(other.body)).toEqual({ path: join(importDir, 'My Song (2).opus') });
    // The saved path is what importPaths then takes.
    expect(await app.call('importPaths', { paths: [path] })).toMatchObject({ ok: true });
  });

  it('refuses uploads without the token, from another origin or Host, and other methods', async () => {
    const before = filesUnder(importDir);
    expect((await post(`/import?name=a.mp3`, 'x')).status).toBe(401);
    expect((await post(`/import?token=wrong&name=a.mp3`, 'x')).status).toBe(401);
    expect((await post(`/import?token=${server.token}&name=a.mp3`, 'x', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(`/import?token=${server.token}&name=a.mp3`, 'x', { host: 'evil.example:80' })).status).toBe(403);
    expect((await get(`/import?token=${server.token}&name=a.mp3`)).status).toBe(405);
    expect(filesUnder(importDir)).toEqual(before);
  });

  it('refuses names that are not audio, and empty or oversized bodies', async () => {
    const before = filesUnder(importDir);
    for (const name of ['notes.txt', 'run.sh', 'song.mp3.exe', '.mp3', '', '..', 'noext']) {
      expect((await post(`/import?token=${server.token}&name=${encodeURIComponent(name)}`, 'x')).status, name).toBe(415);
    }
    expect((await post(`/import?token=${server.token}`, 'x')).status).toBe(415);
    expect((await post(`/import?token=${server.token}&name=empty.mp3`, '')).status).toBe(400);
    expect(
      (
        await post(`/import?token=${server.token}&name=big.mp3`, 'x', { 'content-length': String(201 * 1024 * 1024) }).catch(() => ({
          status: 413,
        }))
      ).status,
    ).toBe(413);
    expect(filesUnder(importDir)).toEqual(before);
  });

  it('never uses a name as a path: traversal lands inside the import folder, sanitised', async () => {
    for (const name of ['../../escape.mp3', '..\\..\\escape2.mp3', '/etc/cron.d/evil.mp3', 'a/../../b.mp3']) {
      const r = await post(`/import?token=${server.token}&name=${encodeURIComponent(name)}`, `fake ${name}`);
      expect(r.status, name).toBe(200);
      const { path } = JSON.parse(r.body) as { path: string };
      expect(relative(importDir, path).split('/')).toHaveLength(1);
      expect(path.startsWith(importDir + '/')).toBe(true);
    }
    expect(existsSync(join(dataDir, 'escape.mp3'))).toBe(false);
    expect(existsSync(join(importDir, '..', '..', 'escape.mp3'))).toBe(false);
    expect(safeUploadName('../../escape.mp3')).toBe('escape.mp3');
    expect(safeUploadName('C:\\Users\\x\\song.FLAC')).toBe('song.flac');
    expect(safeUploadName('we$ird;name`rm -rf`.ogg')).toBe('we_ird_name_rm -rf_.ogg');
    expect(safeUploadName('bad\u0000name.wav')).toBe('badname.wav');
    expect(Buffer.byteLength(safeUploadName('x'.repeat(500) + '.mp3')!)).toBe(240);
  });
});

describe('serve mode and the camera', () => {
  it('releases the camera a few seconds after the last page closes', async () => {
    const video = join(root, 'test/fixtures/video/no-face.mp4');
    const app2 = await createMoodtape({
      assetsDir: join(root, 'assets'),
      dataDir: mkdtempSync(join(tmpdir(), 'moodtape-data-')),
      version: 'test',
      cameraSource: video,
    });
    const rendererDir = mkdtempSync(join(tmpdir(), 'moodtape-renderer-'));
    const s2 = await serve(app2, { rendererDir });
    try {
      const ws = new WebSocket(`ws://127.0.0.1:${s2.port}/ws?token=${s2.token}`, { origin: `http://127.0.0.1:${s2.port}` });
      await new Promise((r) => ws.once('open', r));
      expect(await app2.call('startCamera', null)).toMatchObject({ ok: true, value: { on: true } });
      ws.close();
      const end = Date.now() + 15_000;
      let on = true;
      while (on && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 250));
        on = ((await app2.call('getState', null)) as { value: { camera: { on: boolean } } }).value.camera.on;
      }
      expect(on).toBe(false);
    } finally {
      await s2.close();
      await app2.dispose();
    }
  }, 30_000);
});
