/**
 * What a research run shows after each reranker batch: the current top N as search hits, the
 * scored candidates below N ("considered but ranked low"), and the provisions the top hits cite
 * (one cross-reference hop, via the store's resolver), each naming the hits that cite it.
 */
import type { LowRankedHit, RelatedProvision } from '../../contract/research-types';
import type { SearchHit } from '../../contract/types';
import type { PipelineHit } from '../pipeline/pipeline';
import type { SearchService } from '../search/search-service';
import { makeSnippet } from '../search/snippet';
import { resolveCrossReferences, type ResolvedReference } from '../store/cross-reference-resolver';
import { toLawSummary } from '../store/law-reader';
import { formatCitation } from '../text/citation';

/** How much of a related provision's opening text is shown. */
export const RELATED_SNIPPET_CHARS = 120;

export interface Snapshot {
  hits: SearchHit[];
  lowRanked: LowRankedHit[];
  related: RelatedProvision[];
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Builds snapshots for one run; remembers each article's resolved references across batches. */
export class SnapshotBuilder {
  private readonly references = new Map<number, ResolvedReference[]>();

  constructor(private readonly service: SearchService) {}

  /** `scored`: the reranker's order so far (best first); the first `n` are the hits. */
  fromScored(scored: PipelineHit[], n: number, terms: string[]): Snapshot {
    const hits = scored.slice(0, n).map((h, i) => this.service.toHit(h, i + 1, terms));
    return { hits, lowRanked: this.lowRanked(scored.slice(n), n), related: this.related(hits) };
  }

  /** A finished search's hits as they are (first-stage order when not reranked), with nothing ranked low. */
  fromHits(hits: SearchHit[]): Snapshot {
    return { hits, lowRanked: [], related: this.related(hits) };
  }

  private lowRanked(below: PipelineHit[], n: number): LowRankedHit[] {
    const reader = this.service.reader;
    return below.map((h, i) => {
      const a = reader.articleRow(h.articleId)!;
      const law = reader.lawRow(a.law_id)!;
      return {
        articleId: a.id, citation: formatCitation(law.title, a.label), label: a.label, law: toLawSummary(law),
        rank: n + i + 1, beforeRerank: h.ranks.beforeRerank ?? 0, rerankScore: round(h.scores.rerank ?? h.score),
      };
    });
  }

  private refsOf(articleId: number): ResolvedReference[] {
    let refs = this.references.get(articleId);
    if (!refs) {
      const a = this.service.reader.articleRow(articleId);
      refs = a ? resolveCrossReferences(this.service.reader, a.law_id, a.text) : [];
      this.references.set(articleId, refs);
    }
    return refs;
  }

  /** Articles the hits cite that are not hits themselves: most cited first, then by the best citing rank. */
  private related(hits: SearchHit[]): RelatedProvision[] {
    const hitIds = new Set(hits.map((h) => h.articleId));
    const cited = new Map<number, RelatedProvision['citedBy']>();
    for (const hit of hits) {
      const text = this.service.reader.articleRow(hit.articleId)?.text ?? '';
      for (const ref of this.refsOf(hit.articleId)) {
        if (ref.articleId === null || hitIds.has(ref.articleId)) continue;
        const by = cited.get(ref.articleId) ?? [];
        if (!by.some((b) => b.articleId === hit.articleId)) {
          by.push({ articleId: hit.articleId, citation: hit.citation, rank: hit.rank, reference: text.slice(ref.start, ref.end) });
        }
        cited.set(ref.articleId, by);
      }
    }
    const reader = this.service.reader;
    return [...cited.entries()]
      .sort(([, a], [, b]) => b.length - a.length || a[0]!.rank - b[0]!.rank)
      .map(([id, citedBy]) => {
        const a = reader.articleRow(id)!;
        const law = reader.lawRow(a.law_id)!;
        return {
          articleId: id, citation: formatCitation(law.title, a.label), label: a.label, law: toLawSummary(law),
          path: JSON.parse(a.path) as string[], snippet: makeSnippet(a.text, [], RELATED_SNIPPET_CHARS), citedBy,
        };
      });
  }
}
