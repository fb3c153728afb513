/**
 * Decodes the excerpt to analyse, as mono PCM at the file's own rate. Pure JS/WASM decoders from
 * npm (libopus, libvorbis, libFLAC, mpg123 builds: BSD/LGPL code in MIT packages, none GPL). The
 * file is read in chunks and decoding stops once the excerpt is complete, so a long track costs
 * no more memory than its excerpt. AAC/M4A has no permissively licensed JS decoder: those files
 * are decoded by a system ffmpeg when one is installed.
 */
import { spawn } from 'node:child_process';
import { open, type FileHandle } from 'node:fs/promises';
import { AnalysisError } from './errors.js';
import { id3Size, sniffFormat, type AudioFormat } from './sniff.js';
import { readWavInfo, readWavMono } from './wav.js';

export interface Excerpt {
  pcm: Float32Array;
  rate: number;
  format: AudioFormat;
}

export interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
}
interface StreamDecoder {
  ready: Promise<void>;
  decode(chunk: Uint8Array): Decoded | Promise<Decoded>;
  flush?(): Promise<Decoded>;
  free(): void;
}

export async function makeDecoder(format: AudioFormat): Promise<StreamDecoder> {
  switch (format) {
    case 'mp3':
      return new (await import('mpg123-decoder')).MPEGDecoder();
    case 'ogg-opus':
      return new (await import('ogg-opus-decoder')).OggOpusDecoder();
    case 'ogg-vorbis':
      return new (await import('@wasm-audio-decoders/ogg-vorbis')).OggVorbisDecoder();
    case 'flac':
      return new (await import('@wasm-audio-decoders/flac')).FLACDecoder();
    default:
      throw new AnalysisError('unsupported', `no decoder for ${format}`);
  }
}

/** Collects the mono samples that fall inside the excerpt (it sees every decoded chunk; only the excerpt is kept). */
export class ExcerptSink {
  private buf: Float32Array | null = null;
  private filled = 0;
  private seen = 0;
  rate = 0;
  constructor(
    private readonly startSec: number,
    private readonly lengthSec: number,
  ) {}

  /** Returns true once the excerpt is complete. */
  push(d: Decoded): boolean {
    if (d.samplesDecoded === 0 || d.channelData.length === 0) return this.done;
    if (!this.buf) {
      this.rate = d.sampleRate;
      this.buf = new Float32Array(Math.ceil(this.lengthSec * d.sampleRate));
    }
    const n = d.samplesDecoded;
    const start = Math.floor(this.startSec * this.rate);
    const from = Math.max(0, start - this.seen);
    const to = Math.min(n, from + (this.buf.length - this.filled));
    this.seen += n;
    if (from >= to) return this.done;
    // Downmix only the samples the excerpt keeps.
    const chans = d.channelData;
    const k = 1 / chans.length;
    for (let i = from; i < to; i++) {
      let v = 0;
      for (const ch of chans) v += ch[i];
      this.buf[this.filled++] = v * k;
    }
    return this.done;
  }

  get done(): boolean {
    return this.buf !== null && this.filled >= this.buf.length;
  }

  result(): Float32Array {
    return this.buf ? this.buf.subarray(0, this.filled) : new Float32Array(0);
  }
}

const CHUNK = 128 * 1024;

async function readHead(fh: FileHandle, size: number): Promise<{ head: Uint8Array; tag: number }> {
  const first = Buffer.alloc(Math.min(size, 10));
  await fh.read(first, 0, first.length, 0);
  const tag = Math.min(id3Size(first), size);
  const head = Buffer.alloc(Math.min(size - tag, 8192));
  await fh.read(head, 0, head.length, tag);
  return { head, tag };
}

