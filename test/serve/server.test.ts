import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import WebSocket from 'ws';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import type { Moodtape } from '../../src/main/app/types.js';
import { serve, type RunningServer } from '../../src/main/serve/server.js';
import type { WsMessage } from '../../src/shared/contract.js';

const root = join(import.meta.dirname, '../..');
let app: Moodtape;
let server: RunningServer;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'moodtape-renderer-'));
  const { writeFileSync } = await import('node:fs');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Moodtape</title>');
  app = await createMoodtape({ assetsDir: join(root, 'assets'), dataDir: mkdtempSync(join(tmpdir(), 'moodtape-data-')), version: 'test', cameraSource: '7' });
  server = await serve(app, { rendererDir });
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
      return (messages.find((m) => 'id' in m && m.id === id) as { envelope: { ok: boolean; value?: unknown; error?: { code: string } } }).envelope;
    };
    expect(await reply(1)).toMatchObject({ ok: true, value: { emotion: 'sad', source: 'manual' } });
    expect(messages.some((m) => 'event' in m && m.event === 'mood')).toBe(true);
    expect(((await reply(2)).value as unknown[]).length).toBe(3);
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

describe('serve mode and the camera', () => {
  it('releases the camera a few seconds after the last page closes', async () => {
    const video = join(root, 'test/fixtures/video/no-face.mp4');
    const app2 = await createMoodtape({ assetsDir: join(root, 'assets'), dataDir: mkdtempSync(join(tmpdir(), 'moodtape-data-')), version: 'test', cameraSource: video });
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
