/** Decoded audio as the decoders hand it on. */
export interface Decoded {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
}

/** Receives decoded audio (its arrays valid only during the call); returns true to stop decoding. */
export type BlockSink = (d: Decoded) => boolean;
