/**
 * A law's dated versions, and one article compared across them: the corresponding provision in
 * every version (null where a version has none), oldest to newest, with a character diff per pair.
 * Correspondence is found version by version outwards from the article asked about, each step
 * matching the neighbour's text (see article-match.ts), so a provision renumbered twice is followed.
 */
import { createError } from '../../contract/errors';
import type { ArticleComparison, ArticleDiff, ComparedVersion, LawVersion } from '../../contract/law-types';
import { diffChars, diffSize } from '../text/char-diff';
import type { ArticleRow } from '../store/law-reader';
import { bigramSet, MatchPool } from './article-match';
import type { LawDocuments } from './law-document';
import { said } from '../../contract/said';

/** Every dated version of the law `lawId` belongs to (same law key), newest first. */
export function lawVersions(docs: LawDocuments, lawId: number): LawVersion[] {
  return docs.versionRows(lawId).map((v) => ({ ...docs.summary(v.id), firstArticleId: v.first_article_id }));
}

function diffOf(from: ComparedVersion, to: ComparedVersion): ArticleDiff {
  const pair = { fromLawId: from.law.id, toLawId: to.law.id };
  if (!from.article || !to.article) return { ...pair, segments: null, inserted: 0, deleted: 0 };
  const segments = diffChars(from.article.text, to.article.text);
  return { ...pair, segments, ...diffSize(segments) };
}

export interface CompareOptions {
  /** Two version ids of the article's law: compare these (older first in the answer) instead of each consecutive pair. */
  from?: number;
  to?: number;
}

type Matched = NonNullable<ComparedVersion['article']>;

/** The provision `article` (of version `ids[at]`) in each of the versions `ids`, by stepping outwards. */
function followProvision(docs: LawDocuments, ids: number[], at: number, article: ArticleRow): (Matched | null)[] {
  const out: (Matched | null)[] = ids.map(() => null);
  out[at] = { id: article.id, label: article.label, text: article.text, matchedBy: 'asked', similarity: 1 };
  for (const step of [-1, 1]) {
    let anchor = article;
    let grams = bigramSet(anchor.text);
    for (let i = at + step; i >= 0 && i < ids.length; i += step) {
      const id = ids[i]!;
      const pool = new MatchPool(() => docs.articleRows(id), (number, sub) => docs.reader.articleByNumber(id, number, sub));
      const m = pool.match(anchor, grams);
      if (!m) continue; // this version has no such provision; the next one is matched against the last found
      out[i] = { id: m.row.id, label: m.row.label, text: m.row.text, matchedBy: m.by, similarity: Math.round(m.similarity * 1000) / 1000 };
      [anchor, grams] = [m.row, bigramSet(m.row.text)];
    }
  }
  return out;
}

export function compareArticle(docs: LawDocuments, articleId: number, opts: CompareOptions = {}): ArticleComparison {
  const article = docs.reader.articleRow(articleId);
  if (!article) throw createError('NOT_FOUND', said(`Article ${articleId}`, `条文 ${articleId}`));
  const ids = docs.versionRows(article.law_id).reverse().map((v) => v.id);
  const matched = followProvision(docs, ids, ids.indexOf(article.law_id), article);
  const versions: ComparedVersion[] = ids.map((id, i) => ({ law: docs.summary(id), article: matched[i]! }));

  let diffs: ArticleDiff[];
  if (opts.from !== undefined || opts.to !== undefined) {
    const at = (id: number | undefined) => versions.findIndex((v) => v.law.id === id);
    const [i, j] = [at(opts.from), at(opts.to)];
    if (opts.from === undefined || opts.to === undefined || i < 0 || j < 0 || i === j) {
      throw createError('COMPARE_VERSIONS_INVALID', article.label, versions.map((v) => v.law.id).join(', '));
    }
    diffs = [diffOf(versions[Math.min(i, j)]!, versions[Math.max(i, j)]!)];
  } else {
    diffs = versions.slice(1).map((v, i) => diffOf(versions[i]!, v));
  }
  return { articleId, label: article.label, versions, diffs };
}
