/**
 * How loud each track plays, without any audio: the main process gives every track a gain toward
 * -18 LUFS with its peak kept under -1 dBTP (its ReplayGain tag first, else our loudness analysis);
 * here that gain is picked (the album's when an album plays in order), turned into a factor, and
 * split between what the element can do (a volume of at most 1) and a Web Audio gain (any factor).
 */
import type { Track } from '../../shared/contract';

/** No tag or measurement makes a track louder than this (a damaged tag must not deafen anyone). */
export const MAX_BOOST_DB = 18;

export const dbToGain = (db: number): number => 10 ** (db / 20);

export function sameAlbum(a: Track | null | undefined, b: Track | null | undefined): boolean {
  return !!a && !!b && !!a.album && a.album === b.album && a.artist === b.artist;
}

export interface GainContext {
  /** Normalisation on (the setting). */
  normalize: boolean;
  /** The entries before and after the track in the queue. */
  previous?: Track | null;
  next?: Track | null;
  /** The queue plays in its own order (not shuffled): an album keeps its own dynamics. */
  inOrder: boolean;
}

/** The gain (dB) a track plays at: 0 when normalisation is off or nothing is known. */
export function trackGainDb(track: Track | null, c: GainContext): number {
  if (!c.normalize || !track) return 0;
  const inAlbum = c.inOrder && typeof track.albumGainDb === 'number' && (sameAlbum(track, c.previous) || sameAlbum(track, c.next));
  const db = inAlbum ? track.albumGainDb : track.gainDb;
  return typeof db === 'number' && Number.isFinite(db) ? Math.min(db, MAX_BOOST_DB) : 0;
}

export interface Levels {
  /** The element's volume (0..1). */
  element: number;
  /** The Web Audio gain after the element (1 where there is none). */
  boost: number;
}

/**
 * The user's `volume` (0..1) times `gain` (normalisation, may exceed 1) times `fade` (0..1, a
 * crossfade's share). With Web Audio the gain goes to a GainNode, so quiet tracks are raised; without
 * it the element can only lower them, and a boost is lost (capped at the user's volume).
 */
export function splitLevel(volume: number, gain: number, fade: number, webAudio: boolean): Levels {
  const v = clamp01(volume) * clamp01(fade);
  if (webAudio) return { element: v, boost: Math.max(0, gain) };
  return { element: clamp01(v * Math.max(0, gain)), boost: 1 };
}

/** Equal-power crossfade shares at `t` (0..1 through the fade): the outgoing and incoming track's factors. */
export function equalPower(t: number): { out: number; in: number } {
  const x = clamp01(t);
  return { out: Math.cos((x * Math.PI) / 2), in: Math.sin((x * Math.PI) / 2) };
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.max(0, Math.min(1, x)) : 0;
}
