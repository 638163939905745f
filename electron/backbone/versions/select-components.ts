import type { PresetName } from '../../contract/types';
import { largestKWithin, type LatencyAtK } from '../eval/recall-curve';

/**
 * Component-wise selection (the paper's central finding: embedder and reranker peak at different
 * stages, so each is picked for its own role, not one checkpoint for both):
 *   embedder — the highest recall at the standard budget K (R@K), ties broken by recall deeper
 *              (research K), then by id;
 *   reranker — the highest nDCG@N reranking that embedder's candidates, ties by RR@N, then by id;
 *              no reranker at all when none beats the first-stage order.
 * And preset auto-tuning: per preset, the largest measured K whose p95 latency meets the target.
 */
export interface Scored {
  id: string | null;
  metrics: Record<string, number>;
}

export interface Pick {
  id: string | null;
  /** The measure it won on and its value; the runner-up for the trade-off line. */
  measure: string;
  value: number;
  runnerUp: { id: string | null; value: number } | null;
}

function best(rows: readonly Scored[], keys: readonly string[]): Scored[] {
  const value = (r: Scored, k: string) => r.metrics[k] ?? -Infinity;
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const d = value(b, k) - value(a, k);
      if (Math.abs(d) > 1e-12) return d;
    }
    return (a.id ?? '').localeCompare(b.id ?? '');
  });
}

function pickBy(rows: readonly Scored[], keys: readonly string[]): Pick {
  if (rows.length === 0) throw new Error('nothing to choose from');
  const [first, second] = best(rows, keys);
  const k = keys[0]!;
  return { id: first!.id, measure: k, value: first!.metrics[k] ?? NaN, runnerUp: second ? { id: second.id, value: second.metrics[k] ?? NaN } : null };
}

export function pickEmbedder(rows: readonly Scored[], standardK: number, researchK: number): Pick {
  return pickBy(rows.filter((r) => r.id !== null), [`R@${standardK}`, `R@${researchK}`]);
}

/** `rows` includes the first-stage order as id null; it wins only when no reranker beats it. */
export function pickReranker(rows: readonly Scored[], n: number): Pick {
  return pickBy(rows, [`nDCG@${n}`, `RR@${n}`]);
}

export interface TunedPreset {
  preset: PresetName;
  targetMs: number;
  /** The largest measured K within the target, or null when even the smallest is too slow. */
  k: number | null;
  /** p95 at that K, and the recall the curve gives there. */
  p95Ms: number | null;
  recall: number | null;
}

export function tunePresets(
  targets: Partial<Record<PresetName, number>>,
  latency: readonly LatencyAtK[],
  recallCurve: readonly number[],
): TunedPreset[] {
  return (Object.entries(targets) as [PresetName, number][]).map(([preset, targetMs]) => {
    const k = largestKWithin(latency, targetMs);
    return {
      preset, targetMs, k,
      p95Ms: k === null ? null : latency.find((l) => l.k === k)!.p95Ms,
      recall: k === null ? null : (recallCurve[Math.min(k, recallCurve.length) - 1] ?? null),
    };
  });
}

/** Parses `quick=50,standard=120` (milliseconds) into targets. */
export function parseLatencyTargets(text: string): Partial<Record<PresetName, number>> {
  const out: Partial<Record<PresetName, number>> = {};
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(quick|standard|research)=(\d+(?:\.\d+)?)$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a latency target: write e.g. quick=50,standard=120,research=600 (milliseconds)`);
    out[m[1] as PresetName] = Number(m[2]);
  }
  return out;
}
