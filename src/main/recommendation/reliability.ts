/**
 * How far the recommender trusts a track's place. Against listeners' ratings the audio analysis ranks
 * arousal well and valence only roughly (held-out Spearman on Emotify, model v8, mean over five fold
 * seeds: 0.80 and 0.44; docs/audio-mood.md). On a library's own scale the place a listener would give a track is then, on
 * average, that share of its analysed place: a track the analysis calls "darker than 90% of your
 * music" is more likely "darker than 70%". Ranking by this expected place, rather than by the analysed
 * one, makes a mood lean on the axis the analysis reads well and on the clearest cases of the other
 * (held out on 340 rated excerpts: playlist fit 0.40 -> 0.54, mean over three splits' held-out places of
 * model v6, as with v4's; `npm run bench:fit -- --places`, docs/playlist-fit.md). A place the user set
 * is taken as it is.
 */
import type { MoodPoint, Track } from '../../shared/contract.js';

export const ANALYSIS_RELIABILITY = { valence: 0.44, arousal: 0.8 } as const;
/** The mood model these shares were measured for: a new model needs them measured again (a test holds the two together). */
export const RELIABILITY_OF_MODEL = 8;

/** A track's expected place on the library's scale, from its place there and where that place came from. */
export function expectedPlace(relative: MoodPoint, track: Pick<Track, 'moodSource'>): MoodPoint {
  if (track.moodSource === 'correction') return relative;
  return { valence: relative.valence * ANALYSIS_RELIABILITY.valence, arousal: relative.arousal * ANALYSIS_RELIABILITY.arousal };
}
