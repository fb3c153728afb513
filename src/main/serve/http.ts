/** Plain HTTP answers of serve mode: security headers on everything, text replies, and the built renderer's files. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream';
import { PAGE_FILE_TYPES, SECURITY_HEADERS } from '../../shared/csp.js';

export { SECURITY_HEADERS };

/** Where serve mode writes what went wrong (the terminal it runs in); tests capture it. */
export type ServeLog = (line: string) => void;

export function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
  res.end(text);
}

export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS });
  res.end(JSON.stringify(value));
}

/**
 * Sends a byte stream as the body. A stream that fails part-way (the file vanished, the disk
 * failed) cuts this response only: the client sees a short reply, the server goes on.
 */
export function streamBody(res: ServerResponse, body: NodeJS.ReadableStream, what: string, log: ServeLog): void {
  pipeline(body, res, (e) => {
    if (e && (e as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') log(`${what}: stream failed (${errorCode(e)})`);
  });
}

export function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException)?.code ?? (e instanceof Error ? e.name : 'unknown');
}

/** A file of the built renderer, never anything outside it. */
export function serveStatic(req: IncomingMessage, res: ServerResponse, rendererDir: string, pathname: string, log: ServeLog): void {
  const path = pathname === '/' ? '/index.html' : pathname;
  const file = normalize(join(rendererDir, path));
  if (!file.startsWith(normalize(rendererDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return sendText(res, 404, 'Not found');
  }
  res.writeHead(200, {
    'content-type': PAGE_FILE_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    ...SECURITY_HEADERS,
  });
  if (req.method === 'HEAD') return void res.end();
  streamBody(res, createReadStream(file), `page file ${path}`, log);
}