async function streamDecode(fh: FileHandle, size: number, format: AudioFormat, from: number, sink: ExcerptSink): Promise<void> {
  const decoder = await makeDecoder(format);
  await decoder.ready;
  try {
    const chunk = Buffer.alloc(CHUNK);
    for (let pos = from; pos < size; pos += CHUNK) {
      const { bytesRead } = await fh.read(chunk, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      // The decoders keep a view of what they are given: hand each one its own copy.
      if (sink.push(await decoder.decode(chunk.slice(0, bytesRead)))) return;
    }
    if (decoder.flush) sink.push(await decoder.flush());
  } finally {
    decoder.free();
  }
}

/** Decodes AAC/M4A with a system ffmpeg (already resampled); unsupported when there is none. */
export function ffmpegExcerpt(path: string, startSec: number, lengthSec: number, rate: number): Promise<Float32Array> {
  return new Promise((resolve, reject) => {
    const args = [
      '-v',
      'error',
      '-nostdin',
      '-ss',
      String(startSec),
      '-t',
      String(lengthSec),
      '-i',
      path,
      '-vn',
      '-ac',
      '1',
      '-ar',
      String(rate),
      '-f',
      'f32le',
      'pipe:1',
    ];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const parts: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => parts.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()).slice(-2000));
    child.on('error', () =>
      reject(new AnalysisError('unsupported', 'AAC/M4A mood analysis needs ffmpeg installed; set the mood by hand or install ffmpeg')),
    );
    child.on('close', (code) => {
      const all = Buffer.concat(parts);
      if (code !== 0 || all.length < 4)
        return reject(new AnalysisError('corrupt', `could not decode the audio${err ? `: ${err.trim().split('\n')[0]}` : ''}`));
      const copy = new Uint8Array(all.length - (all.length % 4));
      copy.set(all.subarray(0, copy.length));
      resolve(new Float32Array(copy.buffer));
    });
  });
}

/** An audio file opened, its format recognised from its first bytes (extensions lie); the caller closes `fh`. */
export interface OpenedAudio {
  fh: FileHandle;
  size: number;
  /** Bytes of ID3 tag before the audio. */
  tag: number;
  format: Exclude<AudioFormat, 'unknown'>;
}

export async function openAudio(path: string): Promise<OpenedAudio> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    throw new AnalysisError('unreadable', `cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const size = (await fh.stat()).size;
    const { head, tag } = await readHead(fh, size);
    const format = sniffFormat(head);
    if (format === 'unknown') throw new AnalysisError('corrupt', 'not an audio file this app can read (unrecognised data)');
    return { fh, size, tag, format };
  } catch (e) {
    await fh.close().catch(() => {});
    throw e;
  }
}

/**
 * Mono PCM of [startSec, startSec + lengthSec). `durationSec` (from the tags) lets an MP3 start
 * reading near the excerpt instead of decoding everything before it.
 */
export async function decodeExcerpt(
  path: string,
  startSec: number,
  lengthSec: number,
  durationSec: number | null,
  ffmpegRate: number,
): Promise<Excerpt> {
  const { fh, size, tag, format } = await openAudio(path);
  try {
    if (format === 'wav') {
      const info = await readWavInfo(fh, size);
      return { pcm: await readWavMono(fh, info, startSec, lengthSec), rate: info.rate, format };
    }
    if (format === 'mp4' || format === 'aac' || format === 'ogg-flac') {
      await fh.close();
      return { pcm: await ffmpegExcerpt(path, startSec, lengthSec, ffmpegRate), rate: ffmpegRate, format };
    }
    let from = tag;
    let skip = startSec;
    if (format === 'mp3' && durationSec && durationSec > 0 && startSec > 0) {
      // MPEG frames resynchronise anywhere: jump to the excerpt's byte position (exact for CBR, close for VBR).
      from = tag + Math.floor(((size - tag) * startSec) / durationSec);
      skip = 0;
    }
    const sink = new ExcerptSink(skip, lengthSec);
    try {
      await streamDecode(fh, size, format, from, sink);
    } catch (e) {
      if (e instanceof AnalysisError) throw e;
      throw new AnalysisError('corrupt', `the audio data is damaged (${(e as Error).message})`);
    }
    const pcm = sink.result();
    if (pcm.length < sink.rate * 0.5 || pcm.length === 0) {
      throw new AnalysisError('corrupt', 'no audio could be decoded (damaged or not really audio)');
    }
    return { pcm, rate: sink.rate, format };
  } finally {
    await fh.close().catch(() => {});
  }
}
