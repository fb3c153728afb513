/**
 * Durations the tag reader cannot give cheaply. Ogg streams carry no length in their headers, but
 * every page records the sample position it ends at, so the last page (found in the file's last
 * 64 KiB) gives the length without reading the rest. An MP3 with neither a VBR header nor a
 * constant bit rate gets an estimate from its mean bit rate; the decode then measures it exactly.
 */
import { open } from 'node:fs/promises';

const TAIL = 64 * 1024;

/** The pre-skip (Opus) or sample rate (Vorbis, FLAC) from the first page: what turns a granule position into seconds. */
function oggClock(head: Uint8Array): { rate: number; preSkip: number } | null {
  const text = Buffer.from(head).toString('latin1');
  let i = text.indexOf('OpusHead');
  // OpusHead: magic(8) version(1) channels(1) pre-skip(u16) input rate(u32); the granule clock is always 48 kHz.
  if (i >= 0 && i + 12 <= head.length) return { rate: 48000, preSkip: head[i + 10] | (head[i + 11] << 8) };
  i = text.indexOf('\x01vorbis');
  // Vorbis identification header: type(1) "vorbis"(6) version(u32) channels(1) rate(u32).
  if (i >= 0 && i + 16 <= head.length) return { rate: Buffer.from(head).readUInt32LE(i + 12), preSkip: 0 };
  i = text.indexOf('\x7fFLAC');
  // Ogg FLAC: "\x7fFLAC"(5) version(2) header count(2) "fLaC"(4) then STREAMINFO (4-byte block header, 10 bytes in: 20-bit rate).
  if (i >= 0 && i + 30 <= head.length) {
    const s = i + 13 + 4 + 10;
    return { rate: (head[s] << 12) | (head[s + 1] << 4) | (head[s + 2] >> 4), preSkip: 0 };
  }
  return null;
}

/** Seconds of audio in an Ogg Opus/Vorbis/FLAC file, from its last page; null when it cannot be read. */
export async function oggDurationSec(path: string): Promise<number | null> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    const head = Buffer.alloc(Math.min(size, 4096));
    await fh.read(head, 0, head.length, 0);
    const clock = oggClock(head);
    if (!clock || !(clock.rate > 0)) return null;
    const from = Math.max(0, size - TAIL);
    const tail = Buffer.alloc(size - from);
    await fh.read(tail, 0, tail.length, from);
    // The last page whose header fits: capture pattern, version 0, then the 64-bit granule position.
    for (let at = tail.lastIndexOf('OggS'); at >= 0; at = at > 0 ? tail.lastIndexOf('OggS', at - 1) : -1) {
      if (at + 14 > tail.length || tail[at + 4] !== 0) continue;
      const granule = tail.readBigInt64LE(at + 6);
      if (granule < 0n) continue; // -1: no packet ends on this page
      const sec = (Number(granule) - clock.preSkip) / clock.rate;
      return sec > 0 && Number.isFinite(sec) ? sec : null;
    }
    return null;
  } finally {
    await fh.close();
  }
}

/** An MP3's length from its audio bytes and mean bit rate (kbit/s figures as bits per second). */
export function mp3EstimateSec(audioBytes: number, bitrate: number | undefined): number | null {
  if (!bitrate || !(bitrate > 0) || !(audioBytes > 0)) return null;
  return (audioBytes * 8) / bitrate;
}
