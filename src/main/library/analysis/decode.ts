/**
 * The decoding parts the analysis's single pass (single-pass.ts) is built from: pure JS/WASM
 * decoders from npm (libopus, libvorbis, libFLAC, mpg123 builds: BSD/LGPL code in MIT packages,
 * none GPL), the excerpt collector, and the format check. AAC/M4A has no permissively licensed JS
 * decoder: those files are decoded by a system ffmpeg when one is installed.
 */
import { spawn } from 'node:child_process';
import { open, type FileHandle } from 'node:fs/promises';
import type { BlockSink, Decoded } from './decoded.js';
import { AnalysisError } from './errors.js';
import { Mp3BlockDecoder } from './mp3-decoder.js';
import { id3Size, sniffFormat, type AudioFormat } from './sniff.js';
import { parseWavHeader, type WavInfo } from './wav.js';

export type { BlockSink, Decoded } from './decoded.js';

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

/** A decoder that hands its output to a sink, so it may reuse its buffers between calls. */
export interface BlockDecoder {
  /** Decodes `chunk` (which it does not keep); true once the sink asked to stop. */
  decode(chunk: Uint8Array, sink: BlockSink): Promise<boolean>;
  flush(sink: BlockSink): Promise<boolean>;
  free(): void;
}

async function makeBlockDecoder(format: AudioFormat): Promise<BlockDecoder> {
  if (format === 'mp3') {
    const mp3 = await Mp3BlockDecoder.create();
    if (mp3)
      return {
        decode: async (chunk, sink) => mp3.decode(chunk, sink),
        flush: async (sink) => mp3.flush(sink),
        free: () => mp3.free(),
      };
  }
  const decoder = await makeDecoder(format);
  await decoder.ready;
  return {
    // The decoders keep a view of what they are given: hand each one its own copy.
    decode: async (chunk, sink) => sink(await decoder.decode(chunk.slice())),
    flush: async (sink) => (decoder.flush ? sink(await decoder.flush()) : false),
    free: () => decoder.free(),
  };
}

/** Bytes read and decoded at a time: memory stays flat however long the file. */
export const CHUNK = 128 * 1024;

/**
 * Decodes the file's audio bytes [from, size) chunk by chunk, handing the audio to `sink` until it
 * asks to stop. Damaged data is an AnalysisError 'corrupt'; the sink's own AnalysisErrors pass as they are.
 */
export async function decodeFile(fh: FileHandle, from: number, size: number, format: AudioFormat, sink: BlockSink): Promise<void> {
  const decoder = await makeBlockDecoder(format);
  try {
    const chunk = Buffer.alloc(CHUNK);
    let stop = false;
    for (let pos = from; pos < size && !stop; pos += CHUNK) {
      const { bytesRead } = await fh.read(chunk, 0, CHUNK, pos);
      if (bytesRead === 0) break;
      stop = await decoder.decode(chunk.subarray(0, bytesRead), sink);
    }
    if (!stop) await decoder.flush(sink);
  } catch (e) {
    if (e instanceof AnalysisError) throw e;
    throw new AnalysisError('corrupt', `the audio data is damaged (${(e as Error).message})`);
  } finally {
    decoder.free();
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
    const buf = this.buf;
    let o = this.filled;
    if (chans.length === 2) {
      const [l, r] = chans;
      for (let i = from; i < to; i++) {
        let v = 0;
        v += l[i];
        v += r[i];
        buf[o++] = v * k;
      }
    } else {
      for (let i = from; i < to; i++) {
        let v = 0;
        for (let c = 0; c < chans.length; c++) v += chans[c][i];
        buf[o++] = v * k;
      }
    }
    this.filled = o;
    return this.done;
  }

  get done(): boolean {
    return this.buf !== null && this.filled >= this.buf.length;
  }

  result(): Float32Array {
    return this.buf ? this.buf.subarray(0, this.filled) : new Float32Array(0);
  }
}

async function readHead(fh: FileHandle, size: number): Promise<{ head: Uint8Array; tag: number }> {
  const first = Buffer.alloc(Math.min(size, 10));
  await fh.read(first, 0, first.length, 0);
  const tag = Math.min(id3Size(first), size);
  const head = Buffer.alloc(Math.min(size - tag, 8192));
  await fh.read(head, 0, head.length, tag);
  return { head, tag };
}

/**
 * Decodes AAC/M4A (and Ogg FLAC) with a system ffmpeg; unsupported when there is none. ffmpeg only
 * decodes and folds to mono: the excerpt comes back at the file's own rate, for the app's resampler to
 * bring to the analysis rates exactly as it does for every other format (ffmpeg's sharper resampler
 * lets more treble through, which moved M4A copies away from the same audio in other formats). The
 * window is cut here to the samples ExcerptSink keeps.
 */
export function ffmpegExcerpt(path: string, startSec: number, lengthSec: number): Promise<{ pcm: Float32Array; rate: number }> {
  return new Promise((resolve, reject) => {
    const args = [
      '-v',
      'error',
      '-nostdin',
      // Input seeking: a window deep in a long file is reached through the index, not decoded up to.
      '-ss',
      startSec.toFixed(6),
      // A little over the window, so that rounding in ffmpeg cannot leave it a sample short.
      '-t',
      (lengthSec + 0.05).toFixed(6),
      '-i',
      path,
      '-vn',
      '-ac',
      '1',
      // Without it ffmpeg folds stereo into mono as (L + R) / sqrt(2) for float output, 3 dB above the
      // channel average every other decoder here gives: an M4A copy would sound louder to the model.
      '-rematrix_maxval',
      '1',
      '-c:a',
      'pcm_f32le',
      '-f',
      'wav',
      'pipe:1',
    ];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const parts: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => parts.push(b));
    // The first line makes the message; the rest is only kept up to a bound.
    child.stderr.on('data', (b: Buffer) => {
      if (err.length < 2000) err += b.toString();
    });
    child.on('error', () =>
      reject(new AnalysisError('unsupported', 'AAC/M4A mood analysis needs ffmpeg installed; set the mood by hand or install ffmpeg')),
    );
    child.on('close', (code) => {
      const all = Buffer.concat(parts);
      let wav: WavInfo | null = null;
      try {
        wav = parseWavHeader(all, all.length);
      } catch {}
      if (code !== 0 || !wav || all.length < wav.dataOffset + 4)
        return reject(new AnalysisError('corrupt', `could not decode the audio${err ? `: ${err.trim().split('\n')[0]}` : ''}`));
      const n = Math.min(Math.floor((all.length - wav.dataOffset) / 4), Math.ceil(lengthSec * wav.rate));
      const copy = new Uint8Array(n * 4);
      copy.set(all.subarray(wav.dataOffset, wav.dataOffset + n * 4));
      resolve({ pcm: new Float32Array(copy.buffer), rate: wav.rate });
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
