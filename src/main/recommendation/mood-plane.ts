/**
 * Where each emotion sits on the valence/arousal plane. The geometry lives in src/shared/mood-space.ts
 * (the renderer draws with the same numbers); these names stay for the library's imports.
 */
export { EMOTION_TARGETS as MOOD_TARGETS, distance, musicMoodOf, nearestEmotion } from '../../shared/mood-space.js';
