/**
 * The lexical index is two contentless FTS5 tables with the same columns: articles of current law
 * versions, and articles of superseded versions. An article's row moves between them when its law's
 * status changes. Both hold pre-tokenised text (see text/bigrams.ts): body = article text,
 * head = law title + headings, anchor = what other provisions say where they cite the article
 * (store/article-anchors.ts).
 */
export const CURRENT_FTS = 'articles_fts';
export const SUPERSEDED_FTS = 'superseded_fts';
