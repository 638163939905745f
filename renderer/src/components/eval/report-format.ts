/** Formatting for the evaluation report: row names in the UI language, numbers, and the best value per column. */
import { EVAL_STRINGS as T } from './eval-strings';

/** "lexical (BM25)" → 关键词（BM25）; "hybrid X + BM25" keeps the model id; other names as given. */
export function displayName(name: string): string {
  return T.rowNames[name] ?? name;
}

export function stageName(stage: string | undefined): string {
  return stage ? (T.stageNames[stage] ?? stage) : '';
}

export const fmt3 = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(3) : '—');
export const fmtMs = (v: number | undefined): string => (v !== undefined && Number.isFinite(v) ? v.toFixed(1) : '—');

/**
 * For each column, the row indexes holding its best value (ties all marked): the highest for
 * quality measures, the lowest where `lowerIsBetter`. Columns with fewer than two values mark nothing.
 */
export function bestRows(values: readonly (number | undefined)[], lowerIsBetter = false): Set<number> {
  const present = values.flatMap((v, i) => (v !== undefined && Number.isFinite(v) ? [{ v, i }] : []));
  if (present.length < 2) return new Set();
  const best = lowerIsBetter ? Math.min(...present.map((p) => p.v)) : Math.max(...present.map((p) => p.v));
  // Equal at the shown precision counts as equal.
  return new Set(present.filter((p) => Math.abs(p.v - best) < 5e-4).map((p) => p.i));
}

/** Keys of all metric records, in first-seen order. */
export function columnsOf(records: readonly Record<string, number>[]): string[] {
  const keys = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) keys.add(k);
  return [...keys];
}
