/**
 * Soak: the whole app in serve mode for a long while, through its real transport. A page's
 * WebSocket counts live-mode preview frames (a committed test video as the camera) while a second
 * client makes contract calls one after another; RSS is printed every 1,000 frames and every 1,000
 * calls, then whether it stayed flat (within 10% of the first reading after warm-up).
 *   npm run bench:soak [-- --frames 10000 --calls 5000]
 * Live mode runs at its 15 fps cap, so 10,000 frames take about 11 minutes.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import { findAppRoot } from '../../src/main/core/paths.js';
import { serve } from '../../src/main/serve/server.js';
import type { WsMessage } from '../../src/shared/contract.js';

const { values } = parseArgs({ options: { frames: { type: 'string', default: '10000' }, calls: { type: 'string', default: '5000' } } });
const FRAMES = Number(values.frames);
const CALLS = Number(values.calls);
const root = findAppRoot();
const mib = () => process.memoryUsage().rss / 2 ** 20;
const readings: Array<{ what: string; rss: number }> = [];
const note = (what: string) => {
  const rss = mib();
  readings.push({ what, rss });
  console.log(`${what}: RSS ${rss.toFixed(0)} MiB`);
};

const dataDir = mkdtempSync(join(tmpdir(), 'moodtape-soak-'));
const rendererDir = mkdtempSync(join(tmpdir(), 'moodtape-soak-page-'));
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
const app = await createMoodtape({
  assetsDir: join(root, 'assets'),
  dataDir,
  version: 'soak',
  cameraSource: join(root, 'test/fixtures/video/happy-then-sad.mp4'),
  libraryWorkers: 1,
});
const server = await serve(app, { rendererDir, log: (l) => console.error(`server: ${l}`) });
const origin = `http://127.0.0.1:${server.port}`;
const open = async () => {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return ws;
};

const page = await open();
const caller = await open();
note('start');

let frames = 0;
const framesDone = new Promise<void>((resolve) => {
  page.on('message', (d) => {
    const m = JSON.parse(String(d)) as WsMessage;
    if (!('event' in m) || m.event !== 'frame') return;
    frames++;
    if (frames % 1000 === 0) note(`frame ${frames}`);
    if (frames >= FRAMES) resolve();
  });
});

// One call at a time, a mix of what a page asks: state, library pages, playlists, moods.
const replies = new Map<number, () => void>();
caller.on('message', (d) => {
  const m = JSON.parse(String(d)) as WsMessage;
  if ('id' in m) replies.get(m.id)?.();
});
const requests = [
  { method: 'getState', params: null },
  { method: 'listLibrary', params: { limit: 50, sort: 'title' } },
  { method: 'recommend', params: { emotion: 'happy', length: 10 } },
  { method: 'getImportStatus', params: null },
  { method: 'setManualMood', params: 'neutral' },
];
const call = (id: number) =>
  new Promise<void>((resolve) => {
    replies.set(id, () => (replies.delete(id), resolve()));
    caller.send(JSON.stringify({ id, ...requests[id % requests.length] }));
  });

const t0 = performance.now();
for (const [method, params] of [
  ['updateSettings', { mode: 'live' }],
  ['startCamera', null],
] as const) {
  const r = await app.call(method, params);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
}
for (let i = 1; i <= CALLS; i++) {
  await call(i);
  if (i % 1000 === 0) note(`call ${i}`);
}
const callsSeconds = (performance.now() - t0) / 1000;
await framesDone;
const seconds = (performance.now() - t0) / 1000;
await app.call('stopCamera', null);
page.close();
caller.close();
await server.close();
await app.dispose();

// Flat: every reading after the first thousand frames or calls within 10% of the first such reading.
const later = readings.filter((r) => r.what !== 'start');
const steady = later.length ? later : readings;
const base = steady[0]?.rss ?? readings[0]!.rss;
const peak = Math.max(...steady.map((r) => r.rss));
console.log(
  `${frames} live frames in ${seconds.toFixed(0)} s (${(frames / seconds).toFixed(1)} fps); ${CALLS} WebSocket calls in ${callsSeconds.toFixed(1)} s; ` +
    `RSS ${base.toFixed(0)} -> peak ${peak.toFixed(0)} MiB (${(((peak - base) / base) * 100).toFixed(1)}%): ${peak <= base * 1.1 ? 'flat within 10%' : 'NOT flat'}`,
);
