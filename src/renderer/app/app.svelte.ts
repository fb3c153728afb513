/**
 * The renderer's state and actions: camera, mood, settings and errors, wired to the API's calls
 * and pushed events. Components read this and call its methods; only this talks to the API.
 */
import {
  EMOTIONS,
  type About,
  type AppError,
  type CameraState,
  type Detection,
  type DetectionMode,
  type Emotion,
  type Frame,
  type LibraryChange,
  type ModelInfo,
  type Mood,
  type MoodIntent,
  type MoodPlaylist,
  type MoodPoint,
  type MoodtapeApi,
  type PlayerCommand,
  type Settings,
  type Track,
} from '../../shared/contract';
import { createApi, toAppError, type ConnectionStatus } from '../api';
import { ErrorLog } from './errors.svelte';
import { MoodFitData } from '../collections/mood-fit-data.svelte';
import { LibraryModel } from '../library/library.svelte';
import { applyLibraryChange } from '../library/library-change';
import { MoodFlow } from '../mood/mood-flow';
import { MoodTrail } from '../mood/mood-trail.svelte';
import { Player } from '../player/player.svelte';
import { PlayerData } from '../player/player-data.svelte';

/** Problems a good reading makes obsolete. */
const CLEARED_BY_A_FACE = ['no-face', 'several-faces', 'dark-frame', 'camera-unavailable', 'camera-busy', 'camera-lost'] as const;
/** What went wrong with the camera: one entry at a time (the latest), gone once a source works. */
const CAMERA_PROBLEMS = ['camera-unavailable', 'camera-busy', 'camera-lost', 'camera-denied'] as const;
const CAMERA_KEY = 'camera';
const cameraKey = (e: AppError) => ((CAMERA_PROBLEMS as readonly string[]).includes(e.code) ? CAMERA_KEY : null);
const LIVE_NOTICE_KEY = 'live-notice';

export class AppModel {
  connection = $state<ConnectionStatus>({ state: 'connecting', attempts: 0, everOpened: false });
  ready = $state(false);
  settings = $state.raw<Settings | null>(null);
  camera = $state.raw<CameraState>({ on: false, mode: 'snapshot', source: '' });
  mood = $state.raw<Mood | null>(null);
  /** Latest reading (live frames or the last snapshot). */
  detection = $state.raw<Detection | null>(null);
  frame = $state.raw<Frame | null>(null);
  library = $state.raw<Track[]>([]);
  model = $state.raw<ModelInfo | null>(null);
  about = $state.raw<About | null>(null);
  /** The last like/dislike the main process took, so the button can show it was counted. */
  rated = $state.raw<{ trackId: string; event: 'like' | 'dislike' } | null>(null);
  /** A camera call is in flight (toggle, mode, snapshot): buttons wait for it. */
  cameraBusy = $state(false);
  snapshotting = $state(false);
  /** The camera cannot work in this build (desktop app without OpenCV for Electron): what to do, for the camera panel. */
  cameraSupport = $state.raw<AppError | null>(null);
  /** The plan behind the playlist: its path on the mood plane, its note, and a reason per track. */
  plan = $state.raw<MoodPlaylist | null>(null);
  reasons = $state.raw<Record<string, string>>({});
  /** The listener's recent positions on the mood plane (live readings, smoothed; and each mood). */
  readonly trail = new MoodTrail();

  readonly errors = new ErrorLog();
  readonly api: MoodtapeApi;
  readonly player: Player;
  /** The library view: query, import progress, corrections. */
  readonly libraryView: LibraryModel;
  /** Saved playlists, history and the session. */
  readonly playerData: PlayerData;
  readonly moodFit: MoodFitData;
  private readonly flow: MoodFlow;

  constructor(api?: MoodtapeApi) {
    this.api =
      api ??
      createApi({
        onStatus: (s) => (this.connection = s),
        onReconnect: () => {
          this.player.resume();
          void this.refresh();
          this.libraryView.refreshSoon();
        },
      });
    this.player = new Player({
      mediaUrl: (id) => this.api.mediaUrl(id),
      onError: (e) => this.errors.push(e),
      onVolumeCommit: (volume) => void this.call(() => this.api.invoke('updateSettings', { volume })),
      onListEnd: () => this.flow.extend(),
      onPlayed: (r) => this.playerData.recordPlay(r),
      onModeCommit: (patch) => void this.call(() => this.api.invoke('updateSettings', patch)),
      reachable: this.api.reachable ? () => this.api.reachable!() : undefined,
      onListen: (track, event) => {
        const emotion = this.player.playlistMood;
        if (emotion) void this.call(() => this.api.invoke('recordListen', { trackId: track.id, emotion, event }));
      },
    });
    this.flow = new MoodFlow(this.api, this.player, {
      onError: (e) => this.errors.push(e),
      onPlan: (plan, how) => {
        const reasons = how === 'now' ? {} : { ...this.reasons };
        for (const e of plan.entries) reasons[e.track.id] = e.reason;
        this.reasons = reasons;
        // The plane shows the latest plan (playing or queued as "Up next"), not the appended extras.
        if (how !== 'extend') this.plan = plan;
      },
    });
    this.playerData = new PlayerData(this.api, this.player, (e) => this.errors.push(e));
    this.moodFit = new MoodFitData(
      this.api,
      (id) => this.library.find((t) => t.id === id)?.title,
      (e) => this.errors.push(e),
    );
    this.libraryView = new LibraryModel(this.api, (e) => this.errors.push(e));
    if (window.moodtape) this.connection = { state: 'open', attempts: 0, everOpened: true };
  }

