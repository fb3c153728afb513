/** Picks the transport: the Electron preload bridge when present, else the serve-mode WebSocket. */
import type { MoodtapeApi, MoodtapeBridge } from '../../shared/contract';
import { bridgeApi } from './bridge';
import { wsApi, type ConnectionStatus } from './ws-client';

export type { ConnectionStatus } from './ws-client';
export { toAppError } from './errors';

declare global {
  interface Window {
    moodtape?: MoodtapeBridge;
  }
}

export interface CreateApiOptions {
  onStatus?: (status: ConnectionStatus) => void;
  onReconnect?: () => void;
}

export function createApi(options: CreateApiOptions = {}): MoodtapeApi {
  if (window.moodtape) return bridgeApi(window.moodtape);
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return wsApi({
    wsUrl: `${scheme}//${location.host}/ws?token=${encodeURIComponent(token)}`,
    token,
    onStatus: options.onStatus,
    onReconnect: options.onReconnect,
  });
}
