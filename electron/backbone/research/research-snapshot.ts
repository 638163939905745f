/**
 * What a research run shows after each reranker batch: the current top N as search hits, the
 * scored candidates below N ("considered but ranked low"), and the related provisions one
 * cross-reference away in either direction: those the top hits cite (the store's resolver), each
 * naming the hits that cite it, and those that cite the top hits (the reverse reference index),
 * each naming the hits it cites.
 */
import type { CitingHit, LowRankedHit, RelatedProvision } from '../../contract/research-types';
import type { CitingProvision, SearchHit } from '../../contract/types';
import type { PipelineHit } from '../pipeline/pipeline';
import type { SearchService } from '../pipeline/search-service';
import { makeSnippet } from '../text/snippet';
import { CITED_BY_LIMIT, type CitingProvisions } from '../store/citing-provisions';
import { resolveCrossReferences, type ResolvedReference } from '../store/cross-reference-resolver';
import { toLawSummary } from '../store/law-reader';
import { formatCitation } from '../text/citation';

/** How much of a related provision's opening text is shown. */
const RELATED_SNIPPET_CHARS = 120;
/** How many provisions citing the hits (and not cited by them) a snapshot lists at most. */
const RELATED_CITING_LIMIT = 50;

export interface Snapshot {
  hits: SearchHit[];
  lowRanked: LowRankedHit[];
  related: RelatedProvision[];
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

/** Builds snapshots for one run; remembers each article's resolved references across batches. */
export class SnapshotBuilder {
  private readonly references = new Map<number, ResolvedReference[]>();
  private readonly citers = new Map<number, CitingProvision[]>();

  constructor(
    private readonly service: SearchService,
    private readonly citing: CitingProvisions,
  ) {}

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

  /** The first provisions citing `articleId` (current versions first), once per run. */
  private citersOf(articleId: number): CitingProvision[] {
    let list = this.citers.get(articleId);
    if (!list) this.citers.set(articleId, (list = this.citing.list(articleId, CITED_BY_LIMIT)));
    return list;
  }

  /**
   * Articles one reference from the hits that are not hits themselves: those the hits cite (most
   * cited first, then by the best citing rank), then those citing the hits (most hits cited first,
   * then by the best cited rank; at most RELATED_CITING_LIMIT).
   */
  private related(hits: SearchHit[]): RelatedProvision[] {
    const hitIds = new Set(hits.map((h) => h.articleId));
    const cited = new Map<number, CitingHit[]>();
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
    const citing = new Map<number, { cites: CitingHit[]; first: CitingProvision }>();
    for (const hit of hits) {
      for (const p of this.citersOf(hit.articleId)) {
        if (hitIds.has(p.articleId)) continue;
        const entry = citing.get(p.articleId) ?? { cites: [], first: p };
        entry.cites.push({ articleId: hit.articleId, citation: hit.citation, rank: hit.rank, reference: p.reference });
        citing.set(p.articleId, entry);
      }
    }
    const byCount = (a: CitingHit[], b: CitingHit[]): number => b.length - a.length || a[0]!.rank - b[0]!.rank;
    const reader = this.service.reader;
    /** The provision's facts; its snippet is the citing words when given, else its opening text. */
    const provision = (id: number, snippet?: SearchHit['snippet']): Omit<RelatedProvision, 'relation' | 'citedBy' | 'cites'> => {
      const a = reader.articleRow(id)!;
      const law = reader.lawRow(a.law_id)!;
      return {
        articleId: id, citation: formatCitation(law.title, a.label), label: a.label, law: toLawSummary(law),
        path: JSON.parse(a.path) as string[], snippet: snippet ?? makeSnippet(a.text, [], RELATED_SNIPPET_CHARS),
      };
    };
    const citedFirst: RelatedProvision[] = [...cited.entries()]
      .sort(([, a], [, b]) => byCount(a, b))
      .map(([id, citedBy]) => {
        const cites = citing.get(id)?.cites ?? [];
        return { ...provision(id), relation: cites.length ? 'both' : 'cited', citedBy, cites };
      });
    const citingOnly: RelatedProvision[] = [...citing.entries()]
      .filter(([id]) => !cited.has(id))
      .sort(([, a], [, b]) => byCount(a.cites, b.cites))
      .slice(0, RELATED_CITING_LIMIT)
      .map(([id, { cites, first }]) => ({ ...provision(id, first.snippet), relation: 'citing', citedBy: [], cites }));
    return [...citedFirst, ...citingOnly];
  }
}
