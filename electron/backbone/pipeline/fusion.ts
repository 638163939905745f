/**
 * Weighted reciprocal rank fusion of first-stage lists. Equal weights lowered recall in the
 * calibration experiment once the dense model was strong, so each source carries a weight chosen by
 * measurement (see pipeline/DESIGN.md); a source with weight 0 still reports its ranks.
 */
export interface RankedList {
  source: 'lexical' | 'dense';
  weight: number;
  /** Best first. */
  items: { articleId: number; score: number }[];
}

export interface FusedCandidate {
  articleId: number;
  fused: number;
  lexical: { rank: number; score: number } | null;
  dense: { rank: number; score: number } | null;
}

/** RRF constant: the usual 60 keeps a single list's top ranks from dominating. */
export const RRF_K = 60;

export function fuse(lists: RankedList[], rrfK = RRF_K): FusedCandidate[] {
  const byId = new Map<number, FusedCandidate>();
  for (const list of lists) {
    list.items.forEach((item, i) => {
      let c = byId.get(item.articleId);
      if (!c) {
        c = { articleId: item.articleId, fused: 0, lexical: null, dense: null };
        byId.set(item.articleId, c);
      }
      c[list.source] = { rank: i + 1, score: item.score };
      c.fused += list.weight / (rrfK + i + 1);
    });
  }
  // Ties (e.g. a weight of 0) fall back to the dense rank, then the lexical rank.
  const rankOf = (r: { rank: number } | null) => r?.rank ?? Number.POSITIVE_INFINITY;
  return [...byId.values()].sort(
    (a, b) => b.fused - a.fused || rankOf(a.dense) - rankOf(b.dense) || rankOf(a.lexical) - rankOf(b.lexical),
  );
}
