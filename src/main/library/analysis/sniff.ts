/** The audio format of a file from its first bytes (extensions lie: a renamed text file is not an mp3). */
export type AudioFormat = 'mp3' | 'ogg-opus' | 'ogg-vorbis' | 'ogg-flac' | 'flac' | 'wav' | 'mp4' | 'aac' | 'unknown';

const ascii = (b: Uint8Array, at: number, len: number) => String.fromCharCode(...b.subarray(at, at + len));

/** Size of a leading ID3v2 tag (0 if none). */
export function id3Size(b: Uint8Array): number {
  if (b.length < 10 || ascii(b, 0, 3) !== 'ID3') return 0;
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  return 10 + size + (b[5] & 0x10 ? 10 : 0);
}

function mpegFrameAt(b: Uint8Array, i: number): boolean {
  if (i + 4 > b.length || b[i] !== 0xff || (b[i + 1] & 0xe0) !== 0xe0) return false;
  const version = (b[i + 1] >> 3) & 3;
  const layer = (b[i + 1] >> 1) & 3;
  const bitrate = b[i + 2] >> 4;
  const rate = (b[i + 2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && rate !== 3;
}

/** `head` holds the file's first bytes (a few KiB; past any ID3 tag when it has one). */
export function sniffFormat(head: Uint8Array): AudioFormat {
  if (head.length < 12) return 'unknown';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WAVE') return 'wav';
  if (ascii(head, 0, 4) === 'fLaC') return 'flac';
  if (ascii(head, 4, 4) === 'ftyp') return 'mp4';
  if (ascii(head, 0, 4) === 'OggS') {
    const first = ascii(head, 0, Math.min(head.length, 512));
    if (first.includes('OpusHead')) return 'ogg-opus';
    if (first.includes('\x01vorbis')) return 'ogg-vorbis';
    if (first.includes('\x7fFLAC')) return 'ogg-flac';
    return 'unknown';
  }
  // ADTS AAC: sync word with layer bits 00.
  if (head[0] === 0xff && (head[1] & 0xf6) === 0xf0) return 'aac';
  // MPEG audio: two frame headers in a row within the first bytes (one alone is too easy to fake).
  for (let i = 0; i < Math.min(head.length - 4, 4096); i++) {
    if (!mpegFrameAt(head, i)) continue;
    const b = head;
    const version = (b[i + 1] >> 3) & 3;
    const layer = (b[i + 1] >> 1) & 3;
    const kbps = mpegBitrate(version, layer, b[i + 2] >> 4);
    const hz = [
      [11025, 12000, 8000],
      [0, 0, 0],
      [22050, 24000, 16000],
      [44100, 48000, 32000],
    ][version][(b[i + 2] >> 2) & 3];
    const pad = (b[i + 2] >> 1) & 1;
    const len =
      layer === 3
        ? Math.floor(((12 * kbps * 1000) / hz + pad) * 4)
        : Math.floor(((version === 3 || layer === 2 ? 144 : 72) * kbps * 1000) / hz) + pad;
    if (len > 0 && (i + len + 4 > head.length || mpegFrameAt(head, i + len))) return 'mp3';
  }
  return 'unknown';
}

function mpegBitrate(version: number, layer: number, index: number): number {
  const v1 = version === 3;
  const table = v1
    ? layer === 3
      ? [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448]
      : layer === 2
        ? [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384]
        : [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320]
    : layer === 3
      ? [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256]
      : [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  return table[index] ?? 0;
}
