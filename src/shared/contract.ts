/**
 * The one contract between the main-process services and the renderer, split by domain under
 * contract/: domain types (vision, mood, library, player, app), the requests (each declared
 * once, in contract/requests), the events, and the wire (envelopes, limits, channel names).
 * Electron IPC (src/main/electron/ipc.ts + src/preload) and the loopback HTTP/WebSocket
 * transport (src/main/serve) are two thin bindings of it; the renderer only sees MoodtapeApi.
 */
export * from './contract/app.js';
export * from './contract/errors.js';
export * from './contract/events.js';
export * from './contract/library.js';
export * from './contract/limits.js';
export * from './contract/mood.js';
export * from './contract/player.js';
export * from './contract/requests/index.js';
export * from './contract/vision.js';
export * from './contract/wire.js';
