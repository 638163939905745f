/**
 * What each budget preset means now: its K → N (the active backbone version's presets, else the
 * defaults) and the recall and latency the evaluation report measured for it — only when the
 * report measured the models served now with the same K and N; otherwise "not measured".
 */
import { useMemo } from 'react';
import type { Api } from '../../../electron/contract/api';
import type { EvalReport, PipelineRow } from '../../../electron/contract/evaluation-types';
import type { PresetName } from '../../../electron/contract/types';
import { PRESET_NAMES } from './search-params';
import { useApiQuery } from './use-api-query';

export const DEFAULT_BUDGETS: Record<PresetName, { k: number; n: number }> = {
  quick: { k: 20, n: 10 },
  standard: { k: 60, n: 10 },
  research: { k: 300, n: 50 },
};

export interface Measurement {
  /** The recall of the N results (R@N), or of the K candidates when R@N is missing. */
  recall: { metric: string; value: number } | null;
  ndcg: number | null;
  p50: number | null;
  p95: number | null;
}

export interface BudgetFact {
  preset: PresetName;
  k: number;
  n: number;
  /** Null: not measured for this configuration (or no report). */
  measured: Measurement | null;
}

export interface BudgetFacts {
  facts: BudgetFact[];
  /** False until the active version's presets are known (a search waits for them, to ask for its N). */
  loaded: boolean;
  /** The report the measurements come from (null: none installed or readable). */
  report: Pick<EvalReport, 'queries' | 'split' | 'models'> | null;
}

export interface ServedModels {
  embedder: string | null;
  reranker: string | null;
}

function measurement(row: PipelineRow): Measurement {
  const at = (name: string): number | null => (typeof row.metrics[name] === 'number' ? row.metrics[name]! : null);
  const metric = at(`R@${row.n}`) !== null ? `R@${row.n}` : at(`R@${row.k}`) !== null ? `R@${row.k}` : null;
  return {
    recall: metric ? { metric, value: at(metric)! } : null,
    ndcg: at('nDCG@10'),
    p50: row.latencyMs.p50 ?? null,
    p95: row.latencyMs.p95 ?? null,
  };
}

/** Pure: the facts for these presets, report and served models. */
export function budgetFacts(
  presets: Record<PresetName, { k: number; n: number }>,
  report: EvalReport | null,
  served: ServedModels | null,
): BudgetFact[] {
  const sameModels =
    !!report?.models && !!served && report.models.embedder === served.embedder && report.models.reranker === served.reranker;
  return PRESET_NAMES.map((preset) => {
    const { k, n } = presets[preset];
    const row = sameModels ? report!.pipelineTable.find((r) => r.preset === preset && r.k === k && r.n === n) : undefined;
    return { preset, k, n, measured: row ? measurement(row) : null };
  });
}

/**
 * Loads versions, the evaluation report and the served models once; `served` (the models the
 * latest search answered with) overrides the models API's, which can change as models load.
 */
export function useBudgetFacts(api: Api, served: ServedModels | null): BudgetFacts {
  const versions = useApiQuery((o) => api.versions({}, o), [api]);
  const evaluation = useApiQuery((o) => api.evaluation({}, o), [api]);
  const modelsStatus = useApiQuery((o) => api.models({}, o), [api]).data;
  const presets = versions.data?.find((v) => v.active)?.presets ?? DEFAULT_BUDGETS;
  const loaded = versions.data !== null || versions.error !== null;
  const report = evaluation.data?.report ?? null;
  const models = useMemo(
    () => (modelsStatus ? { embedder: modelsStatus.embedder?.id ?? null, reranker: modelsStatus.reranker?.id ?? null } : null),
    [modelsStatus],
  );
  const now = served ?? models;
  return { facts: budgetFacts(presets, report, now), loaded, report: report && { queries: report.queries, split: report.split, models: report.models } };
}
