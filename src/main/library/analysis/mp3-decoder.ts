/**
 * The MP3 decoder: mpg123 in WASM, driven without mpg123-decoder's per-call JS glue. `decode()`
 * slices every decoded frame out of the WASM heap, then concatenates the slices into new arrays,
 * about 1.5 GB of copies and garbage for an hour of stereo audio. Here each frame is copied once,
 * from the heap into two reused block buffers, and handed on a block at a time. The WASM is our -O3
 * build of the package's own mpg123 code (mpg123-wasm.ts), else the package's; both are driven by
 * the same calls in the same order as `decode()`, so the samples are the same. Where neither can be
 * used, `create` returns null and the caller uses the public `decode()`.
 */
import { MPEGDecoder } from 'mpg123-decoder';
import type { BlockSink } from './decoded.js';
import { ownMpg123 } from './mpg123-wasm.js';

interface HeapArray<T> {
  ptr: number;
  len: number;
  buf: T;
}

/** The WASM calls and heap buffers the decode loop drives, from either build. */
interface Engine {
  feed(decoder: number, ptr: number, length: number): number;
  read(decoder: number, out: number, outLength: number, samples: number, rate: number, error: number): number;
  decoder: number;
  input: HeapArray<Uint8Array>;
  output: HeapArray<Float32Array>;
  count: HeapArray<Uint32Array>;
  rate: HeapArray<Uint32Array>;
  error: HeapArray<Uint32Array>;
  free(): void;
}

/** The parts of MPEGDecoder 1.0.x (after `ready`) this drives; checked at run time. */
interface Internals {
  _common: { wasm: { mpeg_decoder_feed: Engine['feed']; mpeg_decoder_read: Engine['read'] } };
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
/** MPEGDecoder's buffer sizes: input bytes fed at a time, output floats (two channels of the largest read). */
const INPUT_BYTES = 2 ** 16;
const OUTPUT_FLOATS = 2889 * 16 * 2;

/** The -O3 build, set up as MPEGDecoder sets up its own (same buffers, gapless on), or null. */
function ownEngine(): Engine | null {
  const x = ownMpg123();
  if (!x) return null;
  const alloc = <T>(len: number, type: { new (b: ArrayBuffer, o: number, l: number): T; BYTES_PER_ELEMENT: number }): HeapArray<T> => {
    const ptr = x.malloc(len * type.BYTES_PER_ELEMENT);
    return { ptr, len, buf: new type(x.memory.buffer, ptr, len) };
  };
  const input = alloc(INPUT_BYTES, Uint8Array);
  const output = alloc(OUTPUT_FLOATS, Float32Array);
  const handle = alloc(1, Uint32Array);
  if (!input.ptr || !output.ptr || !handle.ptr || x.mpeg_frame_decoder_create(handle.ptr, 1) !== 0) return null;
  const decoder = handle.buf[0];
  return {
    feed: x.mpeg_decoder_feed,
    read: x.mpeg_decoder_read,
    decoder,
    input,
    output,
    count: alloc(1, Uint32Array),
    rate: alloc(1, Uint32Array),
    error: alloc(1, Uint32Array),
    // The instance and its heap go with the last reference: nothing to free one by one.
    free: () => x.mpeg_frame_decoder_destroy(decoder),
  };
}

/** The package's decoder, driven through its internals, or null where they are not the expected ones. */
async function packageEngine(): Promise<Engine | null> {
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
  const i = x as Internals;
  return {
    feed: i._common.wasm.mpeg_decoder_feed,
    read: i._common.wasm.mpeg_decoder_read,
    decoder: i._decoder,
    input: i._input,
    output: i._output,
    count: i._samplesDecodedPtr,
    rate: i._sampleRatePtr,
    error: i._errorStringPtr,
    free: () => decoder.free(),
  };
}

export class Mp3BlockDecoder {
  private readonly left = new Float32Array(BLOCK);
  private readonly right = new Float32Array(BLOCK);
  private filled = 0;
  private rate = 0;
  private stopped = false;

  private constructor(
    private readonly x: Engine,
    /** 'own': the -O3 build; 'package': mpg123-decoder's WASM. */
    readonly build: 'own' | 'package',
  ) {}

  /** A ready decoder, or null where neither the own build nor the package's internals can be used. */
  static async create(): Promise<Mp3BlockDecoder | null> {
    let own: Engine | null = null;
    try {
      own = ownEngine();
    } catch {
      // A trap while setting up (not expected): the package's WASM instead.
    }
    if (own) return new Mp3BlockDecoder(own, 'own');
    const pkg = await packageEngine();
    return pkg ? new Mp3BlockDecoder(pkg, 'package') : null;
  }

  /** Decodes `data` (any length), handing full blocks to `sink`; returns true once `sink` asked to stop. */
  decode(data: Uint8Array, sink: BlockSink): boolean {
    const { feed, read, decoder: dec, input, output, count, rate, error } = this.x;
    // Fed in pieces of the input buffer's size, as MPEGDecoder.decode feeds them.
    for (let off = 0; off < data.length && !this.stopped; off += input.len) {
      const piece = data.subarray(off, off + input.len);
      input.buf.set(piece);
      if (feed(dec, input.ptr, piece.length) === NEED_MORE) continue;
      for (let errors = 0; errors < MAX_ERRORS && !this.stopped;) {
        count.buf[0] = 0;
        const status = read(dec, output.ptr, output.len, count.ptr, rate.ptr, error.ptr);
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
    this.x.free();
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
