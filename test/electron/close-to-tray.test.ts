/** Closing the window keeps Moodtape in the tray unless the user chose quit-on-close, or is quitting. */
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { closeToTray } from '../../src/main/electron/close-to-tray.js';

class Win extends EventEmitter {
  visible = true;
  closed = false;
  hide = vi.fn(() => void (this.visible = false));
  /** Like BrowserWindow.close(): 'close' listeners may prevent it. */
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) this.closed = true;
  }
}

function setup(over: Partial<{ quitOnClose: boolean; quitting: boolean }> = {}) {
  const s = { quitOnClose: false, quitting: false, ...over };
  const win = new Win();
  const quit = vi.fn();
  const hidden = vi.fn();
  closeToTray(win, { quitOnClose: () => s.quitOnClose, quitting: () => s.quitting, quit, hidden });
  return { s, win, quit, hidden };
}

describe('close to tray', () => {
  it('hides the window instead of closing it, and the app keeps running', () => {
    const { win, quit } = setup();
    win.close();
    expect(win.closed).toBe(false);
    expect(win.visible).toBe(false);
    expect(quit).not.toHaveBeenCalled();
  });

  it('says once where the app went', () => {
    const { win, hidden } = setup();
    win.close();
    win.visible = true;
    win.close();
    expect(hidden).toHaveBeenCalledTimes(1);
  });

  it('quits instead when the setting says so (read at the moment of closing)', () => {
    const { s, win, quit } = setup();
    s.quitOnClose = true;
    win.close();
    expect(quit).toHaveBeenCalledTimes(1);
    expect(win.hide).not.toHaveBeenCalled();
  });

  it('lets the window close while the app quits (tray or menu Quit)', () => {
    const { s, win, quit } = setup();
    s.quitting = true;
    win.close();
    expect(win.closed).toBe(true);
    expect(win.hide).not.toHaveBeenCalled();
    expect(quit).not.toHaveBeenCalled();
  });
});
