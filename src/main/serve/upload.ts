/**
 * POST /import: a browser's dropped files have no path, so their bytes come here and are kept in
 * <dataDir>/imported; the answer is the saved copy's path, which then goes to `importPaths`.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { constants, copyFile, link, mkdir, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_EXTENSIONS, MAX_UPLOAD_BYTES } from '../../shared/contract.js';
import { errorCode, sendJson, sendText, type ServeLog } from './http.js';

/** Most file systems allow 255 bytes per name; this leaves room for " (100)". */
export const MAX_UPLOAD_NAME_BYTES = 240;

/** Opens the temporary file an upload is written to; tests swap it to inject disk faults. */
export type OpenUploadFile = (path: string) => Writable;
const openTemp: OpenUploadFile = (path) => createWriteStream(path, { flags: 'wx' });

/**
 * A dropped file's name made safe to store: its last path part only, no control or shell-special
 * characters, not hidden, at most MAX_UPLOAD_NAME_BYTES of UTF-8, and an audio extension. Null
 * when it cannot be.
 */
export function safeUploadName(raw: string | null): string | null {
  if (!raw) return null;
  const last = raw.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is stripped
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[^\p{L}\p{N} ._()\-,'&!+[\]]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim();
  const dot = cleaned.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = cleaned.slice(dot + 1).toLowerCase();
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext)) return null;
  // Cut whole code points (never half a surrogate pair) until the name fits in bytes.
  const chars = [...cleaned.slice(0, dot)];
  let budget = MAX_UPLOAD_NAME_BYTES - Buffer.byteLength(ext) - 1;
  let stem = '';
  for (const c of chars) {
    budget -= Buffer.byteLength(c);
    if (budget < 0) break;
    stem += c;
  }
  stem = stem.trim();
  return stem ? `${stem}.${ext}` : null;
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/**
 * Gives the finished temp file its name without ever replacing a file: a hard link fails with
 * EEXIST when the name is taken (two uploads racing for one name cannot overwrite each other);
 * where links are not supported, an exclusive copy does the same. The same bytes under the name
 * already reuse that copy, so dropping a file twice adds it once.
 */
async function placeUpload(tmp: string, importDir: string, name: string, size: number, digest: string): Promise<string | null> {
  const dot = name.lastIndexOf('.');
  for (let n = 1; n <= 100; n++) {
    const candidate = join(importDir, n === 1 ? name : `${name.slice(0, dot)} (${n})${name.slice(dot)}`);
    try {
      await link(tmp, candidate).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') throw e;
        await copyFile(tmp, candidate, constants.COPYFILE_EXCL);
      });
      return candidate;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const existing = await stat(candidate).catch(() => null);
      if (existing?.isFile() && existing.size === size && (await sha256Of(candidate)) === digest) return candidate;
    }
  }
  return null;
}

/** Why writing failed, in words for the user (no paths: the page shows it as it is). */
function writeFailure(e: unknown): { status: number; text: string } | null {
  switch (errorCode(e)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { status: 507, text: 'The disk is full: free some space, then add the file again.' };
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return { status: 500, text: 'Moodtape cannot write to its data folder (read-only or no permission).' };
    case 'ENAMETOOLONG':
      return { status: 500, text: "Moodtape's data folder path is too long to store the file in." };
    default:
      return null;
  }
}

class TooLarge extends Error {}

export interface UploadOptions {
  importDir: string;
  log: ServeLog;
  openFile?: OpenUploadFile;
}

type Answer = { status: number; text: string; refuse?: boolean } | { status: 200; json: { path: string } };

/** Stores one uploaded file and answers { path }; every failure answers a message and leaves no temp file. */
export async function receiveUpload(req: IncomingMessage, res: ServerResponse, rawName: string | null, opts: UploadOptions): Promise<void> {
  const name = safeUploadName(rawName);
  const declared = Number(req.headers['content-length']);
  const tmp = join(opts.importDir, `.upload-${randomUUID()}`);
  let answer: Answer;
  if (!name) answer = { status: 415, text: 'Only audio files (mp3, ogg, opus, flac, m4a, aac, wav) can be added.', refuse: true };
  else if (Number.isFinite(declared) && declared > MAX_UPLOAD_BYTES)
    answer = { status: 413, text: 'That file is larger than 200 MB.', refuse: true };
  else {
    try {
      answer = await store(req, tmp, name, opts);
    } finally {
      // Before answering: the client may look at the folder as soon as it has the reply.
      await rm(tmp, { force: true }).catch(() => {});
    }
  }
  if ('json' in answer) return sendJson(res, 200, answer.json);
  if (answer.refuse) {
    // Stop reading a body we do not want; the reply still goes out.
    res.setHeader('connection', 'close');
    sendText(res, answer.status, answer.text);
    req.resume();
  } else sendText(res, answer.status, answer.text);
}

async function store(req: IncomingMessage, tmp: string, name: string, opts: UploadOptions): Promise<Answer> {
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > MAX_UPLOAD_BYTES) return done(new TooLarge());
      hash.update(chunk);
      done(null, chunk);
    },
  });
  let stage: 'prepare' | 'receive' | 'store' = 'prepare';
  try {
    await mkdir(opts.importDir, { recursive: true });
    stage = 'receive';
    const sink = (opts.openFile ?? openTemp)(tmp);
    // A write error is the disk's fault, whatever else the pipeline then reports.
    let diskError: unknown = null;
    sink.once('error', (e) => (diskError = e));
    await pipeline(req, meter, sink).catch((e) => {
      throw diskError ?? e;
    });
    if (size === 0) return { status: 400, text: 'That file is empty.' };
    stage = 'store';
    const file = await placeUpload(tmp, opts.importDir, name, size, hash.digest('hex'));
    if (!file) return { status: 409, text: 'Too many different files with that name.' };
    return { status: 200, json: { path: file } };
  } catch (e) {
    if (e instanceof TooLarge) return { status: 413, text: 'That file is larger than 200 MB.', refuse: true };
    const failure = writeFailure(e);
    if (failure) {
      opts.log(`upload of ${name}: ${errorCode(e)}`);
      return { ...failure, refuse: true };
    }
    if (stage === 'receive') return { status: 400, text: 'The upload was cut off.', refuse: true };
    throw e;
  }
}
