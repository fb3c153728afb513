/**
 * What the e2e run gives the shell's own modules for `import ... from 'electron'` (vitest.e2e.config.ts
 * aliases the module here): the two main-process primitives bindIpc and the media protocol use,
 * recording what they register so the test bridge can route the page's calls and requests to it.
 */
type InvokeHandler = (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Promise<Response> | Response;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, fn: InvokeHandler): void {
    // Electron throws on a second handler for one channel; so does this.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const protocol = {
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(_schemes: unknown[]): void {},
  handle(scheme: string, fn: ProtocolHandler): void {
    if (this.handlers.has(scheme)) throw new Error(`The scheme "${scheme}" is already handled`);
    this.handlers.set(scheme, fn);
  },
  unhandle(scheme: string): void {
    this.handlers.delete(scheme);
  },
};

/** Only the type is used by bindIpc; the bridge passes an object with send/isDestroyed. */
export type WebContents = { send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean };

export default { ipcMain, protocol };
