/**
 * Faults the serve-mode transport survives (HTTP + WebSocket on loopback). Each test breaks one
 * thing on purpose and then checks that the server still answers everyone else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_IMPORT_PATHS, MAX_MESSAGE_BYTES, type Envelope, type WsMessage } from '../../src/shared/contract.js';
import { closeCode, frame, httpRequest, rawWebSocket, startServed, until, type Served } from './helpers.js';

let s: Served;
beforeAll(async () => {
  s = await startServed();
});
afterAll(async () => {
  await s.close();
});

/** A well-behaved client: one call, its reply. */
async function call(method: string, params: unknown): Promise<Envelope<unknown>> {
  const ws = new WebSocket(`ws://127.0.0.1:${s.server.port}/ws?token=${s.server.token}`, {
    origin: `http://127.0.0.1:${s.server.port}`,
    maxPayload: MAX_MESSAGE_BYTES,
  });
  try {
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const reply = new Promise<Envelope<unknown>>((resolve) =>
      ws.on('message', (d) => {
        const m = JSON.parse(String(d)) as WsMessage;
        if ('id' in m && m.id === 1) resolve(m.envelope);
      }),
    );
    ws.send(JSON.stringify({ id: 1, method, params }));
    return await reply;
  } finally {
    ws.close();
  }
}

const stillServing = async () => expect(await call('setManualMood', 'happy')).toMatchObject({ ok: true, value: { emotion: 'happy' } });

describe('the WebSocket survives', () => {
  it.each([
    ['a text frame that is not UTF-8', frame(1, Buffer.from([0x7b, 0xff, 0xfe, 0x7d])), 1007, 'WS_ERR_INVALID_UTF8'],
    ['an unmasked client frame', frame(1, Buffer.from('{"id":1}'), { mask: false }), 1002, 'WS_ERR_EXPECTED_MASK'],
    [
      'a message over the transport limit',
      frame(1, Buffer.alloc(0), { declared: MAX_MESSAGE_BYTES + 1 }),
      1009,
      'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH',
    ],
  ])('%s: that socket is closed with code %i and the reason logged', async (_what, bytes, code, reason) => {
    const socket = await rawWebSocket(s.server.port, s.server.token);
    const closed = closeCode(socket);
    socket.write(bytes);
    expect(await closed).toBe(code);
    socket.destroy();
    await until(() => s.logged.some((l) => l.includes(reason)), 'the log line');
    await stillServing();
  });

  it.each([
    ['not JSON', '{"id": 1,'],
    ['a JSON array', '[1, "getState"]'],
    ['an id too large to be a number (1e400)', '{"id": 1e400, "method": "getState", "params": null}'],
    ['a fractional id', '{"id": 1.5, "method": "getState", "params": null}'],
    ['a negative id', '{"id": -7, "method": "getState", "params": null}'],
    ['an id as a string', '{"id": "3", "method": "getState", "params": null}'],
    ['no method', '{"id": 3, "params": null}'],
  ])('%s: closed with 1003 (unsupported data), nothing answered', async (_what, text) => {
    const socket = await rawWebSocket(s.server.port, s.server.token);
    const closed = closeCode(socket);
    socket.write(frame(1, Buffer.from(text)));
    expect(await closed).toBe(1003);
    socket.destroy();
    await stillServing();
  });

  it('a binary message: closed with 1003', async () => {
    const socket = await rawWebSocket(s.server.port, s.server.token);
    const closed = closeCode(socket);
    socket.write(frame(2, Buffer.from('{"id":1,"method":"getState","params":null}')));
    expect(await closed).toBe(1003);
    socket.destroy();
  });

  it('the largest valid request of the contract fits the transport and is answered', async () => {
    // importPaths at its limits: the most paths, each 4,096 characters that take 6 bytes in JSON.
    const paths = Array.from({ length: MAX_IMPORT_PATHS }, (_, i) => `/${String(i).padStart(4, '0')}${'\u0001'.repeat(4091)}`);
    const params = { paths, watch: false };
    const size = Buffer.byteLength(JSON.stringify({ id: 1, method: 'importPaths', params }));
    expect(size).toBeGreaterThan(20 * 1024 * 1024);
    expect(size).toBeLessThan(MAX_MESSAGE_BYTES);
    expect(await call('importPaths', params)).toMatchObject({ ok: true, value: { phase: 'scanning' } });
    // One path more is refused by the contract, with a message, not by the transport.
    expect(await call('importPaths', { paths: [...paths, paths[0]] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // recommend's exclude list at its limit (10,000 ids of 255 characters).
    const exclude = Array.from({ length: 10_000 }, () => '\u0001'.repeat(255));
    expect(await call('recommend', { emotion: 'sad', exclude })).toMatchObject({ ok: true });
    await stillServing();
  }, 120_000);

  it('a client that leaves before its reply: the reply is dropped, nothing breaks', async () => {
    const socket = await rawWebSocket(s.server.port, s.server.token);
    socket.write(frame(1, Buffer.from('{"id": 9, "method": "getAbout", "params": null}')));
    socket.destroy();
    await stillServing();
  });
});

describe('HTTP survives', () => {
  it('a request whose handling fails: 500 with a message and no folder names, the details logged', async () => {
    const broken = { ...s.app, media: async () => Promise.reject(new Error("EIO: i/o error, read '/home/ann/Music/secret/song.opus'")) };
    const other = await startServed({}, {}, broken);
    try {
      const r = await httpRequest(other.server.port, `/media/offshore?token=${other.server.token}`);
      expect(r.status).toBe(500);
      expect(r.body.toString()).not.toContain('/home/ann');
      expect(other.logged.join('\n')).toContain('EIO');
      const page = await httpRequest(other.server.port, `/?token=${other.server.token}`);
      expect(page.status).toBe(200);
    } finally {
      await other.server.close();
    }
  });

  it('a request that is not HTTP: 400, and the next one is served', async () => {
    const { connect } = await import('node:net');
    const socket = connect(s.server.port, '127.0.0.1');
    const answer = await new Promise<string>((resolve) => {
      socket.on('data', (d) => resolve(d.toString()));
      socket.write('\u0000\u0001 NOT HTTP\r\n\r\n');
    });
    socket.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect((await httpRequest(s.server.port, `/?token=${s.server.token}`)).status).toBe(200);
  });

  it('an internal error message reaching the page names the file, not its folders', async () => {
    const { toAppError } = await import('../../src/main/core/errors.js');
    const e = toAppError(new Error("ENOENT: no such file or directory, open '/home/ann/Music/secret/song.opus'"));
    expect(e.message).toContain("'song.opus'");
    expect(e.message).not.toContain('/home/ann');
  });
});
