/**
 * How near a track must be to count as fitting a mood. 0.45 on a plane 2 wide keeps a happy
 * playlist among bright, positive music (joyful, tender), and a sad one among melancholic music;
 * "widen" allows the next ring out when a library has too little near the mood.
 */
export const FIT_RADIUS = 0.45;
export const WIDE_RADIUS = 0.8;
/** Within this distance a track is "right on" the mood rather than "near" it (reason lines). */
export const CLOSE = 0.2;
