/**
 * The context pack (DESIGN.md): a question's best provisions for a RAG prompt. The search's hits
 * in order, deduplicated (the same article, or the same text in another version of its law), each
 * whole with its citation and validity, then the provisions they cite; packed greedily into a
 * character budget, a provision whole or not at all.
 */
import type { ContextPack, PackedArticle, PackedCitedProvision } from '../../contract/assistant-types';
import type { ApiParsedRequest } from '../../contract/api';
import type { SearchResponse } from '../../contract/types';
import { resolveCrossReferences } from '../store/cross-reference-resolver';
import type { LawReader } from '../store/law-reader';
import { validityOf } from '../text/validity';
import { articleBlock, citedBlock, PACK_SEPARATOR } from './pack-text';

export interface ContextPackSources {
  search(req: ApiParsedRequest<'search'>, signal?: AbortSignal): Promise<SearchResponse>;
  reader: Pick<LawReader, 'articleRow' | 'articleView' | 'law' | 'findLaw' | 'findLawExact' | 'articleByNumber'>;
}

/** How many hits are read to fill `articles` places after duplicates are dropped. */
const HITS_PER_PLACE = 2;

const sameText = (t: string): string => t.replace(/\s+/g, '');

export async function buildContextPack(src: ContextPackSources, req: ApiParsedRequest<'contextPack'>, signal?: AbortSignal): Promise<ContextPack> {
  const res = await src.search(
    {
      query: req.query, preset: req.preset, k: req.k, n: req.n, category: req.category, law: req.law, asOf: req.asOf,
      includeSuperseded: req.includeSuperseded, limit: Math.min(200, req.articles * HITS_PER_PLACE), offset: 0,
    },
    signal,
  );
  // 1. The top `articles` distinct provisions, in the search's order.
  const seenIds = new Set<number>();
  const seenTexts = new Set<string>();
  const chosen: PackedArticle[] = [];
  /** Each chosen article's law version (its cross-references resolve against it). */
  const lawOf = new Map<number, number>();
  let duplicates = 0;
  for (const hit of res.hits) {
    if (chosen.length === req.articles) break;
    const row = src.reader.articleRow(hit.articleId);
    if (!row) continue;
    const key = sameText(row.text);
    if (seenIds.has(hit.articleId) || seenTexts.has(key)) {
      duplicates++;
      continue;
    }
    seenIds.add(hit.articleId);
    seenTexts.add(key);
    lawOf.set(hit.articleId, row.law_id);
    chosen.push({
      rank: chosen.length + 1, articleId: hit.articleId, citation: hit.citation, lawTitle: hit.law.title, path: hit.path, text: row.text,
      ...validityOf(hit.law), cites: [],
    });
  }
  // 2. Whole articles in rank order while they fit; one too long is left out, a shorter one after it may still fit.
  let used = 0;
  const cost = (block: string): number => (used === 0 ? block.length : PACK_SEPARATOR.length + block.length);
  const packed: PackedArticle[] = [];
  let omitted = 0;
  for (const a of chosen) {
    const c = cost(articleBlock(a));
    if (used + c > req.maxChars) {
      omitted++;
      continue;
    }
    used += c;
    packed.push(a);
  }
  // 3. The provisions they cite (not themselves in the pack), by the packed articles' order, while they fit.
  if (req.cited) {
    const inPack = new Set(packed.map((a) => a.articleId));
    for (const a of packed) {
      for (const ref of resolveCrossReferences(src.reader, lawOf.get(a.articleId)!, a.text)) {
        if (ref.articleId === null || inPack.has(ref.articleId)) continue;
        const v = src.reader.articleView(ref.articleId);
        if (!v) continue;
        const cited: PackedCitedProvision = {
          articleId: v.articleId, citation: v.citation, reference: a.text.slice(ref.start, ref.end), text: v.text, ...validityOf(v.law),
        };
        const c = citedBlock(cited).length + 1; // joined under its article by a newline
        if (used + c > req.maxChars) continue;
        used += c;
        inPack.add(v.articleId);
        a.cites.push(cited);
      }
    }
  }
  const text = packed.map((a) => [articleBlock(a), ...a.cites.map(citedBlock)].join('\n')).join(PACK_SEPARATOR);
  return {
    query: res.query, budget: res.budget, charBudget: req.maxChars, chars: text.length, articles: packed, duplicates, omitted, text,
    degraded: res.degraded, degradedZh: res.degradedZh,
  };
}
