/**
 * Does the audio decode? A file can carry a real MP3 header (so its tags read fine) and noise
 * after it: the import decodes the start of the audio and turns such a file away, rather than
 * adding a track that will not play.
 */
import { open } from 'node:fs/promises';
import type { AudioFormat } from './analysis/sniff.js';

/** How much audio (after any ID3 tag) is decoded: a second or two at common bit rates. */
const PROBE_BYTES = 48 * 1024;
/** A good file decodes with no errors; a stray one (a cut frame) is forgiven. */
const MAX_ERRORS = 2;

interface ProbeDecoder {
  ready: Promise<void>;
  decode(chunk: Uint8Array): { samplesDecoded: number; errors?: unknown[] };
  free(): void;
}

/** Null when the start of the audio decodes; else why not. Formats without a check here pass. */
export async function decodeProblem(path: string, format: AudioFormat, tagBytes: number): Promise<string | null> {
  if (format !== 'mp3') return null;
  const fh = await open(path, 'r');
  let chunk: Buffer;
  try {
    chunk = Buffer.alloc(PROBE_BYTES);
    const { bytesRead } = await fh.read(chunk, 0, PROBE_BYTES, tagBytes);
    chunk = chunk.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const decoder = new (await import('mpg123-decoder')).MPEGDecoder() as unknown as ProbeDecoder;
  await decoder.ready;
  // The decoder reports each bad frame on the console as well; a corrupt file would fill the log.
  const log = console.error;
  console.error = () => {};
  try {
    const r = decoder.decode(chunk);
    const errors = r.errors?.length ?? 0;
    if (r.samplesDecoded === 0) return 'the audio does not decode (damaged, or not MP3 inside)';
    if (errors > MAX_ERRORS) return `the audio is damaged (${errors} bad frames in its first ${PROBE_BYTES / 1024} KB)`;
    return null;
  } finally {
    console.error = log;
    decoder.free();
  }
}
