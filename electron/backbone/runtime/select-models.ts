import type { ListedModel } from '../inference/registry';

/**
 * Which installed models serve, until backbone versions (the evaluation issue) pin them: an id the
 * caller names, else by stage in the order the paper found best for each role (the embedder peaks
 * late, the reranker at stage 2), then by id.
 */
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
  return [...candidates].sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id))[0] ?? null;
}

export function selectModels(models: ListedModel[], wanted: { embedder?: string | null; reranker?: string | null }): ModelChoice {
  const missing: string[] = [];
  return {
    embedder: pick(models, 'embedder', wanted.embedder, missing),
    reranker: pick(models, 'reranker', wanted.reranker, missing),
    missing,
  };
}
