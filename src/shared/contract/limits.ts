/** Size limits both transports and the request schemas share. */

/** The serve-mode upload cap for one dropped file. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Transport limits. Serve mode's WebSocket takes messages up to MAX_MESSAGE_BYTES, and every valid
 * request fits under it: the largest, importPaths with MAX_IMPORT_PATHS paths of 4,096 characters
 * that each take 6 bytes in JSON (\u0001), is about 24.6 MB (test/faults/transport.test.ts sends
 * it). The renderer sends more paths than MAX_IMPORT_PATHS in several calls.
 */
export const MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_PATHS = 1000;

/** The longest reason line a queued track keeps with the session (the recommender's are far shorter). */
export const MAX_REASON_CHARS = 500;
