/**
 * mpg123 built for speed: assets/wasm/mpg123.wasm is the same mpg123 code and C glue as the WASM
 * inside mpg123-decoder (built there for size, -Oz), built -O3 with mpg123's table-driven Huffman
 * decoder by scripts/mpg123/build.sh. It decodes to the same samples bit for bit, faster
 * (docs/audio-mood.md, Speed). Used only with the package version it was built and checked
 * against; anything else (another version, a missing or damaged file, an export missing, a failed
 * start) gives null, and the caller uses the package's own WASM.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { assetsDir } from '../../core/paths.js';
import { Wasm, type WasmModule } from './wasm-api.js';

/** The mpg123-decoder release whose mpg123 source and glue the file was built from. */
export const MPG123_PACKAGE_VERSION = '1.0.3';
export const MPG123_WASM_FILE = 'mpg123.wasm';

export interface Mpg123Exports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  mpeg_frame_decoder_create(ptr: number, gapless: number): number;
  mpeg_frame_decoder_destroy(decoder: number): void;
  mpeg_decoder_feed(decoder: number, ptr: number, length: number): number;
  mpeg_decoder_read(decoder: number, out: number, outLength: number, samples: number, rate: number, error: number): number;
  _initialize?: () => void;
}

const FUNCTIONS = ['malloc', 'free', 'mpeg_frame_decoder_create', 'mpeg_frame_decoder_destroy', 'mpeg_decoder_feed', 'mpeg_decoder_read'];

function packageVersion(): string | null {
  try {
    const entry = createRequire(import.meta.url).resolve('mpg123-decoder');
    return JSON.parse(readFileSync(join(dirname(entry), 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

const compiled = new Map<string, WasmModule | null>();

/** The compiled module (compiled once per thread), or null where it must not or cannot be used. */
function ownModule(path: string): WasmModule | null {
  if (process.env.MOODTAPE_MPG123 === 'package') return null;
  const known = compiled.get(path);
  if (known !== undefined) return known;
  let module: WasmModule | null = null;
  try {
    if (packageVersion() === MPG123_PACKAGE_VERSION) {
      const m = new Wasm.Module(readFileSync(path));
      const names = new Set(Wasm.Module.exports(m).map((e) => e.name));
      if (names.has('memory') && FUNCTIONS.every((f) => names.has(f))) module = m;
    }
  } catch {
    // Missing or damaged: the package's WASM is used.
  }
  compiled.set(path, module);
  return module;
}

/** No file system, no streams: the glue never calls these (they stand in for the C library's stdio). */
const EBADF = 8;
const imports = {
  env: { INT123_compat_close: () => -1 },
  wasi_snapshot_preview1: { fd_seek: () => EBADF, fd_read: () => EBADF, fd_close: () => EBADF, fd_write: () => EBADF },
};

/** A fresh instance of the -O3 build (its own 16 MiB heap), or null (then use the package). */
export function ownMpg123(path = join(assetsDir(), 'wasm', MPG123_WASM_FILE)): Mpg123Exports | null {
  const module = ownModule(path);
  if (!module) return null;
  try {
    const x = new Wasm.Instance(module, imports).exports as unknown as Mpg123Exports;
    x._initialize?.();
    return x;
  } catch {
    return null;
  }
}
