/**
 * How a playlist fits. Moods are planned on the library's own scale (library-scale.ts): a mood's
 * playlist draws on the music of the library nearest it there, at most this share of the library
 * (a third: a library of 24 tracks fills a playlist of 8 for every mood, and no mood reaches across
 * to the opposite corner). "Widen" allows half.
 */
export const FIT_SHARE = 1 / 3;
export const WIDE_SHARE = 1 / 2;
/**
 * On the plane itself: within this distance of where a mood sits, music fits it outright; when even
 * the library's nearest music is farther, the playlist says so ("your saddest music is fairly bright").
 */
export const FIT_RADIUS = 0.45;
/** Within this distance a track is "right on" the mood rather than "near" it (reason lines). */
export const CLOSE = 0.2;
