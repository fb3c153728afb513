/**
 * The renderer's serve-mode transport (ws-client) against a real server that goes away: it says
 * it is disconnected, reconnects when the server is back on the same address, and tells the page
 * its token is from an earlier run when a new run answers there.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WS from 'ws';
import { serve, type RunningServer } from '../../src/main/serve/server.js';
import type { MoodtapeApi } from '../../src/shared/contract.js';
import { startServed, until, type Served } from './helpers.js';

interface ConnectionStatus {
  state: 'connecting' | 'open' | 'closed' | 'expired';
}
// The page's own module, loaded as vitest loads it; kept out of the main type check (it is the
// renderer's, checked with its DOM types by svelte-check).
const wsClientModule = '../../src/renderer/api/ws-client.ts';
const { wsApi } = (await import(/* @vite-ignore */ wsClientModule)) as {
  wsApi: (o: {
    wsUrl: string;
    token: string;
    httpBase: string;
    onStatus: (s: ConnectionStatus) => void;
    onReconnect: () => void;
  }) => MoodtapeApi;
};

let s: Served;
let port: number;
const servers: RunningServer[] = [];
beforeAll(async () => {
  s = await startServed();
  port = s.server.port;
  await s.server.close();
  // The page's WebSocket: a browser sends its Origin; ws in Node does so only when asked.
  (globalThis as { WebSocket?: unknown }).WebSocket = class extends WS {
    constructor(url: string) {
      super(url, { origin: `http://127.0.0.1:${port}` });
    }
  };
});
afterAll(async () => {
  for (const x of servers) await x.close();
  await s.app.dispose();
});

const start = async (token: string) => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'moodtape-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const server = await serve(s.app, { port, token, rendererDir, log: () => {} });
  servers.push(server);
  return server;
};

describe('the page transport when the server goes away', () => {
  it('says so, reconnects when the server is back at the same address, then fails over to "expired" for a new run', async () => {
    let first = await start('token-of-the-first-run-000');
    const statuses: ConnectionStatus[] = [];
    let reconnects = 0;
    const api = wsApi({
      wsUrl: `ws://127.0.0.1:${port}/ws?token=token-of-the-first-run-000`,
      token: 'token-of-the-first-run-000',
      httpBase: `http://127.0.0.1:${port}`,
      onStatus: (x) => statuses.push(x),
      onReconnect: () => reconnects++,
    });
    expect(await api.invoke('getAbout', null)).toMatchObject({ version: 'test' });
    expect(await api.reachable!()).toBe(true);

    await first.close();
    await until(() => statuses.at(-1)?.state !== 'open', 'the page to notice');
    expect(await api.reachable!()).toBe(false);
    // Back on the same address with the same token (a server that was only paused): it reconnects.
    first = await start('token-of-the-first-run-000');
    await until(() => statuses.at(-1)?.state === 'open', 'the reconnect', 30_000);
    expect(reconnects).toBe(1);
    expect(await api.invoke('getAbout', null)).toMatchObject({ version: 'test' });

    // A new run (moodtape serve restarted) with a new token on the same address: "expired", no endless retry.
    await first.close();
    await start('token-of-the-second-run-111');
    await until(() => statuses.at(-1)?.state === 'expired', 'the page to see its token is gone', 30_000);
    await expect(api.invoke('getAbout', null)).rejects.toThrow(/restarted/);
  }, 60_000);
});
