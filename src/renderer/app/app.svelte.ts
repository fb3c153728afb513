/**
 * The page's state: the app-wide part (connection, settings, mood, library, errors) lives here, and
 * each feature's model (camera, player, library view, saved data, mood fit) is built here and fed
 * the API's pushed events. Components read these models and call their methods.
 */
import {
  EMOTIONS,
  type About,
  type AppError,
  type Emotion,
  type LibraryChange,
  type ModelInfo,
  type Mood,
  type MoodIntent,
  type MoodPlaylist,
  type MoodPoint,
  type MoodtapeApi,
  type Settings,
  type Track,
} from '../../shared/contract';
import { createApi, toAppError, type ConnectionStatus } from '../api';
import { ErrorLog } from './errors.svelte';
import { CameraModel, cameraKey } from '../camera/camera-model.svelte';
import { MoodFitData } from '../collections/mood-fit-data.svelte';
import { LibraryModel } from '../library/library.svelte';
import { applyLibraryChange } from '../library/library-change';
import { MoodFlow, type MoodFlowHooks } from '../mood/mood-flow';
import { MoodTrail } from '../mood/mood-trail.svelte';
import { Player } from '../player/player.svelte';
import { PlayerData } from '../player/player-data.svelte';
import { applyPlayerSettings, runCommand } from '../player/player-settings';

export class AppModel {
  connection = $state<ConnectionStatus>({ state: 'connecting', attempts: 0, everOpened: false });
  ready = $state(false);
  settings = $state.raw<Settings | null>(null);
  mood = $state.raw<Mood | null>(null);
  library = $state.raw<Track[]>([]);
  model = $state.raw<ModelInfo | null>(null);
  about = $state.raw<About | null>(null);
  /** The last like/dislike the main process took, so the button can show it was counted. */
  rated = $state.raw<{ trackId: string; event: 'like' | 'dislike' } | null>(null);
  /** The plan behind the playlist: its path on the mood plane and its note (each track's reason: `reasonOf`). */
  plan = $state.raw<MoodPlaylist | null>(null);
  /** The reason lines of the list waiting as "Up next": they become the queue's when it plays. */
  private upNextReasons: Record<string, string> = {};
  /** The listener's recent positions on the mood plane (live readings, smoothed; and each mood). */
  readonly trail = new MoodTrail();

  readonly errors = new ErrorLog();
  readonly api: MoodtapeApi;
  readonly camera: CameraModel;
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
      onUpNextPlayed: () => {
        this.playerData.reasons = this.upNextReasons;
        this.upNextReasons = {};
      },
      // A line from an earlier list must not come back with a track the user queued again by hand.
      onPickedByHand: (track) => {
        const { [track.id]: _old, ...rest } = this.playerData.reasons;
        this.playerData.reasons = rest;
      },
      onPlayed: (r) => this.playerData.recordPlay(r),
      onModeCommit: (patch) => void this.call(() => this.api.invoke('updateSettings', patch)),
      reachable: this.api.reachable ? () => this.api.reachable!() : undefined,
      onListen: (track, event) => {
        const emotion = this.player.playlistMood;
        if (!emotion) return;
        void this.call(async () => {
          await this.api.invoke('recordListen', { trackId: track.id, emotion, event });
          // "Why these picks" shows what was just learned, without a click on its tab.
          await this.moodFit.refreshPreferences();
        });
      },
    });
    this.flow = new MoodFlow(this.api, this.player, {
      onError: (e) => this.errors.push(e),
      onPlan: (plan, how) => {
        if (how === 'queued') this.upNextReasons = linesOf(plan);
        else this.playerData.reasons = reasonsAfter(this.playerData.reasons, plan, how, this.player);
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
    this.camera = new CameraModel(this.api, this.errors, (p, at) => this.trail.addReading(p, at));
    if (window.moodtape) this.connection = { state: 'open', attempts: 0, everOpened: true };
  }

  async start(): Promise<void> {
    this.api.on('mood', (m) => this.onMood(m));
    this.api.on('plan', (p) => this.flow.replan(p));
    this.api.on('frame', (f) => this.camera.onFrame(f));
    this.api.on('library', (c) => void this.onLibraryChange(c));
    this.api.on('camera', (c) => this.camera.onCamera(c));
    this.api.on('error', (e) => {
      this.camera.noteSupport([e]);
      this.errors.push(e, cameraKey(e));
    });
    this.api.on('command', (c) => runCommand(this.player, c));
    this.api.on('settings', (s) => {
      this.settings = s;
      applyPlayerSettings(this.player, s);
    });

    const state = await this.refresh();
    if (!state) return;
    void this.libraryView.start();
    for (const n of state.notices) this.errors.push(n);
    this.camera.noteSupport(state.notices);
    this.player.setVolume(state.settings.volume);
    applyPlayerSettings(this.player, state.settings);
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
      this.camera.state = state.camera;
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

  /** Why the recommender picked a queued track (kept with the queue), if it did. */
  reasonOf(trackId: string): string | undefined {
    const reasons = this.playerData.reasons;
    return Object.hasOwn(reasons, trackId) ? reasons[trackId] : undefined;
  }

  // ---- mood ---------------------------------------------------------------------------------

  /** Picking a mood (even the one playing: that gives a fresh mix); the `mood` event does the rest. */
  async pickMood(emotion: Emotion): Promise<void> {
    // Main plans the list after the song playing, read from the saved queue: saved first (as for an intent).
    await this.playerData.saveSession();
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
    // The plan starts after the song playing: main reads which one from the saved queue, so it is saved first.
    await this.playerData.saveSession();
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
      await this.moodFit.refreshPreferences();
    });
  }

  // ---- player and library --------------------------------------------------------------------------

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
    // Removed (or deleted from a watched folder): no longer in the queue, where it could only fail.
    const gone = c.removed.filter((id) => !c.changed.includes(id));
    if (gone.length > 0) this.player.forget(gone);
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

const linesOf = (plan: MoodPlaylist): Record<string, string> => Object.fromEntries(plan.entries.map((e) => [e.track.id, e.reason]));

/**
 * The queue's reason lines once a plan for it arrives: a list played now brings its own. Otherwise
 * the rows up to the song playing keep theirs (a new plan never rewrites why a song heard or playing
 * was picked), the plan's lines are added, and lines of tracks no longer queued are dropped.
 */
function reasonsAfter(
  before: Record<string, string>,
  plan: MoodPlaylist,
  how: Exclude<Parameters<MoodFlowHooks['onPlan']>[1], 'queued'>,
  player: Player,
): Record<string, string> {
  const ids = (tracks: readonly Track[]) => tracks.map((t) => t.id);
  const played = how === 'now' ? [] : ids(player.playlist.slice(0, player.index + 1));
  const queued = how === 'now' || how === 'upcoming' ? played : ids(player.playlist);
  const fixed = new Set(played);
  return Object.fromEntries([
    ...queued.filter((id) => Object.hasOwn(before, id)).map((id) => [id, before[id]] as const),
    ...plan.entries.filter((e) => !fixed.has(e.track.id)).map((e) => [e.track.id, e.reason] as const),
  ]);
}
