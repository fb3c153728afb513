export interface AttributionEntry {
  title: string;
  /** Names only: what the player shows. */
  artist: string;
  album: string;
  licence: string;
  /** The credit in full, where it says more than the names ("commissioned by ..."). */
  credit?: string;
}

export function readAttribution(md: string): Map<string, AttributionEntry>;
