/** Moods and playlists as the main process sends them (mood fit: the `mood` event carries its playlist). */
import type { Emotion, Mood, MoodPlaylist, Track } from '../../../src/shared/contract';
import { EMOTION_TARGETS } from '../../../src/shared/mood-space';

export function plan(emotion: Emotion, tracks: Track[], over: Partial<MoodPlaylist> = {}): MoodPlaylist {
  const target = EMOTION_TARGETS[emotion];
  return {
    emotion,
    intent: 'match',
    target,
    path: tracks.map(() => target),
    entries: tracks.map((track) => ({ track, reason: `joyful: near your ${emotion} mood`, waypoint: target, distance: 0.1 })),
    fitRadius: 0.45,
    widened: false,
    note: null,
    ...over,
  };
}

export function moodWith(emotion: Emotion, tracks: Track[], over: Partial<Mood> = {}): Mood {
  return {
    emotion,
    confidence: 1,
    source: 'manual',
    probabilities: null,
    at: Date.now(),
    autoplay: false,
    position: EMOTION_TARGETS[emotion],
    sure: true,
    playlist: plan(emotion, tracks),
    ...over,
  };
}
