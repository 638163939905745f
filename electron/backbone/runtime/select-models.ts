import type { ListedModel } from '../inference/registry';

/**
 * Which installed models serve, until backbone versions (the evaluation issue) pin them: an id the
 * caller names; else an installed pretrained export (any family but the built-in ones) before the
 * built-in models; among built-in stages the one whose manifest reports the best validation measure
 * for the role (the paper picks each component at its best stage: the embedder by recall at the
 * standard budget, R@60; the reranker by nDCG@10); then by stage in the order the paper found best
 * (the embedder peaks late, the reranker at stage 2), then by id.
 */
export const BUILT_IN_FAMILIES = new Set(['lexbone-static', 'lexbone-features', 'lexbone-reader']);
const SELECTION_MEASURE = { embedder: 'R@60', reranker: 'nDCG@10' } as const;
const STAGE_ORDER = {
  embedder: ['stage3', 'stage2', 'stage1', 'base'],
  reranker: ['stage2', 'stage3', 'stage1', 'base'],
} as const;

export interface ModelChoice {
  embedder: ListedModel | null;
  reranker: ListedModel | null;
  /** A named model that is not installed. */
  missing: string[];
}

function pick(models: ListedModel[], role: 'embedder' | 'reranker', id: string | null | undefined, missing: string[]): ListedModel | null {
  const candidates = models.filter((m) => m.role === role);
  if (id === null) return null; // explicitly off
  if (id !== undefined) {
    const named = candidates.find((m) => m.id === id) ?? null;
    if (!named) missing.push(id);
    return named;
  }
  const order: readonly string[] = STAGE_ORDER[role];
  const rank = (m: ListedModel) => {
    const i = order.indexOf(m.stage);
    return i < 0 ? order.length : i;
  };
  const builtIn = (m: ListedModel) => (BUILT_IN_FAMILIES.has(m.family) ? 1 : 0);
  const measure = (m: ListedModel) => {
    const v = m.metrics?.split === 'validation' ? m.metrics[SELECTION_MEASURE[role]] : undefined;
    return typeof v === 'number' ? v : -1;
  };
  return [...candidates].sort((a, b) => builtIn(a) - builtIn(b) || measure(b) - measure(a) || rank(a) - rank(b) || a.id.localeCompare(b.id))[0] ?? null;
}

export function selectModels(models: ListedModel[], wanted: { embedder?: string | null; reranker?: string | null }): ModelChoice {
  const missing: string[] = [];
  return {
    embedder: pick(models, 'embedder', wanted.embedder, missing),
    reranker: pick(models, 'reranker', wanted.reranker, missing),
    missing,
  };
}
