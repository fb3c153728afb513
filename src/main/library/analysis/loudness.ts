/**
 * Integrated loudness and true peak of a whole track (EBU R128 / ITU-R BS.1770-4), measured by
 * LoudnessMeter, or by ffmpeg's ebur128 for the formats without a JS decoder. Playback uses the
 * result as a gain toward REFERENCE_LUFS that never pushes the peak past PEAK_CEILING_DB.
 */
import { spawn } from 'node:child_process';
import type { FileHandle } from 'node:fs/promises';
import { CHUNK, decodeFile, openAudio, type Decoded } from './decode.js';
import { AnalysisError } from './errors.js';
import { LoudnessMeter, type Loudness } from './loudness-meter.js';
import { readWavInfo } from './wav.js';

export type { Loudness };

export const REFERENCE_LUFS = -18;
/** Where the loudest (true) peak may land after the gain: EBU R128's -1 dBTP. */
export const PEAK_CEILING_DB = -1;

/** The gain (dB) that brings a track to REFERENCE_LUFS without its peak passing PEAK_CEILING_DB. */
export function normalisationGain(l: Loudness, reference = REFERENCE_LUFS): number {
  if (!Number.isFinite(l.integratedLufs)) return 0;
  return Math.min(reference - l.integratedLufs, PEAK_CEILING_DB - l.truePeakDb);
}

/** A ReplayGain tag's gain, lowered where its peak (a ratio of full scale) would pass PEAK_CEILING_DB. */
export function limitedGain(gainDb: number, peak: number | null): number {
  if (!peak || !(peak > 0)) return gainDb;
  return Math.min(gainDb, PEAK_CEILING_DB - 20 * Math.log10(peak));
}

/** Parses the summary that ffmpeg's `ebur128` filter prints at the end (stderr). */
export function parseEbur128Summary(stderr: string): Loudness | null {
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const i = /I:\s+(-?[\d.]+|-inf)\s+LUFS/.exec(summary);
  if (!i) return null;
  const peak = /Peak:\s+(-?[\d.]+|-inf)\s+dBFS/.exec(summary);
  const num = (s: string) => (s === '-inf' ? -Infinity : Number(s));
  return { integratedLufs: num(i[1]), truePeakDb: peak ? num(peak[1]) : 0 };
}

/** ffmpeg's own meter, for the formats without a JS decoder (AAC/M4A, Ogg FLAC) and for checking ours. */
export function ffmpegLoudness(path: string): Promise<Loudness> {
  return new Promise((resolve, reject) => {
    const args = ['-hide_banner', '-nostats', '-nostdin', '-i', path, '-vn', '-af', 'ebur128=peak=true', '-f', 'null', '-'];
    const child = spawn('ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => {
      err = (err + b.toString()).slice(-8000);
    });
    child.on('error', () => reject(new AnalysisError('unsupported', 'measuring the loudness of AAC/M4A needs ffmpeg installed')));
    child.on('close', (code) => {
      const l = code === 0 ? parseEbur128Summary(err) : null;
      if (l) resolve(l);
      else reject(new AnalysisError('corrupt', 'could not measure the loudness (the audio could not be decoded)'));
    });
  });
}

export async function measureWav(fh: FileHandle, size: number): Promise<Loudness> {
  const info = await readWavInfo(fh, size);
  const bytes = info.bits / 8;
  const frameBytes = bytes * info.channels;
  const meter = new LoudnessMeter(info.rate, info.channels);
  const framesPerChunk = Math.floor(CHUNK / frameBytes);
  const buf = Buffer.alloc(framesPerChunk * frameBytes);
  const channels = Array.from({ length: info.channels }, () => new Float32Array(framesPerChunk));
  const read = (o: number): number => {
    if (info.float) return bytes === 4 ? buf.readFloatLE(o) : buf.readDoubleLE(o);
    if (bytes === 1) return (buf[o] - 128) / 128;
    if (bytes === 2) return buf.readInt16LE(o) / 32768;
    if (bytes === 3) return buf.readIntLE(o, 3) / 8388608;
    return buf.readInt32LE(o) / 2147483648;
  };
  for (let pos = 0; pos < info.dataBytes; pos += buf.length) {
    const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, info.dataBytes - pos), info.dataOffset + pos);
    const frames = Math.floor(bytesRead / frameBytes);
    if (frames === 0) break;
    for (let i = 0; i < frames; i++) for (let c = 0; c < info.channels; c++) channels[c][i] = read(i * frameBytes + c * bytes);
    meter.push(channels, frames);
  }
  return meter.result();
}

/** Decodes the whole file (chunk by chunk, so memory stays flat) and measures it. */
export async function measureLoudness(path: string): Promise<Loudness> {
  const { fh, size, tag, format } = await openAudio(path);
  try {
    if (format === 'wav') return await measureWav(fh, size);
    if (format === 'mp4' || format === 'aac' || format === 'ogg-flac') return await ffmpegLoudness(path);
    let meter: LoudnessMeter | null = null;
    await decodeFile(fh, tag, size, format, (d: Decoded) => {
      if (d.samplesDecoded === 0 || d.channelData.length === 0) return false;
      meter ??= new LoudnessMeter(d.sampleRate, d.channelData.length);
      meter.push(d.channelData, d.samplesDecoded);
      return false;
    });
    if (!meter) throw new AnalysisError('corrupt', 'no audio could be decoded (damaged or not really audio)');
    return (meter as LoudnessMeter).result();
  } finally {
    await fh.close().catch(() => {});
  }
}
