/** Tray icon: quick mood (with a notification), mood and intent submenus, play/pause, next, show window, quit. */
import { Menu, Notification, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { EMOTIONS, MOOD_INTENTS, type AppError, type Emotion, type MoodIntent, type Settings } from '../../shared/contract.js';
import type { Moodtape } from '../app/types.js';

export interface TrayOptions {
  iconPath: string;
  appIconPath: string;
  showWindow(): void;
  quit(): void;
  /** Each new context menu (the desktop smoke test reads it back). */
  onMenu?(menu: Menu): void;
}

const ADJECTIVE: Record<Emotion, string> = {
  angry: 'angry',
  disgust: 'disgusted',
  fear: 'fearful',
  happy: 'happy',
  neutral: 'calm',
  sad: 'sad',
  surprise: 'surprised',
};

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The same choices as the mood panel's intent buttons. */
const INTENT_LABELS: Record<MoodIntent, string> = {
  match: 'Match my mood',
  lift: 'Lift my mood',
  calm: 'Calm me down',
  energise: 'Energise me',
};

export function moodMessage(emotion: Emotion): string {
  return `You look ${ADJECTIVE[emotion]} — playing ${ADJECTIVE[emotion]} music`;
}

const isAppError = (e: unknown): e is AppError =>
  typeof e === 'object' && e !== null && typeof (e as AppError).message === 'string' && typeof (e as AppError).code === 'string';

/** Runs a quick mood and says what happened: the mood, or the problem (from the error or the app's error event). */
export async function quickMoodNotice(moodtape: Pick<Moodtape, 'quickMood' | 'subscribe'>): Promise<{ title: string; body: string }> {
  let problem: AppError | null = null;
  const unsubscribe = moodtape.subscribe((name, payload) => {
    if (name === 'error') problem = payload as AppError;
  });
  try {
    const mood = await moodtape.quickMood();
    if (mood) return { title: 'Moodtape', body: moodMessage(mood.emotion) };
  } catch (e) {
    if (isAppError(e)) problem = e;
    else problem = { code: 'internal', message: e instanceof Error ? e.message : String(e), hint: '' };
  } finally {
    unsubscribe();
  }
  const p = problem as AppError | null;
  return {
    title: 'Moodtape could not read your mood',
    body: p ? [p.message, p.hint].filter(Boolean).join(' ') : 'Open Moodtape to try again or pick a mood by hand.',
  };
}

export function showNotice(n: { title: string; body: string }, icon: string): void {
  if (Notification.isSupported()) new Notification({ ...n, icon, silent: true }).show();
}

export function trayMenuTemplate(
  moodtape: Pick<Moodtape, 'chooseMood' | 'sendCommand' | 'call'>,
  actions: { quickMood(): void; showWindow(): void; quit(): void },
  current: Emotion | null,
  intent: MoodIntent = 'match',
): MenuItemConstructorOptions[] {
  return [
    { label: 'Quick mood', click: () => actions.quickMood() },
    {
      label: 'Mood',
      submenu: EMOTIONS.map((e) => ({
        label: capital(e),
        type: 'radio' as const,
        checked: e === current,
        click: () => void moodtape.chooseMood(e, 'tray'),
      })),
    },
    {
      label: 'Music',
      submenu: MOOD_INTENTS.map((i) => ({
        label: INTENT_LABELS[i],
        type: 'radio' as const,
        checked: i === intent,
        // Saved like the panel's buttons; the settings event re-checks the menu.
        click: () => void moodtape.call('updateSettings', { intent: i }),
      })),
    },
    { type: 'separator' },
    { label: 'Play / Pause', click: () => moodtape.sendCommand('play-pause') },
    { label: 'Next', click: () => moodtape.sendCommand('next') },
    { type: 'separator' },
    { label: 'Show window', click: () => actions.showWindow() },
    { label: 'Quit', click: () => actions.quit() },
  ];
}

export function createTray(moodtape: Moodtape, opts: TrayOptions): () => void {
  const image = nativeImage.createFromPath(opts.iconPath);
  if (process.platform === 'darwin') image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Moodtape');
  let current: Emotion | null = null;
  let intent: MoodIntent = 'match';
  let busy = false;

  const notify = (n: { title: string; body: string }) => showNotice(n, opts.appIconPath);
  const quickMood = async () => {
    if (busy) return;
    busy = true;
    try {
      notify(await quickMoodNotice(moodtape));
    } finally {
      busy = false;
    }
  };
  const render = () => {
    const menu = Menu.buildFromTemplate(
      trayMenuTemplate(moodtape, { quickMood: () => void quickMood(), showWindow: opts.showWindow, quit: opts.quit }, current, intent),
    );
    tray.setContextMenu(menu);
    opts.onMenu?.(menu);
  };

  render();
  tray.on('click', () => opts.showWindow());
  const setIntent = (next: MoodIntent | undefined) => {
    if ((next ?? 'match') === intent) return;
    intent = next ?? 'match';
    render();
  };
  // The saved intent, then every change to it (from the tray or the window).
  void moodtape.call('getState', null).then((r) => {
    if (r.ok) setIntent((r.value as { settings: Settings }).settings.intent);
  });
  const unsubscribe = moodtape.subscribe((name, payload) => {
    if (name === 'settings') return setIntent((payload as Settings).intent);
    if (name !== 'mood') return;
    const emotion = (payload as { emotion: Emotion }).emotion;
    if (emotion !== current) {
      current = emotion;
      render();
    }
  });
  return () => {
    unsubscribe();
    tray.destroy();
  };
}
