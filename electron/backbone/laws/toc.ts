/**
 * The table of contents of a law version, built from its articles' heading paths (book / part /
 * chapter / section) in the law's order: a heading starts a new entry where it differs from the
 * previous article's heading at that depth, or where any heading above it changed.
 */
import type { TocEntry } from '../../contract/law-types';

export interface TocArticle {
  id: number;
  path: readonly string[];
}

export function buildToc(articles: readonly TocArticle[]): TocEntry[] {
  const roots: TocEntry[] = [];
  /** The open entry at each depth, for the articles seen so far. */
  let open: TocEntry[] = [];
  for (const a of articles) {
    let depth = 0;
    while (depth < a.path.length && depth < open.length && open[depth]!.heading === a.path[depth]) depth++;
    open = open.slice(0, depth);
    for (let d = depth; d < a.path.length; d++) {
      const entry: TocEntry = { heading: a.path[d]!, depth: d, firstArticleId: a.id, articleCount: 0, children: [] };
      (d === 0 ? roots : open[d - 1]!.children).push(entry);
      open.push(entry);
    }
    for (let d = 0; d < a.path.length; d++) open[d]!.articleCount++;
    // An article without headings (a preamble-like article between chapters) closes them.
    if (a.path.length === 0) open = [];
  }
  return roots;
}