  async start(): Promise<void> {
    this.api.on('mood', (m) => this.onMood(m));
    this.api.on('plan', (p) => this.flow.replan(p));
    this.api.on('frame', (f) => {
      if (this.camera.on || this.snapshotting) this.frame = f;
      if (f.detection) this.onDetection(f.detection);
    });
    this.api.on('library', (c) => void this.onLibraryChange(c));
    this.api.on('camera', (c) => this.onCamera(c));
    this.api.on('error', (e) => {
      if (e.code === 'camera-support-missing') this.cameraSupport = e;
      this.errors.push(e, cameraKey(e));
    });
    this.api.on('command', (c) => this.onCommand(c));
    this.api.on('settings', (s) => this.onSettings(s));

    const state = await this.refresh();
    if (!state) return;
    void this.libraryView.start();
    for (const n of state.notices) this.errors.push(n);
    this.cameraSupport = state.notices.find((n) => n.code === 'camera-support-missing') ?? this.cameraSupport;
    this.player.setVolume(state.settings.volume);
    this.applyPlayerSettings(state.settings);
    void this.playerData.refreshPlaylists();
    void this.playerData.refreshHistory();
    // A saved session (queue, track, position) comes back paused; otherwise the last mood's list is ready.
    const restored = await this.playerData.restore();
    const lastMood = state.mood?.emotion ?? state.settings.lastMood;
    if (!restored && lastMood) await this.flow.prepare(lastMood);
  }

  /** (Re)reads the whole state, at start and after the connection comes back. */
  private async refresh() {
    try {
      const state = await this.api.invoke('getState', null);
      this.settings = state.settings;
      this.camera = state.camera;
      this.mood = state.mood ?? this.mood;
      this.library = state.tracks;
      this.model = state.model;
      this.ready = true;
      return state;
    } catch (e) {
      this.errors.push(toAppError(e));
      return null;
    }
  }

  // ---- camera -------------------------------------------------------------------------------

  async toggleCamera(): Promise<void> {
    const on = this.camera.on;
    await this.cameraCall(() => this.api.invoke(on ? 'stopCamera' : 'startCamera', null));
    if (on) this.frame = null;
  }

  /** Snapshot or live: a setting like any other (the main process switches the camera and says so in a `camera` event). */
  async setMode(mode: DetectionMode): Promise<void> {
    if (mode === this.camera.mode) return;
    await this.cameraCall(() => this.api.invoke('updateSettings', { mode }));
  }

  /** A device number ("0") or a video file path; the main process reopens the camera if it is on. */
  async setCameraSource(source: string): Promise<void> {
    const trimmed = source.trim();
    if (!trimmed || trimmed === this.camera.source) return;
    await this.call(() => this.api.invoke('updateSettings', { cameraSource: trimmed }));
  }

  async snapshot(): Promise<void> {
    if (this.snapshotting) return;
    this.snapshotting = true;
    try {
      const d = await this.api.invoke('snapshot', null);
      this.detection = d;
      if (d.notice) this.errors.push(d.notice);
      // The mood itself (with its playlist) arrives as the `mood` event: one path for every mood.
      if (d.emotion && !d.notice) this.errors.clearCodes(CLEARED_BY_A_FACE);
    } catch (e) {
      this.errors.push(toAppError(e));
    } finally {
      this.snapshotting = false;
    }
  }

  /** Camera state comes back as the `camera` event (to every page), never from the reply. */
  private async cameraCall(fn: () => Promise<unknown>): Promise<void> {
    this.cameraBusy = true;
    try {
      await fn();
    } catch (e) {
      const error = toAppError(e);
      this.errors.push(error, cameraKey(error));
    } finally {
      this.cameraBusy = false;
    }
  }

  private onCamera(c: CameraState): void {
    this.camera = c;
    // The camera works now (another source, or the same one back): its old problems are over.
    if (c.on) this.errors.clearCodes(CAMERA_PROBLEMS);
    if (!c.on) this.errors.clearKey(LIVE_NOTICE_KEY);
  }

