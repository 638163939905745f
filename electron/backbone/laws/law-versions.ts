/**
 * A law's dated versions, and one article compared across them: the same number and 之X in every
 * version (null where a version lacks it), oldest to newest, with a character diff per pair.
 */
import { createError } from '../../contract/errors';
import type { ArticleComparison, ArticleDiff, ComparedVersion, LawVersion } from '../../contract/law-types';
import { diffChars, diffSize } from '../text/char-diff';
import type { LawDocuments } from './law-document';

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

export function compareArticle(docs: LawDocuments, articleId: number, opts: CompareOptions = {}): ArticleComparison {
  const article = docs.reader.articleRow(articleId);
  if (!article) throw createError('NOT_FOUND', `Article ${articleId}`);
  const versions: ComparedVersion[] = docs
    .versionRows(article.law_id)
    .reverse()
    .map((v) => {
      const row = v.id === article.law_id ? article : docs.reader.articleByNumber(v.id, article.number, article.sub);
      return { law: docs.summary(v.id), article: row ? { id: row.id, label: row.label, text: row.text } : null };
    });

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
