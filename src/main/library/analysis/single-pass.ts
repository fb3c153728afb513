/**
 * One decode of the whole file feeds everything the analysis needs: the loudness meter (every
 * sample, every channel), the excerpt the mood model hears (mono, only its minute kept), and the
 * exact length (samples counted). Formats without a JS decoder (AAC/M4A, Ogg FLAC) go to a system
 * ffmpeg instead; WAV is read directly.
 */
import { AnalysisError } from './errors.js';
import { decodeFile, ExcerptSink, ffmpegExcerpt, openAudio, type Decoded } from './decode.js';
import { ffmpegLoudness, measureWav, type Loudness } from './loudness.js';
import { LoudnessMeter } from './loudness-meter.js';
import type { AudioFormat } from './sniff.js';
import { readWavInfo, readWavMono } from './wav.js';

export interface DecodedTrack {
  excerpt: Float32Array;
  rate: number;
  format: AudioFormat;
  loudness: Loudness;
  /** Counted while decoding (null where ffmpeg decoded the excerpt only). */
  durationSec: number | null;
}

/** Milliseconds spent per stage, summed over calls (for the benchmark). */
export interface StageTimes {
  decode: number;
  loudness: number;
  features: number;
  model: number;
}

export async function decodeTrack(
  path: string,
  window: { startSec: number; lengthSec: number },
  times?: StageTimes,
  /** false: skip the loudness meter (feature extraction for training needs only the excerpt). */
  meterLoudness = true,
): Promise<DecodedTrack> {
  const t0 = performance.now();
  const { fh, size, tag, format } = await openAudio(path);
  try {
    if (format === 'wav') {
      const info = await readWavInfo(fh, size);
      const excerpt = await readWavMono(fh, info, window.startSec, window.lengthSec);
      const t1 = performance.now();
      const loudness = await measureWav(fh, size);
      if (times) {
        times.decode += t1 - t0;
        times.loudness += performance.now() - t1;
      }
      return { excerpt, rate: info.rate, format, loudness, durationSec: info.dataBytes / ((info.bits / 8) * info.channels) / info.rate };
    }
    if (format === 'mp4' || format === 'aac' || format === 'ogg-flac') {
      await fh.close();
      const { pcm: excerpt, rate } = await ffmpegExcerpt(path, window.startSec, window.lengthSec);
      const t1 = performance.now();
      const loudness = await ffmpegLoudness(path);
      if (times) {
        times.decode += t1 - t0;
        times.loudness += performance.now() - t1;
      }
      return { excerpt, rate, format, loudness, durationSec: null };
    }
    const sink = new ExcerptSink(window.startSec, window.lengthSec);
    let meter: LoudnessMeter | null = null;
    let samples = 0;
    let rate = 0;
    let metering = 0;
    const feed = (d: Decoded): boolean => {
      if (d.samplesDecoded === 0 || d.channelData.length === 0) return false;
      rate = d.sampleRate;
      samples += d.samplesDecoded;
      const t = performance.now();
      meter ??= new LoudnessMeter(d.sampleRate, d.channelData.length);
      if (meterLoudness) meter.push(d.channelData, d.samplesDecoded);
      metering += performance.now() - t;
      // Without the meter, the rest of the file is not needed once the excerpt is complete.
      return sink.push(d) && !meterLoudness;
    };
    await decodeFile(fh, tag, size, format, feed);
    const excerpt = sink.result();
    if (!meter || excerpt.length < sink.rate * 0.5) {
      throw new AnalysisError('corrupt', 'no audio could be decoded (damaged or not really audio)');
    }
    if (times) {
      times.decode += performance.now() - t0 - metering;
      times.loudness += metering;
    }
    // Without the meter the decode may have stopped early: then neither loudness nor length is known.
    return meterLoudness
      ? { excerpt, rate: sink.rate, format, loudness: (meter as LoudnessMeter).result(), durationSec: samples / rate }
      : { excerpt, rate: sink.rate, format, loudness: { integratedLufs: NaN, truePeakDb: NaN }, durationSec: null };
  } finally {
    await fh.close().catch(() => {});
  }
}
