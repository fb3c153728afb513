/** Reads the PCM of a RIFF/WAVE file (integer 8/16/24/32-bit and float 32/64), only the part asked for. */
import type { FileHandle } from 'node:fs/promises';
import { AnalysisError } from './errors.js';

export interface WavInfo {
  channels: number;
  rate: number;
  bits: number;
  float: boolean;
  dataOffset: number;
  dataBytes: number;
}

export async function readWavInfo(fh: FileHandle, size: number): Promise<WavInfo> {
  const head = Buffer.alloc(Math.min(size, 64 * 1024));
  await fh.read(head, 0, head.length, 0);
  return parseWavHeader(head, size);
}

/** The format and data chunk of a WAV file of `size` bytes whose first bytes are `head`. */
export function parseWavHeader(head: Buffer, size: number): WavInfo {
  let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes'> | null = null;
  let pos = 12;
  while (pos + 8 <= head.length) {
    const id = head.toString('latin1', pos, pos + 4);
    const len = head.readUInt32LE(pos + 4);
    if (id === 'fmt ' && pos + 8 + 16 <= head.length) {
      let tag = head.readUInt16LE(pos + 8);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (tag === 0xfffe && len >= 40 && pos + 8 + 26 <= head.length) tag = head.readUInt16LE(pos + 8 + 24);
      const bits = head.readUInt16LE(pos + 8 + 14);
      fmt = { channels: head.readUInt16LE(pos + 8 + 2), rate: head.readUInt32LE(pos + 8 + 4), bits, float: tag === 3 };
      if ((tag !== 1 && tag !== 3) || !fmt.channels || !fmt.rate || ![8, 16, 24, 32, 64].includes(bits)) {
        throw new AnalysisError('unsupported', `WAV encoding not supported (format ${tag}, ${bits} bits)`);
      }
    } else if (id === 'data') {
      if (!fmt) break;
      const dataOffset = pos + 8;
      // Streams written live leave the length at 0 or 0xFFFFFFFF: take the rest of the file.
      const dataBytes = len === 0 || len === 0xffffffff || dataOffset + len > size ? size - dataOffset : len;
      return { ...fmt, dataOffset, dataBytes };
    }
    pos += 8 + len + (len & 1);
  }
  throw new AnalysisError('corrupt', 'not a readable WAV file (no fmt/data chunk)');
}

/** Mono samples of [startSec, startSec + lengthSec). */
export async function readWavMono(fh: FileHandle, info: WavInfo, startSec: number, lengthSec: number): Promise<Float32Array> {
  const bytes = info.bits / 8;
  const frameBytes = bytes * info.channels;
  const totalFrames = Math.floor(info.dataBytes / frameBytes);
  const first = Math.min(totalFrames, Math.floor(startSec * info.rate));
  const count = Math.min(totalFrames - first, Math.floor(lengthSec * info.rate));
  const buf = Buffer.alloc(count * frameBytes);
  await fh.read(buf, 0, buf.length, info.dataOffset + first * frameBytes);
  const out = new Float32Array(count);
  const read = (o: number): number => {
    if (info.float) return bytes === 4 ? buf.readFloatLE(o) : buf.readDoubleLE(o);
    switch (bytes) {
      case 1:
        return (buf[o] - 128) / 128;
      case 2:
        return buf.readInt16LE(o) / 32768;
      case 3:
        return buf.readIntLE(o, 3) / 8388608;
      default:
        return buf.readInt32LE(o) / 2147483648;
    }
  };
  for (let i = 0; i < count; i++) {
    let s = 0;
    for (let c = 0; c < info.channels; c++) s += read(i * frameBytes + c * bytes);
    out[i] = s / info.channels;
  }
  return out;
}
