/**
 * Closing the window keeps Moodtape in the tray (music and tray quick mood go on), unless the
 * quit-on-close setting says otherwise or the app is already quitting (tray or menu Quit, Cmd+Q).
 */
export interface Closable {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  hide(): void;
}

export interface CloseOptions {
  /** Settings' quitOnClose, read at the moment of closing. */
  quitOnClose(): boolean;
  /** True once a quit has begun (app 'before-quit'): then the window really closes. */
  quitting(): boolean;
  quit(): void;
  /** Called the first time the window goes to the tray, to say where the app went. */
  hidden?(): void;
}

export function closeToTray(win: Closable, opts: CloseOptions): void {
  let told = false;
  win.on('close', (event) => {
    if (opts.quitting()) return;
    if (opts.quitOnClose()) {
      event.preventDefault();
      opts.quit();
      return;
    }
    event.preventDefault();
    win.hide();
    if (!told) {
      told = true;
      opts.hidden?.();
    }
  });
}
