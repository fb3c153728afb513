/** Tags, duration and cover art with music-metadata; file-name fallbacks where tags are missing. */
import { open, readFile, stat } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import { decodeProblem } from './decode-check.js';
import { mp3EstimateSec, oggDurationSec } from './analysis/duration.js';
import { id3Size, sniffFormat, type AudioFormat } from './analysis/sniff.js';
import { mimeFor } from './media-response.js';
import { namesFromPath } from './scan.js';

export interface TagInfo {
  path: string;
  size: number;
  mtimeMs: number;
  title: string;
  artist: string;
  album: string;
  durationSec: number;
  /** ReplayGain tags, when the file has them (they win over our own loudness analysis). */
  replayGain: ReplayGain | null;
}

export interface ReplayGain {
  trackGainDb: number | null;
  /** Sample peak as a ratio of full scale. */
  trackPeak: number | null;
  albumGainDb: number | null;
  albumPeak: number | null;
}

type Ratio = { dB?: number; ratio?: number } | undefined;

function replayGainOf(common: Record<string, unknown>): ReplayGain | null {
  const db = (v: unknown) => {
    const x = (v as Ratio)?.dB;
    return typeof x === 'number' && Number.isFinite(x) ? x : null;
  };
  const ratio = (v: unknown) => {
    const x = (v as Ratio)?.ratio;
    return typeof x === 'number' && Number.isFinite(x) && x > 0 ? x : null;
  };
  const rg: ReplayGain = {
    trackGainDb: db(common.replaygain_track_gain),
    trackPeak: ratio(common.replaygain_track_peak),
    albumGainDb: db(common.replaygain_album_gain),
    albumPeak: ratio(common.replaygain_album_peak),
  };
  return rg.trackGainDb === null && rg.albumGainDb === null ? null : rg;
}

/** `albumFromFolder`: no album tag, `album` is the folder's name. */
export type TagResult =
  ({ ok: true; albumFromFolder: boolean } & TagInfo) | { ok: false; path: string; kind: 'unreadable' | 'corrupt'; message: string };

/** Is this really audio? Extensions lie (a text file renamed .mp3); the first bytes do not. */
async function sniffFile(path: string, size: number): Promise<{ format: AudioFormat; tag: number }> {
  const fh = await open(path, 'r');
  try {
    const first = Buffer.alloc(Math.min(size, 10));
    await fh.read(first, 0, first.length, 0);
    const tag = id3Size(first);
    const head = Buffer.alloc(Math.max(0, Math.min(size - tag, 8192)));
    await fh.read(head, 0, head.length, tag);
    return { format: sniffFormat(head), tag };
  } finally {
    await fh.close();
  }
}

export async function readTags(path: string): Promise<TagResult> {
  let size: number, mtimeMs: number, sniffed: { format: AudioFormat; tag: number };
  try {
    const s = await stat(path);
    size = s.size;
    mtimeMs = s.mtimeMs;
    sniffed = await sniffFile(path, size);
    if (sniffed.format === 'unknown') {
      return {
        ok: false,
        path,
        kind: 'corrupt',
        message: size === 0 ? 'the file is empty' : 'not audio (the data does not match its file type)',
      };
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      ok: false,
      path,
      kind: 'unreadable',
      message: `cannot read the file (${code === 'EACCES' ? 'permission denied' : (code ?? (e as Error).message)})`,
    };
  }
  const damaged = await decodeProblem(path, sniffed.format, sniffed.tag).catch((e: Error) => `the audio does not decode (${e.message})`);
  if (damaged) return { ok: false, path, kind: 'corrupt', message: damaged };
  const fallback = namesFromPath(path);
  try {
    // duration: false keeps a big import fast (true would read every Ogg page and every frame of a
    // VBR MP3 without a header); the lengths it cannot give come from durationOf.
    const { common, format } = await parseFile(path, { skipCovers: true, duration: false });
    const d = await durationOf(path, sniffed, size, format.duration, format.bitrate);
    const durationSec = d ? Math.round(d * 10) / 10 : 0;
    return {
      ok: true,
      path,
      size,
      mtimeMs,
      title: common.title?.trim() || fallback.title,
      artist: common.artist?.trim() || common.albumartist?.trim() || fallback.artist || 'Unknown artist',
      album: common.album?.trim() || fallback.album || '',
      albumFromFolder: !common.album?.trim() && !!fallback.album,
      durationSec,
      replayGain: replayGainOf(common as unknown as Record<string, unknown>),
    };
  } catch (e) {
    return { ok: false, path, kind: 'corrupt', message: `the file is damaged (${(e as Error).message.slice(0, 200)})` };
  }
}

/**
 * Ogg: from the last page (music-metadata would have to read them all). MP3 with neither a VBR
 * header nor a constant bit rate: an estimate from the mean bit rate, which the analysis's decode
 * replaces with the exact length. Everything else (FLAC, WAV, MP4, CBR or tagged VBR MP3): the header.
 */
async function durationOf(
  path: string,
  sniffed: { format: AudioFormat; tag: number },
  size: number,
  fromHeader: number | undefined,
  bitrate: number | undefined,
): Promise<number | null> {
  const ok = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
  if (sniffed.format.startsWith('ogg')) {
    const d = await oggDurationSec(path).catch(() => null);
    if (ok(d)) return d;
  }
  if (ok(fromHeader)) return fromHeader;
  if (sniffed.format === 'mp3') {
    const d = mp3EstimateSec(size - sniffed.tag, bitrate);
    if (ok(d)) return d;
  }
  return null;
}

export interface Cover {
  mime: string;
  data: Uint8Array;
}

/** The embedded front cover, else an image beside the file (cover.jpg, folder.png, ...). */
export async function readCover(path: string, folderImage: string | null): Promise<Cover | null> {
  try {
    const { common } = await parseFile(path, { duration: false });
    const pics = common.picture ?? [];
    const pic = pics.find((p) => /front/i.test(p.type ?? '')) ?? pics[0];
    if (pic) return { mime: pic.format.startsWith('image/') ? pic.format : `image/${pic.format}`, data: pic.data };
  } catch {
    /* unreadable tags: try the folder image */
  }
  if (!folderImage) return null;
  try {
    return { mime: mimeFor(folderImage), data: await readFile(folderImage) };
  } catch {
    return null;
  }
}
