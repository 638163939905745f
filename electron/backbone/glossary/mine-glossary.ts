/**
 * Builds the shipped glossary from the bundled corpus and the hand-written entries: the miners run
 * over the current version of every law, then mergeGlossary joins them with the hand-written file.
 * scripts/build-glossary.ts writes the result; the integration test rebuilds it and compares, so
 * resources/glossary/glossary.json cannot drift from this code.
 */
import type { ParsedLaw } from '../store/parsed-law';
import { currentLaws } from './corpus-laws';
import { GLOSSARY_FORMAT, type GlossaryEntry, type GlossaryFile } from './glossary-types';
import { mergeGlossary, type MergeConflict } from './merge-glossary';
import { mineCrimes } from './mine-crimes';
import { mineCriminalGeneral } from './mine-criminal-general';
import { mineDefinitions } from './mine-definitions';

export interface MinedGlossary {
  entries: GlossaryEntry[];
  conflicts: MergeConflict[];
  /** Entries each pattern gave before merging. */
  minedByPattern: Record<string, number>;
}

/** Progress callback: phase, done, total. */
export type MineProgress = (phase: string, done: number, total: number) => void;

/** Every mined entry, in merge priority: crimes, criminal general part, defined terms. */
function mineAll(laws: readonly ParsedLaw[], progress: MineProgress = () => {}): GlossaryEntry[] {
  const current = currentLaws(laws);
  const steps = [mineCrimes, mineCriminalGeneral, mineDefinitions];
  const out: GlossaryEntry[] = [];
  steps.forEach((step, i) => {
    progress('mining', i, steps.length);
    out.push(...step(current));
  });
  progress('mining', steps.length, steps.length);
  return out;
}

export function buildGlossary(laws: readonly ParsedLaw[], handWritten: readonly GlossaryEntry[], progress?: MineProgress): MinedGlossary {
  const mined = mineAll(laws, progress);
  const minedByPattern: Record<string, number> = {};
  for (const e of mined) {
    for (const p of e.provenance) if (p.source === 'mined') minedByPattern[p.pattern] = (minedByPattern[p.pattern] ?? 0) + 1;
  }
  const { entries, conflicts } = mergeGlossary(handWritten, mined);
  return { entries, conflicts, minedByPattern };
}

/**
 * The file text: a header, then one entry per line (diffs show which entries changed). The same
 * entries always give the same bytes.
 */
export function formatGlossaryFile(file: GlossaryFile): string {
  const lines = file.entries.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "format": "${GLOSSARY_FORMAT}",\n  "version": ${file.version},\n  "entries": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

/** The version for new entries: the old one when nothing changed, else one more. */
export function nextVersion(old: GlossaryFile | null, entries: readonly GlossaryEntry[]): number {
  if (!old) return 1;
  return JSON.stringify(old.entries) === JSON.stringify(entries) ? old.version : old.version + 1;
}
