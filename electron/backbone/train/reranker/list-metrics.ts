import { meanMeasures, parseMeasure } from '../../eval/measures';
import type { FeatureRerankerWeights } from '../../onnx/feature-reranker-graph';
import type { ListwiseList } from './listwise';
import { scoreWithWeights } from './listwise-model';

/**
 * Retrieval measures (RR@10, nDCG@10, …) of a reranker over candidate lists, for early stopping
 * and for picking a stage's best model. A list may say how many relevant articles its candidates
 * missed (`missingRelevant`), so recall and nDCG count them as they would in a full evaluation.
 */
export interface EvalList extends ListwiseList {
  missingRelevant?: number;
}

/** Candidate indices best first; equal scores keep input (first-stage) order. */
function rankByScore(scores: ArrayLike<number>): number[] {
  return Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

export function listMeasures(weights: FeatureRerankerWeights, lists: readonly EvalList[], names: readonly string[]): Record<string, number> {
  return measuresOfScores(lists, lists.map((l) => scoreWithWeights(weights, l.features)), names);
}

/** The same for scores given per list (`scores[i]` one per candidate of `lists[i]`), however they were made. */
export function measuresOfScores(lists: readonly EvalList[], scores: readonly ArrayLike<number>[], names: readonly string[]): Record<string, number> {
  const runs = lists.map((l, li) => {
    const relevant = new Set<number>();
    l.labels.forEach((y, i) => y > 0 && relevant.add(i));
    for (let k = 1; k <= (l.missingRelevant ?? 0); k++) relevant.add(-k);
    return { ranked: rankByScore(scores[li]!), relevant };
  });
  return meanMeasures(names.map(parseMeasure), runs);
}

/** One measure, e.g. as a `validate` callback: (w) => listMeasure(w, validationLists, 'nDCG@10'). */
export function listMeasure(weights: FeatureRerankerWeights, lists: readonly EvalList[], name: string): number {
  return listMeasures(weights, lists, [name])[name]!;
}
