import { createHash } from 'node:crypto';

/**
 * What is embedded for an article (the document side of dense retrieval):
 *
 *     《<law short title>》 <heading> <heading> …
 *     <article text>
 *     <anchor text>            (what citing provisions say of it, store/article-anchors.ts; if any)
 *
 * e.g. "《民法典》 第三编 合同 第八章 违约责任\n当事人一方不履行合同义务……". The article label
 * (第五百八十四条) is left out: its number carries no meaning a query would share, and citations
 * are answered by the lexical path. Headings are kept whole up to HEAD_MAX_CHARS; the article text
 * is cut to fit TEXT_MAX_CHARS in all, at the last sentence end (。；！？) in the final fifth of
 * the allowance when there is one. Chinese runs about one token per character, so 512 characters
 * stay inside every supported model's window while keeping ~99 % of the bundled corpus's articles
 * whole (article text: median 92, 99th percentile 427 characters; heading line: 99th pct. 51).
 *
 * The query side is the user's question as typed; the embedder adds its own query instruction
 * (kind 'query'). Changing anything here changes the hash of every text, so the next indexing run
 * re-embeds everything: bump nothing by hand.
 */
export const TEXT_MAX_CHARS = 512;
export const HEAD_MAX_CHARS = 96;
/**
 * Anchor text is appended up to this many characters. Measured with the stage-2 built-in embedder
 * (dense alone, R@60): lawyer set 0.817 → 0.848 with the whole anchor, 0.837 with 120 characters;
 * STARD validation 0.818 → 0.822.
 */
export const ANCHOR_MAX_CHARS = 240;

/** What to select and join, over `articles a`, for an article's anchor text (as `anchor`; '' when none). */
export const ANCHOR_SQL = {
  column: "coalesce(x.text, '') AS anchor",
  join: 'LEFT JOIN article_anchors x ON x.article_id = a.id',
} as const;

export interface ArticleForEmbedding {
  /** Law title without 中华人民共和国, e.g. 民法典. */
  shortTitle: string;
  /** Book / chapter / section headings above the article. */
  path: readonly string[];
  text: string;
  /** Anchor text ('' or absent: none). */
  anchor?: string;
}

function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const window = text.slice(0, max);
  const end = Math.max(...['。', '；', '！', '？'].map((p) => window.lastIndexOf(p)));
  return end >= max * 0.8 ? window.slice(0, end + 1) : window;
}

export function articleEmbeddingText(a: ArticleForEmbedding): string {
  const head = cut([`《${a.shortTitle}》`, ...a.path].join(' ').replace(/\s+/g, ' ').trim(), HEAD_MAX_CHARS);
  const body = a.text.replace(/\s+/g, ' ').trim();
  const main = `${head}\n${cut(body, Math.max(0, TEXT_MAX_CHARS - head.length - 1))}`;
  const anchor = (a.anchor ?? '').replace(/\s+/g, ' ').trim();
  return anchor ? `${main}\n${anchor.slice(0, ANCHOR_MAX_CHARS)}` : main;
}

/** The hash stored beside a vector: the vector is current while the text it came from is unchanged. */
export function embeddingTextHash(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}
