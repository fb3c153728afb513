/**
 * Serves a known track's file with HTTP Range support; shared by the Electron protocol and the
 * serve-mode route. The file is opened before anything is answered and read through that handle,
 * so a file moved, replaced or deleted mid-stream (a tag editor saving) does not break the
 * response; a read that still fails errors the body stream, which the transport turns into a cut
 * response, never a crash.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Readable } from 'node:stream';

export interface MediaResponse {
  status: 200 | 206 | 404 | 416;
  headers: Record<string, string>;
  /** null for errors; a byte stream otherwise. */
  body: Readable | null;
}

const MIME: Record<string, string> = {
  '.opus': 'audio/ogg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
};

export function mimeFor(path: string): string {
  return MIME[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

const notFound = (): MediaResponse => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: null });

/** `path` must come from the library (resolved from a track id), never from the request. */
export async function fileResponse(path: string | null, range: string | null): Promise<MediaResponse> {
  if (!path) return notFound();
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch {
    return notFound();
  }
  let size: number;
  try {
    const s = await handle.stat();
    if (!s.isFile()) throw new Error('not a file');
    size = s.size;
  } catch {
    await handle.close().catch(() => {});
    return notFound();
  }
  const base = { 'content-type': mimeFor(path), 'accept-ranges': 'bytes', 'cache-control': 'no-cache' };
  const body = (start: number, end: number) => handle.createReadStream({ start, end, autoClose: true });
  // Several ranges at once (multipart/byteranges) are not worth building for audio: the standard lets
  // a server ignore Range, so a valid list gets the whole file, as if no range had been asked.
  if (!range || /^bytes=\s*(?:\d+-\d*|-\d+)(?:\s*,\s*(?:\d+-\d*|-\d+))+\s*$/.test(range.trim())) {
    return { status: 200, headers: { ...base, 'content-length': String(size) }, body: body(0, Math.max(0, size - 1)) };
  }
  const m = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
  let start: number;
  let end: number;
  if (m && (m[1] !== '' || m[2] !== '')) {
    if (m[1] === '') {
      // suffix range: the last N bytes
      start = Math.max(0, size - Number(m[2]));
      end = size - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    }
  } else {
    start = NaN;
    end = NaN;
  }
  if (!(start <= end) || start >= size) {
    await handle.close().catch(() => {});
    return { status: 416, headers: { ...base, 'content-range': `bytes */${size}` }, body: null };
  }
  return {
    status: 206,
    headers: { ...base, 'content-length': String(end - start + 1), 'content-range': `bytes ${start}-${end}/${size}` },
    body: body(start, end),
  };
}
