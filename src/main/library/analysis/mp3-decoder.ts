/**
 * The MP3 decoder (mpg123-decoder's WASM build of mpg123) driven without its per-call JS glue:
 * `decode()` slices every decoded frame out of the WASM heap, then concatenates the slices into
 * new arrays, about 1.5 GB of copies and garbage for an hour of stereo audio. Here each frame is
 * copied once, from the heap into two reused block buffers, and handed on a block at a time. Same
 * WASM calls in the same order, so the same samples; where the package's internals are not the ones
 * this was written for, `create` returns null and the caller uses the public `decode()`.
 */
import { MPEGDecoder } from 'mpg123-decoder';
import type { BlockSink } from './decoded.js';

interface HeapArray<T> {
  ptr: number;
  len: number;
  buf: T;
}

/** The parts of MPEGDecoder 1.0.x (after `ready`) this drives; checked at run time. */
interface Internals {
  _common: {
    wasm: {
      mpeg_decoder_feed(decoder: number, ptr: number, length: number): number;
      mpeg_decoder_read(decoder: number, out: number, outLength: number, samples: number, rate: number, error: number): number;
    };
  };
  _decoder: number;
  _input: HeapArray<Uint8Array>;
  _output: HeapArray<Float32Array>;
  _samplesDecodedPtr: HeapArray<Uint32Array>;
  _sampleRatePtr: HeapArray<Uint32Array>;
  _errorStringPtr: HeapArray<Uint32Array>;
}

const NEED_MORE = -10;
const NEW_FORMAT = -11;
/** Samples per channel in a block handed on (about 1.4 s at 48 kHz). */
const BLOCK = 65536;
/** A read that fails this many times in a row without output gives up on the rest of the fed data. */
const MAX_ERRORS = 64;

export class Mp3BlockDecoder {
  private readonly left = new Float32Array(BLOCK);
  private readonly right = new Float32Array(BLOCK);
  private filled = 0;
  private rate = 0;
  private stopped = false;

  private constructor(
    private readonly decoder: MPEGDecoder,
    private readonly x: Internals,
  ) {}

  /** A ready decoder, or null where mpg123-decoder's internals differ from the ones expected. */
  static async create(): Promise<Mp3BlockDecoder | null> {
    const decoder = new MPEGDecoder();
    await decoder.ready;
    const x = decoder as unknown as Partial<Internals>;
    const heap = (a: HeapArray<unknown> | undefined, type: new (...args: never[]) => unknown) =>
      !!a && typeof a.ptr === 'number' && typeof a.len === 'number' && a.buf instanceof type;
    const ok =
      typeof x._common?.wasm?.mpeg_decoder_feed === 'function' &&
      typeof x._common.wasm.mpeg_decoder_read === 'function' &&
      typeof x._decoder === 'number' &&
      heap(x._input, Uint8Array) &&
      heap(x._output, Float32Array) &&
      heap(x._samplesDecodedPtr, Uint32Array) &&
      heap(x._sampleRatePtr, Uint32Array) &&
      heap(x._errorStringPtr, Uint32Array);
    if (!ok) {
      decoder.free();
      return null;
    }
    return new Mp3BlockDecoder(decoder, x as Internals);
  }

  /** Decodes `data` (any length), handing full blocks to `sink`; returns true once `sink` asked to stop. */
  decode(data: Uint8Array, sink: BlockSink): boolean {
    const { _common, _decoder: dec, _input: input, _output: output, _samplesDecodedPtr: count, _sampleRatePtr: rate } = this.x;
    const wasm = _common.wasm;
    // Fed in pieces of the input buffer's size, as MPEGDecoder.decode feeds them.
    for (let off = 0; off < data.length && !this.stopped; off += input.len) {
      const piece = data.subarray(off, off + input.len);
      input.buf.set(piece);
      if (wasm.mpeg_decoder_feed(dec, input.ptr, piece.length) === NEED_MORE) continue;
      for (let errors = 0; errors < MAX_ERRORS && !this.stopped;) {
        count.buf[0] = 0;
        const status = wasm.mpeg_decoder_read(dec, output.ptr, output.len, count.ptr, rate.ptr, this.x._errorStringPtr.ptr);
        const n = count.buf[0];
        if (n > 0) this.take(output.buf, n, rate.buf[0], sink);
        if (status === NEED_MORE) break;
        // A damaged frame: mpg123 resyncs on the next read (MPEGDecoder.decode logs it and reads on).
        if (status !== 0 && status !== NEW_FORMAT && n === 0) errors++;
        else errors = 0;
      }
    }
    return this.stopped;
  }

  /** Hands on what is left in the block. */
  flush(sink: BlockSink): boolean {
    if (this.filled > 0 && !this.stopped) this.emit(sink);
    return this.stopped;
  }

  free(): void {
    this.decoder.free();
  }

  /** Appends n samples per channel, stored planar (left, then right) at the heap buffer's start. */
  private take(heap: Float32Array, n: number, rate: number, sink: BlockSink): void {
    if (this.filled > 0 && rate !== this.rate) this.emit(sink);
    this.rate = rate;
    let from = 0;
    while (from < n && !this.stopped) {
      const k = Math.min(n - from, BLOCK - this.filled);
      this.left.set(heap.subarray(from, from + k), this.filled);
      this.right.set(heap.subarray(n + from, n + from + k), this.filled);
      this.filled += k;
      from += k;
      if (this.filled === BLOCK) this.emit(sink);
    }
  }

  private emit(sink: BlockSink): void {
    const n = this.filled;
    this.filled = 0;
    const full = n === BLOCK;
    const d = {
      channelData: full ? [this.left, this.right] : [this.left.subarray(0, n), this.right.subarray(0, n)],
      samplesDecoded: n,
      sampleRate: this.rate,
    };
    if (sink(d)) this.stopped = true;
  }
}
