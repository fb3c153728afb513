/** Shared by the fault-injection tests: a real app in serve mode, plain HTTP calls, and raw WebSocket frames. */
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMoodtape } from '../../src/main/app/moodtape.js';
import type { Moodtape, MoodtapeOptions } from '../../src/main/app/types.js';
import { serve, type RunningServer, type ServeOptions } from '../../src/main/serve/server.js';

export const root = join(import.meta.dirname, '../..');

export interface Served {
  app: Moodtape;
  server: RunningServer;
  dataDir: string;
  importDir: string;
  /** Lines the server logged. */
  logged: string[];
  close(): Promise<void>;
}

/** The app as the fault tests run it: the real assets, a camera that does not exist, one library worker. */
export function testApp(dataDir: string, opts: Partial<MoodtapeOptions> = {}): Promise<Moodtape> {
  return createMoodtape({ assetsDir: join(root, 'assets'), dataDir, version: 'test', cameraSource: '7', libraryWorkers: 1, ...opts });
}

export async function startServed(
  serveOpts: Partial<ServeOptions> = {},
  appOpts: Partial<MoodtapeOptions> = {},
  app?: Moodtape,
): Promise<Served> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'moodtape-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Moodtape</title>');
  const dataDir = appOpts.dataDir ?? mkdtempSync(join(tmpdir(), 'moodtape-data-'));
  const importDir = join(dataDir, 'imported');
  const logged: string[] = [];
  const theApp = app ?? (await testApp(dataDir, appOpts));
  const server = await serve(theApp, { rendererDir, importDir, log: (l) => logged.push(l), ...serveOpts });
  return {
    app: theApp,
    server,
    dataDir,
    importDir,
    logged,
    close: async () => {
      await server.close();
      await theApp.dispose();
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, unknown>;
  body: Buffer;
}

export function httpRequest(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** A WebSocket opened by hand, so the test can send frames no well-behaved client would. */
export async function rawWebSocket(port: number, token: string): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  socket.write(
    [
      `GET /ws?token=${token} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Origin: http://127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n'),
  );
  let head = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(head.split('\r\n')[0]));
    };
    socket.on('data', onData);
  });
  return socket;
}

/** One WebSocket frame: FIN set, the opcode (1 text, 2 binary), masked unless told otherwise; `declared` overrides the length. */
export function frame(opcode: number, payload: Buffer, opts: { mask?: boolean; declared?: number } = {}): Buffer {
  const mask = opts.mask ?? true;
  const len = opts.declared ?? payload.length;
  const head: number[] = [0x80 | opcode];
  const m = mask ? 0x80 : 0;
  if (len < 126) head.push(m | len);
  else if (len < 65536) head.push(m | 126, len >> 8, len & 255);
  else {
    head.push(m | 127);
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(len));
    head.push(...b);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((x, i) => x ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), key, body]);
}

/** The close code of the close frame the server sends back (or null when it just hung up). */
export function closeCode(socket: Socket): Promise<number | null> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      // Skip any replies or events before the close frame.
      while (buf.length >= 2) {
        const op = buf[0]! & 0x0f;
        let len = buf[1]! & 0x7f;
        let off = 2;
        if (len === 126) {
          if (buf.length < 4) return;
          len = buf.readUInt16BE(2);
          off = 4;
        } else if (len === 127) {
          if (buf.length < 10) return;
          len = Number(buf.readBigUInt64BE(2));
          off = 10;
        }
        if (buf.length < off + len) return;
        if (op === 8) return resolve(len >= 2 ? buf.readUInt16BE(off) : null);
        buf = buf.subarray(off + len);
      }
    });
    socket.on('close', () => resolve(null));
    socket.on('error', () => resolve(null));
  });
}

export async function until(check: () => boolean | Promise<boolean>, what: string, limitMs = 20_000): Promise<void> {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * A real small file system (tmpfs) that can be filled up: only where the tests run as root and
 * may mount. `reason` says why not otherwise, for the skip message.
 */
export interface SmallDisk {
  dir: string;
  /** Fills every free byte (a filler file), so the next write fails with ENOSPC. */
  fill(): void;
  /** Deletes the filler: space is back. */
  free(): void;
  unmount(): void;
}

export function smallDisk(sizeKb: number, options = ''): SmallDisk | { reason: string } {
  if (process.platform !== 'linux') return { reason: 'tmpfs needs Linux' };
  if (process.getuid?.() !== 0) return { reason: 'mounting a tmpfs needs root' };
  const dir = mkdtempSync(join(tmpdir(), 'moodtape-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k${options ? `,${options}` : ''}`, 'tmpfs', dir]);
  if (mounted.status !== 0) return { reason: `mount refused: ${String(mounted.stderr).trim() || mounted.error}` };
  const filler = join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = openSync(filler, 'a');
      const chunk = Buffer.alloc(4096);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
      // The last partial block too.
      try {
        for (;;) writeSync(fd, Buffer.alloc(1));
      } catch {
        /* full */
      }
      closeSync(fd);
    },
    free: () => rmSync(filler, { force: true }),
    unmount: () => void spawnSync('umount', ['-l', dir]),
  };
}
