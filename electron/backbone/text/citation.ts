import { CHINESE_NUMERAL_CHARS, formatChineseNumber, parseChineseNumber } from './chinese-numerals';
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
const MAX_ARTICLE_NUMBER = 99_999;

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
  /** The law as the user wrote it, normalised (may still carry the 中华人民共和国 prefix or be a short name). */
  law: string;
  label: string;
  /** 第二款 and 第（三）项 after the article, when given (the article is what is looked up). */
  paragraph: number | null;
  item: number | null;
}

const SP = '[\\s\\u3000]*';
const CITATION_RE = new RegExp(
  `^[《<〈]?(.+?)[》>〉]?${SP}((?:第${SP})?${NUM}${SP}条(?:之${NUM})?)` +
    `(?:${SP}第?${SP}(${NUM})${SP}款)?(?:${SP}第?${SP}[（(]?(${NUM})[）)]?${SP}项)?$`,
);

/**
 * Parses a citation typed by a user or written in a STARD match name:
 * 民法典第584条, 民法典584条, 劳动合同法 第三十九条, 《中华人民共和国民法典》第五十四条,
 * 中华人民共和国民法典第五十四条, 民法典第584条第二款, 劳动合同法第39条第1款第（二）项.
 * Returns null when the text is not a citation (e.g. a question).
 */
export function parseCitation(text: string): ParsedCitation | null {
  const m = CITATION_RE.exec(text.trim());
  if (!m) return null;
  const law = normalizeTitle(m[1]!);
  const written = m[2]!.replace(/[\s\u3000]+/g, '');
  const label = written.startsWith('第') ? written : `第${written}`;
  const num = parseArticleLabel(label);
  if (!num || law.length < 2 || law.length > 120) return null;
  // A law name is written without sentence punctuation; a question containing "第X条" is not a citation.
  if (/[，。？！?!,；;：:]/.test(law)) return null;
  const part = (x: string | undefined): number | null | undefined => {
    if (x === undefined) return null;
    const n = parseChineseNumber(x);
    return n !== null && n > 0 && n <= 999 ? n : undefined;
  };
  const paragraph = part(m[3]);
  const item = part(m[4]);
  if (paragraph === undefined || item === undefined) return null;
  return { law, label: formatArticleLabel(num), ...num, paragraph, item };
}

/** The label as stored: 第五百八十四条, 第十七条之一 (whatever numerals the user typed). */
export function formatArticleLabel({ number, sub }: ArticleNumber): string {
  return `第${formatChineseNumber(number)}条${sub ? `之${formatChineseNumber(sub)}` : ''}`;
}

/** The stable citation of an article: 《中华人民共和国民法典》第五十四条. */
export function formatCitation(lawTitle: string, label: string): string {
  return `《${lawTitle}》${label}`;
}

/** STARD's name for an article: law title + label, no book-title marks. */
export function formatStardName(lawTitle: string, label: string): string {
  return `${lawTitle}${label}`;
}
