/** Why a file could not be analysed; the library reports these in its import summary. */
export type AnalysisFailure = 'unreadable' | 'corrupt' | 'unsupported';

export class AnalysisError extends Error {
  constructor(
    readonly kind: AnalysisFailure,
    message: string,
  ) {
    super(message);
    this.name = 'AnalysisError';
  }
}
