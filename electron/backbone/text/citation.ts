import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals';
import { normalizeTitle } from './normalize';

/** An article label split into its parts: 第四十二条之一 → { number: 42, sub: 1 }. */
export interface ArticleNumber {
  number: number;
  /** The 之X suffix, 0 when there is none. */
  sub: number;
}

const NUM = `[${CHINESE_NUMERAL_CHARS}0-9０-９]+`;
const LABEL_RE = new RegExp(`^第(${NUM})条(?:之(${NUM}))?$`);

/** Parses a label such as 第五十四条, 第584条 or 第四十二条之一. */
/** The largest article (or sub-article) number a label may have. */
export const MAX_ARTICLE_NUMBER = 99_999;

export function parseArticleLabel(label: string): ArticleNumber | null {
  const m = LABEL_RE.exec(label.replace(/\s+/g, ''));
  if (!m) return null;
  const number = parseChineseNumber(m[1]!);
  const sub = m[2] ? parseChineseNumber(m[2]) : 0;
  // Article numbers are written out in Chinese numerals up to 99,999 (formatChineseNumber's range).
  if (number === null || sub === null || number <= 0 || number > MAX_ARTICLE_NUMBER || sub > MAX_ARTICLE_NUMBER) return null;
  return { number, sub };
}

/** Matches an article label at the start of a line: 第X条 or 第X条之Y, followed by a space or the end. */
export const ARTICLE_LINE_RE = new RegExp(`^(第${NUM}条(?:之${NUM})?)(?:[\\s\\u3000]+|$)`);

export interface ParsedCitation extends ArticleNumber {
  /** The law as the user wrote it, normalised (may still carry the 中华人民共和国 prefix). */
  law: string;
  label: string;
}

const CITATION_RE = new RegExp(
  `^[《<〈]?(.+?)[》>〉]?[\\s\\u3000]*(第[\\s\\u3000]*${NUM}[\\s\\u3000]*条(?:之${NUM})?)$`,
);

/**
 * Parses a citation typed by a user or written in a STARD match name:
 * 民法典第584条, 劳动合同法 第三十九条, 《中华人民共和国民法典》第五十四条, 中华人民共和国民法典第五十四条.
 * Returns null when the text is not a citation (e.g. a question).
 */
export function parseCitation(text: string): ParsedCitation | null {
  const m = CITATION_RE.exec(text.trim());
  if (!m) return null;
  const law = normalizeTitle(m[1]!);
  const label = m[2]!.replace(/[\s\u3000]+/g, '');
  const num = parseArticleLabel(label);
  if (!num || law.length < 2 || law.length > 120) return null;
  // A law name is written without sentence punctuation; a question containing "第X条" is not a citation.
  if (/[，。？！?!,；;：:]/.test(law)) return null;
  return { law, label, ...num };
}

/** The stable citation of an article: 《中华人民共和国民法典》第五十四条. */
export function formatCitation(lawTitle: string, label: string): string {
  return `《${lawTitle}》${label}`;
}

/** STARD's name for an article: law title + label, no book-title marks. */
export function formatStardName(lawTitle: string, label: string): string {
  return `${lawTitle}${label}`;
}
