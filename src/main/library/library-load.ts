/**
 * Reading library.json one entry at a time: an entry that cannot be trusted is kept aside (with
 * why), never silently dropped, and never served half-valid. What can be recomputed (an analysis)
 * is simply redone; what only the user can give (a mood correction) is kept aside with its track.
 */
import { EMOTIONS, MUSIC_MOODS, type Emotion, type MusicMood } from '../../shared/contract.js';
import { isObject } from '../../shared/is-object.js';
import { EMOTION_TARGETS, MUSIC_MOOD_CENTRES } from '../../shared/mood-space.js';
import type { Correction, LibraryData, LibraryEntry } from './library-types.js';

export interface Rejected {
  /** What was set aside: a whole track, a track's correction, or a demo track's correction. */
  kind: 'track' | 'correction' | 'demo-correction' | 'removed-path';
  /** A name the user recognises (title, file name, or the demo id). */
  name: string;
  reason: string;
  value: unknown;
}

const text = (v: unknown) => typeof v === 'string';
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const unit = (v: unknown) => finite(v) && v >= -1 && v <= 1;

const isEmotion = (v: unknown): v is Emotion => (EMOTIONS as readonly unknown[]).includes(v);
const isMusicMood = (v: unknown): v is MusicMood => (MUSIC_MOODS as readonly unknown[]).includes(v);
const absent = (v: unknown) => v === null || v === undefined;

/**
 * Why a correction is not usable, or null when it is. Files written before tracks were described
 * by music moods hold the picked face emotion (`emotion`) beside its position: the position stays,
 * and an emotion without a position stands for its target.
 */
function correctionProblem(c: unknown): string | null {
  if (!isObject(c)) return 'the correction is not an object';
  if (!absent(c.musicMood) && !isMusicMood(c.musicMood)) return 'its music mood is unknown';
  if (!absent(c.emotion) && !isEmotion(c.emotion)) return 'its emotion is unknown';
  const placedByLabel = isMusicMood(c.musicMood) || isEmotion(c.emotion);
  if (!placedByLabel || c.valence !== undefined || c.arousal !== undefined) {
    if (!unit(c.valence)) return 'its valence is not a number from -1 to 1';
    if (!unit(c.arousal)) return 'its arousal is not a number from -1 to 1';
  }
  if (!finite(c.at)) return 'its date is not a number';
  return null;
}

/** A correction that passed correctionProblem, in today's shape. */
function toCorrection(c: Record<string, unknown>): Correction {
  const musicMood = isMusicMood(c.musicMood) ? c.musicMood : null;
  const placed = unit(c.valence)
    ? { valence: c.valence as number, arousal: c.arousal as number }
    : musicMood
      ? MUSIC_MOOD_CENTRES[musicMood]
      : EMOTION_TARGETS[c.emotion as Emotion];
  return { valence: placed.valence, arousal: placed.arousal, musicMood, at: c.at as number };
}

/** Why a track entry cannot be used at all, or null. */
function trackProblem(e: Record<string, unknown>): string | null {
  for (const key of ['id', 'path'] as const) if (!text(e[key]) || e[key] === '') return `its ${key} is missing or not text`;
  for (const key of ['title', 'artist', 'album'] as const) if (!text(e[key])) return `its ${key} is missing or not text`;
  for (const key of ['size', 'mtimeMs', 'durationSec'] as const)
    if (!finite(e[key]) || (e[key] as number) < 0) return `its ${key} is missing or not a number`;
  return null;
}

const fileName = (path: unknown) => (typeof path === 'string' ? (path.split(/[\\/]/).pop() ?? path) : '');
const nameOf = (e: unknown) => {
  if (!isObject(e)) return 'an unnamed entry';
  return (text(e.title) && (e.title as string)) || fileName(e.path) || (text(e.id) && (e.id as string)) || 'an unnamed entry';
};

/** A stored analysis is only a cache: one that does not place the track on the plane is redone. */
function analysisOf(a: unknown): LibraryEntry['analysis'] {
  return isObject(a) && unit(a.valence) && unit(a.arousal) ? (a as unknown as LibraryEntry['analysis']) : null;
}

/** ReplayGain values as read from the tags: numbers or null; anything else is dropped (the tags are read again on change). */
function replayGainOf(v: unknown): LibraryEntry['replayGain'] {
  if (!isObject(v)) return null;
  const num = (x: unknown) => (finite(x) ? (x as number) : null);
  return { trackGainDb: num(v.trackGainDb), trackPeak: num(v.trackPeak), albumGainDb: num(v.albumGainDb), albumPeak: num(v.albumPeak) };
}

export function loadLibraryData(parsed: Record<string, unknown>): { data: LibraryData; rejected: Rejected[] } {
  const rejected: Rejected[] = [];
  const tracks: LibraryEntry[] = [];
  const ids = new Set<string>();
  for (const raw of Array.isArray(parsed.tracks) ? parsed.tracks : []) {
    const problem = isObject(raw) ? trackProblem(raw) : 'it is not an object';
    if (problem || !isObject(raw)) {
      rejected.push({ kind: 'track', name: nameOf(raw), reason: problem ?? 'it is not an object', value: raw });
      continue;
    }
    if (ids.has(raw.id as string)) {
      rejected.push({ kind: 'track', name: nameOf(raw), reason: 'another track has the same id', value: raw });
      continue;
    }
    ids.add(raw.id as string);
    let correction: Correction | null = null;
    if (raw.correction !== null && raw.correction !== undefined) {
      const why = correctionProblem(raw.correction);
      if (why) rejected.push({ kind: 'correction', name: nameOf(raw), reason: why, value: raw });
      else correction = toCorrection(raw.correction as Record<string, unknown>);
    }
    tracks.push({
      ...(raw as unknown as LibraryEntry),
      addedAt: finite(raw.addedAt) ? raw.addedAt : Date.now(),
      analysis: analysisOf(raw.analysis),
      analysisError: text(raw.analysisError) ? (raw.analysisError as string) : null,
      correction,
      folderImage: text(raw.folderImage) ? (raw.folderImage as string) : null,
      missing: raw.missing === true ? true : undefined,
      replayGain: replayGainOf(raw.replayGain),
    });
  }
  const demoCorrections: Record<string, Correction> = {};
  if (isObject(parsed.demoCorrections)) {
    for (const [id, c] of Object.entries(parsed.demoCorrections)) {
      const why = correctionProblem(c);
      if (why) rejected.push({ kind: 'demo-correction', name: id, reason: why, value: { [id]: c } });
      else demoCorrections[id] = toCorrection(c as Record<string, unknown>);
    }
  }
  const removed: string[] = [];
  for (const p of Array.isArray(parsed.removed) ? parsed.removed : []) {
    if (text(p)) removed.push(p as string);
    else rejected.push({ kind: 'removed-path', name: 'a removed track', reason: 'its path is not text', value: p });
  }
  return { data: { tracks, removed, demoCorrections }, rejected };
}
