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

/**
 * Share of K reserved for each list's own best, whatever their fused score (see pipeline/DESIGN.md).
 * Weighted RRF alone lets one list's top push the other's out: with weights 1 and 0.5 and k = 60, a
 * lexical-only hit at rank 1 (0.5/61) falls below a dense-only hit at rank 60 (1/120), so the K
 * candidates would be exactly dense's top K and a strong keyword hit, or an article that has no
 * vector yet, would never reach the reranker.
 */
const RESERVED_SHARE = {
  lexical: Number(process.env.LEXBONE_LEXICAL_RESERVE ?? 0.1),
  dense: Number(process.env.LEXBONE_DENSE_RESERVE ?? 0),
};

/**
 * The K candidates: each list's top `ceil(share × K)` are kept (reserved slots), and so are the
 * `pinned` articles (those a glossary name in the query points at), found by a list or not; the
 * rest of K is filled in fused order. The result keeps fused order, pinned articles no list found
 * last.
 */
export function selectCandidates(
  fused: FusedCandidate[],
  k: number,
  share: { lexical: number; dense: number } = RESERVED_SHARE,
  pinned: readonly number[] = [],
): FusedCandidate[] {
  const byId = new Map(fused.map((c) => [c.articleId, c]));
  const extra = [...new Set(pinned)].filter((id) => !byId.has(id)).map((articleId): FusedCandidate => ({ articleId, fused: 0, lexical: null, dense: null }));
  const all = extra.length ? [...fused, ...extra] : fused;
  if (all.length <= k) return all;
  const keep = new Set<FusedCandidate>();
  for (const id of pinned.slice(0, k)) keep.add(byId.get(id) ?? extra.find((c) => c.articleId === id)!);
  for (const source of ['lexical', 'dense'] as const) {
    const slots = Math.min(k, Math.ceil(share[source] * k));
    if (slots === 0) continue;
    for (const c of fused) if (c[source] && c[source]!.rank <= slots) keep.add(c);
  }
  for (const c of fused) {
    if (keep.size >= k) break;
    keep.add(c);
  }
  const out = all.filter((c) => keep.has(c));
  // Reserved slots and pins beyond K: the last in fused order that is not pinned goes first.
  const pins = new Set(pinned);
  for (let i = out.length - 1; out.length > k && i >= 0; i--) if (!pins.has(out[i]!.articleId)) out.splice(i, 1);
  return out.slice(0, k);
}

/** Fusion then selection of the K candidates: what every first stage (search, training, the rerank method) uses. */
export function fuseCandidates(lists: RankedList[], k: number, pinned: readonly number[] = []): FusedCandidate[] {
  return selectCandidates(fuse(lists), k, RESERVED_SHARE, pinned);
}
