/**
 * An evaluation report as `npm run eval -- --report-json` writes it and the app's evaluation page
 * shows it: first-stage embedders, rerankers on shared candidates, whole pipelines with latency,
 * and recall-against-budget curves. Plain data, no runtime code.
 */

export interface StageRow {
  name: string;
  stage?: string;
  /** Keyed by measure name: R@20, R@100, RR@10, nDCG@10, … */
  metrics: Record<string, number>;
}

export interface PipelineRow {
  name: string;
  /** The budget preset this row measured (quick, standard, research), when it was one. */
  preset?: string | null;
  /** First-stage candidate budget. */
  k: number;
  /** Results kept after reranking. */
  n: number;
  metrics: Record<string, number>;
  /** Keyed by statistic: p50, p95, … */
  latencyMs: Record<string, number>;
}

export interface RecallCurve {
  name: string;
  /** recall[k-1] = mean R@k. */
  recall: readonly number[];
}

export interface Preset {
  name: string;
  k: number;
}

/** Another query set measured with the same models and budgets (the lawyer-style set). */
export interface QuerySetTables {
  /** 'lawyer' or another short id; the UI names known ids (lawyer → 律师式查询 / Lawyer-style queries). */
  id: string;
  /** The query file as given. */
  source: string;
  queries: number;
  split: string;
  embedderTable: StageRow[];
  rerankerTable: StageRow[];
  pipelineTable: PipelineRow[];
}

export interface EvalReport {
  title: string;
  createdAt: string;
  queries: number;
  split: string;
  embedderTable: StageRow[];
  /** Rerankers scored on the same candidates. */
  rerankerTable: StageRow[];
  pipelineTable: PipelineRow[];
  curves: RecallCurve[];
  /** Budgets marked on the plot as dashed vertical lines. */
  presets: Preset[];
  /** The pipeline's embedder and reranker ids (null: none). */
  models?: { embedder: string | null; reranker: string | null };
  notes?: string[];
  /** Other query sets measured with the same models and budgets (the main fields are the --queries set). */
  querySets?: QuerySetTables[];
}

/** What the `evaluation` method answers: the report the app ships (or the user's), and where it came from. */
export interface EvaluationView {
  /** Null when no report is installed or it cannot be read; `problem` says why. */
  report: EvalReport | null;
  source: string;
  problem: string | null;
}
