/** Binds the contract to Electron IPC: one invoke channel per method, one channel for all events. */
import { ipcMain, type WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_PREFIX, METHODS } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';
import { toAppError } from '../core/errors.js';

export interface IpcOptions {
  /** Whether a frame URL is the app's own page; calls from anything else are refused. */
  isAppPage(url: string): boolean;
  /** Where events go (the main window's contents), or null when there is no window. */
  target(): WebContents | null;
}

export function bindIpc(moodtape: Pick<Moodtape, 'call' | 'subscribe'>, opts: IpcOptions): () => void {
  for (const method of METHODS) {
    ipcMain.handle(IPC_PREFIX + method, async (event, params: unknown) => {
      const url = event.senderFrame?.url ?? '';
      if (!opts.isAppPage(url)) throw new Error(`Moodtape refused "${method}" from ${url || 'an unknown frame'}`);
      // call() answers every failure as an envelope; this catch is the last guard, so a bug there
      // is an answer too, never an unhandled rejection in the main process.
      return moodtape.call(method, params).catch((e: unknown) => ({ ok: false as const, error: toAppError(e) }));
    });
  }
  const unsubscribe = moodtape.subscribe((name, payload) => {
    const contents = opts.target();
    if (!contents || contents.isDestroyed()) return;
    contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    for (const method of METHODS) ipcMain.removeHandler(IPC_PREFIX + method);
  };
}