  private onDetection(d: Detection): void {
    this.detection = d;
    if (d.probabilities && this.camera.mode === 'live') this.trail.addReading(d.probabilities, Date.now());
    // Live notices come and go with the frames: show the current one only.
    if (d.notice) this.errors.push(d.notice, LIVE_NOTICE_KEY);
    else this.errors.clearKey(LIVE_NOTICE_KEY);
  }

  // ---- mood ---------------------------------------------------------------------------------

  /** Picking a mood (even the one playing: that gives a fresh mix); the `mood` event does the rest. */
  async pickMood(emotion: Emotion): Promise<void> {
    await this.call(() => this.api.invoke('setManualMood', emotion));
  }

  private onMood(mood: Mood): void {
    if (!(EMOTIONS as readonly string[]).includes(mood.emotion)) return;
    this.mood = mood;
    if (mood.position) this.trail.add(mood.position, mood.at);
    this.flow.handle(mood);
  }

  /** Match, lift, calm down or energise: saved; main plans the current mood again at once (the `plan` event). */
  async setIntent(intent: MoodIntent): Promise<void> {
    await this.call(() => this.api.invoke('updateSettings', { intent }));
  }

  /** "Widen the mix": more tracks, from farther off the mood, after the current song. */
  async widen(): Promise<void> {
    // A mood that got no music is the one to widen, not the one still playing.
    const empty = this.plan && this.plan.entries.length === 0 ? this.plan.emotion : null;
    const emotion = empty ?? this.player.playlistMood ?? this.mood?.emotion;
    if (!emotion) return;
    const from: MoodPoint | undefined = this.mood?.emotion === emotion ? this.mood.position : undefined;
    await this.flow.widen({ emotion, ...(from ? { from } : {}) });
  }

  /** Like or dislike the song playing, for the mood it was picked for; pressing the same again takes it back. */
  async rateCurrent(event: 'like' | 'dislike'): Promise<void> {
    const track = this.player.current;
    const emotion = this.player.playlistMood;
    if (!track || !emotion) return;
    const before = this.rated?.trackId === track.id ? this.rated.event : null;
    await this.call(async () => {
      // Switching from one to the other takes the first back too.
      if (before) await this.api.invoke('recordListen', { trackId: track.id, emotion, event: `undo-${before}` });
      if (before !== event) await this.api.invoke('recordListen', { trackId: track.id, emotion, event });
      this.rated = before === event ? null : { trackId: track.id, event };
    });
  }

  // ---- player glue --------------------------------------------------------------------------

  private onCommand(c: PlayerCommand): void {
    if (c === 'play-pause') this.player.togglePlay();
    else if (c === 'next') this.player.next();
    else if (c === 'previous') this.player.previous();
    else if (c === 'stop') this.player.stop();
  }

  private onSettings(s: Settings): void {
    this.settings = s;
    if (Math.abs(s.volume - this.player.volume) > 0.001) this.player.setVolume(s.volume);
    this.applyPlayerSettings(s);
  }

  private applyPlayerSettings(s: Settings): void {
    if (s.shuffle !== this.player.shuffle) this.player.setShuffle(s.shuffle, false);
    if (s.repeat !== this.player.repeat) this.player.setRepeat(s.repeat, false);
    if (s.normalizeLoudness !== this.player.normalize) this.player.setNormalize(s.normalizeLoudness);
    this.player.setCrossfade(s.crossfadeSec);
  }

  /** Player settings from the settings view (loudness normalisation, crossfade). */
  async updatePlayerSettings(patch: Partial<Pick<Settings, 'normalizeLoudness' | 'crossfadeSec'>>): Promise<void> {
    await this.call(() => this.api.invoke('updateSettings', patch));
  }

  /** Library tracks for the replace picker: sent once by getState, kept current by `library` events. */
  async loadLibrary(): Promise<Track[]> {
    return this.library;
  }

  private async onLibraryChange(c: LibraryChange): Promise<void> {
    const next = applyLibraryChange(this.library, c);
    if (next) this.library = next;
    else await this.call(async () => (this.library = (await this.api.invoke('listLibrary', null)).tracks));
  }

  /** "Only my music": the recommender leaves the demo tracks out. */
  async setOnlyUserTracks(onlyUserTracks: boolean): Promise<void> {
    await this.call(() => this.api.invoke('updateSettings', { onlyUserTracks }));
  }

  async loadAbout(): Promise<void> {
    try {
      this.about = await this.api.invoke('getAbout', null);
    } catch (e) {
      this.errors.push(toAppError(e));
    }
  }

  pushError(e: AppError): void {
    this.errors.push(e);
  }

  private async call(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      const error = toAppError(e);
      this.errors.push(error, cameraKey(error));
    }
  }
}
