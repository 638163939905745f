/** What the importers share beside the laws they produce (store/parsed-law.ts): skipped files, progress. */

export interface SkippedFile {
  file: string;
  reason: string;
}

/** Progress callback: phase, done, total. */
export type ProgressFn = (phase: string, done: number, total: number) => void;
