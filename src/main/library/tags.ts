/** Tags, duration and cover art with music-metadata; file-name fallbacks where tags are missing. */
import { open, readFile, stat } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import { id3Size, sniffFormat } from './analysis/sniff.js';
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

export type TagResult = ({ ok: true } & TagInfo) | { ok: false; path: string; kind: 'unreadable' | 'corrupt'; message: string };

/** Is this really audio? Extensions lie (a text file renamed .mp3); the first bytes do not. */
async function looksLikeAudio(path: string, size: number): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const first = Buffer.alloc(Math.min(size, 10));
    await fh.read(first, 0, first.length, 0);
    const tag = id3Size(first);
    const head = Buffer.alloc(Math.max(0, Math.min(size - tag, 8192)));
    await fh.read(head, 0, head.length, tag);
    return sniffFormat(head) !== 'unknown';
  } finally {
    await fh.close();
  }
}

export async function readTags(path: string): Promise<TagResult> {
  let size: number, mtimeMs: number;
  try {
    const s = await stat(path);
    size = s.size;
    mtimeMs = s.mtimeMs;
    if (!(await looksLikeAudio(path, size))) {
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
  const fallback = namesFromPath(path);
  try {
    const { common, format } = await parseFile(path, { skipCovers: true, duration: false });
    const durationSec = format.duration && Number.isFinite(format.duration) ? Math.round(format.duration * 10) / 10 : 0;
    return {
      ok: true,
      path,
      size,
      mtimeMs,
      title: common.title?.trim() || fallback.title,
      artist: common.artist?.trim() || common.albumartist?.trim() || fallback.artist || 'Unknown artist',
      album: common.album?.trim() || fallback.album || '',
      durationSec,
      replayGain: replayGainOf(common as unknown as Record<string, unknown>),
    };
  } catch (e) {
    return { ok: false, path, kind: 'corrupt', message: `the file is damaged (${(e as Error).message.slice(0, 200)})` };
  }
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
