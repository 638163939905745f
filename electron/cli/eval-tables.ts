import type { PresetName } from '../contract/types';
import { runQuerySet, scoreResults, type Budgeted, type Latency, type SetResult } from '../backbone/eval/harness';
import { recallCurve } from '../backbone/eval/recall-curve';
import type { EvalQuery } from '../backbone/eval/stard-queries';
import type { Library } from '../backbone/library';
import type { ModelRuntime } from '../backbone/runtime/model-runtime';

/**
 * The paper's three tables over one query set, each from the app's real search with models in the
 * inference host:
 *   embedders — every installed embedder (each stage) alone, and the lexical baseline, at K = maxK:
 *               R@20/60/100, RR@10, nDCG@10 and the recall–budget curve K = 1…maxK;
 *   rerankers — every installed reranker (and none) reranking the same candidates (the pipeline
 *               embedder's first stage at K → N);
 *   pipeline  — the chosen embedder + reranker per budget: candidate recall R@K, then R@N, RR@N and
 *               nDCG@N of the N results, with latency per stage.
 */
export interface Row {
  name: string;
  stage?: string;
  metrics: Record<string, number>;
}

export interface Curve {
  name: string;
  recall: number[];
}

export interface PipelineTableRow {
  name: string;
  preset: PresetName | null;
  k: number;
  n: number;
  retriever: string;
  embedder: string | null;
  reranker: string | null;
  metrics: Record<string, number>;
  latencyMs: Latency;
}

type Progress = (phase: string, done: number, total: number) => void;

const FIRST_STAGE = ['R@20', 'R@60', 'R@100', 'RR@10', 'nDCG@10'];

export interface Installed {
  id: string;
  role: 'embedder' | 'reranker';
  stage: string;
}

/** Switches the runtime to these models and waits until the embedder's index is ready. */
export async function serve(runtime: ModelRuntime, embedder: string | null, reranker: string | null): Promise<void> {
  await runtime.apply({ embedder, reranker });
  await runtime.idle();
  const s = runtime.status();
  if (s.error) throw new Error(`${s.error.code}: ${s.error.message}`);
  if ((s.embedder?.id ?? null) !== embedder) throw new Error(`the embedder ${embedder} could not be served`);
  if ((s.reranker?.id ?? null) !== reranker) throw new Error(`the reranker ${reranker} could not be served`);
}

export async function embedderTable(
  lib: Library, runtime: ModelRuntime, queries: readonly EvalQuery[], embedders: readonly Installed[], maxK: number, progress?: Progress,
): Promise<{ rows: Row[]; curves: Curve[] }> {
  const rows: Row[] = [];
  const curves: Curve[] = [];
  const add = (name: string, stage: string | undefined, set: SetResult) => {
    rows.push({ name, stage, metrics: scoreResults(set.results, FIRST_STAGE) });
    curves.push({ name, recall: Array.from(recallCurve(set.results.map((r) => ({ ranked: r.ranked, relevant: r.query.relevant })), maxK)) });
  };
  await serve(runtime, null, null);
  add('lexical (BM25)', undefined, await runQuerySet(lib, queries, { k: maxK, n: 0, retriever: 'lexical' }, (d, t) => progress?.('lexical', d, t)));
  for (const e of embedders) {
    await serve(runtime, e.id, null);
    add(e.id, e.stage, await runQuerySet(lib, queries, { k: maxK, n: 0, retriever: 'dense' }, (d, t) => progress?.(`dense ${e.id}`, d, t)));
  }
  return { rows, curves };
}

/** Hybrid (dense + lexical, the app's default first stage) for one embedder: a row and a curve. */
export async function hybridRow(
  lib: Library, runtime: ModelRuntime, queries: readonly EvalQuery[], embedder: string, maxK: number, progress?: Progress,
): Promise<{ row: Row; curve: Curve }> {
  await serve(runtime, embedder, null);
  const set = await runQuerySet(lib, queries, { k: maxK, n: 0, retriever: 'hybrid' }, (d, t) => progress?.(`hybrid ${embedder}`, d, t));
  const name = `hybrid ${embedder} + BM25`;
  return {
    row: { name, metrics: scoreResults(set.results, FIRST_STAGE) },
    curve: { name, recall: Array.from(recallCurve(set.results.map((r) => ({ ranked: r.ranked, relevant: r.query.relevant })), maxK)) },
  };
}

export async function rerankerTable(
  lib: Library, runtime: ModelRuntime, queries: readonly EvalQuery[], embedder: string | null, rerankers: readonly Installed[], budget: Budgeted, progress?: Progress,
): Promise<Row[]> {
  const names = [`RR@${budget.n}`, `nDCG@${budget.n}`, `R@${budget.n}`];
  const rows: Row[] = [];
  for (const r of [null, ...rerankers]) {
    await serve(runtime, embedder, r?.id ?? null);
    const set = await runQuerySet(lib, queries, { ...budget, n: r ? budget.n : 0 }, (d, t) => progress?.(`rerank ${r?.id ?? 'none'}`, d, t));
    rows.push({ name: r?.id ?? 'none (first-stage order)', stage: r?.stage, metrics: scoreResults(set.results, names) });
  }
  return rows;
}

/** One pipeline row: candidate recall at K and the N results' quality, with latency. */
export function pipelineRow(name: string, preset: PresetName | null, budget: Budgeted, set: SetResult): PipelineTableRow {
  const { k, n } = budget;
  const top = n === 0 ? k : n;
  return {
    name, preset, k, n, retriever: budget.retriever ?? 'hybrid', ...set.models,
    metrics: scoreResults(set.results, [`R@${k}`, `R@${top}`, `RR@${Math.min(top, 10)}`, `nDCG@${Math.min(top, 10)}`]),
    latencyMs: set.latencyMs,
  };
}
