import type { Budget, PresetName } from '../../contract/types';

/**
 * The paper's operating points: a latency-sensitive API, general search (Embedding@60 →
 * Rerank@10), and in-depth research. Each application may override K and N per request.
 */
export const PRESETS: Record<PresetName, { k: number; n: number; description: string }> = {
  quick: { k: 20, n: 10, description: 'latency-sensitive API callers' },
  standard: { k: 60, n: 10, description: 'general search (Embedding@60 → Rerank@10)' },
  research: { k: 300, n: 50, description: 'in-depth research, streamed as the reranker works' },
};

export const DEFAULT_PRESET: PresetName = 'standard';

/**
 * Resolves a request's budget: explicit k/n override the preset's; N never exceeds K. `presets`
 * are the active backbone version's (default: the paper's operating points above).
 */
export function resolveBudget(
  req: { preset?: PresetName; k?: number; n?: number },
  fallback: PresetName = DEFAULT_PRESET,
  presets: Record<PresetName, { k: number; n: number }> = PRESETS,
): Budget {
  const name = req.preset ?? (req.k === undefined && req.n === undefined ? fallback : null);
  const base = presets[name ?? fallback];
  const k = req.k ?? base.k;
  const n = Math.min(req.n ?? base.n, k);
  return { preset: name, k, n };
}
