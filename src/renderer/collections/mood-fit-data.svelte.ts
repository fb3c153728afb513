/**
 * What mood fit learned and remembers, seen from the window: the per-track preferences ("why these
 * picks", resettable) and the mood timeline (today or this week, clearable, exported as CSV).
 */
import type { AppError, MoodHistoryEntry, MoodtapeApi, TrackPreference } from '../../shared/contract';
import { timelineCsv } from '../../shared/mood-history-csv';
import { toAppError } from '../api';

import { rangeStart, type TimelineRange } from './mood-fit-range';

export { rangeStart, scoreEffect, type TimelineRange } from './mood-fit-range';

export class MoodFitData {
  preferences = $state.raw<TrackPreference[]>([]);
  timeline = $state.raw<MoodHistoryEntry[]>([]);
  range = $state<TimelineRange>('today');
  /** A short confirmation for a live region. */
  status = $state('');

  constructor(
    private readonly api: MoodtapeApi,
    private readonly titleOf: (trackId: string) => string | undefined,
    private readonly onError: (e: AppError) => void,
  ) {}

  async refreshPreferences(): Promise<void> {
    await this.call(async () => (this.preferences = await this.api.invoke('getPreferences', null)));
  }

  async resetPreferences(): Promise<void> {
    await this.call(async () => {
      await this.api.invoke('resetPreferences', null);
      this.preferences = [];
      this.status = 'Moodtape forgot what it learned.';
    });
  }

  async refreshTimeline(range: TimelineRange = this.range): Promise<void> {
    this.range = range;
    await this.call(async () => (this.timeline = await this.api.invoke('getMoodHistory', { since: rangeStart(range) })));
  }

  async clearTimeline(): Promise<void> {
    await this.call(async () => {
      await this.api.invoke('clearMoodHistory', null);
      this.timeline = [];
      this.status = 'Mood timeline cleared.';
    });
  }

  /** The shown entries as CSV, with track titles where the library knows them. */
  csv(): string {
    return timelineCsv(this.timeline, this.titleOf);
  }

  /** Downloads the CSV through a Blob URL (nothing leaves the device). */
  exportCsv(): void {
    const url = URL.createObjectURL(new Blob([this.csv()], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `moodtape-moods-${this.range}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  title(trackId: string): string {
    return this.titleOf(trackId) ?? trackId;
  }

  private async call(fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.onError(toAppError(e));
    }
  }
}
