/**
 * A law read as a whole (the article-in-context page): the version's summary and history, its
 * table of contents, every article with its cross-references, the law's dated versions, and one
 * article compared across them. Plain data, no runtime code.
 */
import type { LawSummary } from './types';

/** A law version's summary plus its history lines (制定、修正 dates), as the source gives them. */
export type LawHeader = LawSummary & { history: string[] };

/** One heading of the table of contents (a book, part, chapter or section), nested as in the law. */
export interface TocEntry {
  /** The heading as written, e.g. 第四章 劳动合同的解除和终止. */
  heading: string;
  /** 0 for the outermost level (a book of the Civil Code, or a chapter where there are no books). */
  depth: number;
  /** The first article under this heading, to jump to. */
  firstArticleId: number;
  /** Articles under this heading, its sub-headings included. */
  articleCount: number;
  children: TocEntry[];
}

/**
 * A cross-reference in an article's text: `text.slice(start, end)` (UTF-16 offsets) is shown as a
 * link to `articleId`, or as plain text when the cited law or article is not in the library.
 */
export interface ArticleLink {
  start: number;
  end: number;
  /** The cited label, e.g. 第四十七条. */
  label: string;
  articleId: number | null;
  /** 《中华人民共和国劳动合同法》第四十七条 when resolved, else null. */
  citation: string | null;
}

export interface LawArticle {
  id: number;
  /** 第三十九条, 第四十二条之一 */
  label: string;
  /** Book / part / chapter / section headings above the article (empty for a law without headings). */
  path: string[];
  text: string;
  links: ArticleLink[];
}

/** What the `law` method answers: one law version, whole. */
export interface LawDocument {
  law: LawHeader;
  toc: TocEntry[];
  /** In the law's order. */
  articles: LawArticle[];
}

/** One dated version of a law, for the versions list (newest first). */
export interface LawVersion extends LawSummary {
  /** Where to open this version when it lacks the article being read (null: no articles). */
  firstArticleId: number | null;
}

export type DiffOp = 'equal' | 'insert' | 'delete';

/** A run of characters that both texts share, or that only the newer (insert) or older (delete) has. */
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** The change of an article between two versions of its law. */
export interface ArticleDiff {
  /** Law version ids, older first. */
  fromLawId: number;
  toLawId: number;
  /** Null when either version lacks the article. */
  segments: DiffSegment[] | null;
  /** Characters inserted and deleted (0 and 0: the text is unchanged). */
  inserted: number;
  deleted: number;
}

/**
 * The same provision in one version of its law: the article asked for in its own version; in the
 * others the article whose text corresponds to it (revisions renumber), matched version by version
 * outwards from the one asked about.
 */
export interface ComparedVersion {
  law: LawSummary;
  /** Null where this version has no corresponding article. */
  article: {
    id: number;
    label: string;
    text: string;
    /** `asked`: the article asked for; `number`: same 第X条 (and 之X); `text`: renumbered, found by its text. */
    matchedBy: 'asked' | 'number' | 'text';
    /** Character-bigram Dice similarity to its neighbour towards the asked version (1 for the asked article). */
    similarity: number;
  } | null;
}

/** What the `compareArticle` method answers. */
export interface ArticleComparison {
  /** The article asked for. */
  articleId: number;
  label: string;
  /** Every dated version of the law, oldest to newest. */
  versions: ComparedVersion[];
  /** Each consecutive pair of `versions`; or, when the request named `from` and `to`, that pair alone. */
  diffs: ArticleDiff[];
}
