import { createError } from '../../contract/errors';
import { formatChineseNumber } from '../text/chinese-numerals';
import { parseArticleLabel } from '../text/citation';
import { lawKey } from '../text/normalize';
import type { ParsedLaw } from '../store/parsed-law';
import { said } from '../../contract/said';

/** One article given as a flat record (a JSONL line or a CSV row). */
export interface ArticleRecord {
  law: string;
  article: string;
  text: string;
  line: number;
}

/** Accepts 第五十四条, 第54条, 54, 54之一. */
function normalizeLabel(article: string): string | null {
  const a = article.replace(/[\s\u3000]+/g, '');
  const direct = parseArticleLabel(a.startsWith('第') ? a : `第${a.replace(/^(\d+)/, '$1条')}`);
  if (!direct) return null;
  const base = `第${formatChineseNumber(direct.number)}条`;
  return direct.sub ? `${base}之${formatChineseNumber(direct.sub)}` : base;
}

/** Groups flat article records into laws; duplicate labels in one law fail with both lines named. */
export function groupRecords(records: ArticleRecord[], file: string, category: string): ParsedLaw[] {
  const laws = new Map<string, ParsedLaw>();
  const seen = new Map<string, number>();
  for (const r of records) {
    const title = r.law.replace(/[\s\u3000]+/g, '');
    if (!title) throw createError('MALFORMED_RECORD', file, r.line, said('the law name is empty.', '法律名称为空。'));
    const label = normalizeLabel(r.article);
    if (!label) throw createError('MALFORMED_RECORD', file, r.line, said(`"${r.article}" is not an article label such as 第五十四条 or 54.`, `“${r.article}”不是“第五十四条”或“54”这样的条文序号。`));
    const text = r.text.trim();
    if (!text) throw createError('MALFORMED_RECORD', file, r.line, said(`${title}${label} has no text.`, `${title}${label}没有正文。`));
    const num = parseArticleLabel(label)!;
    const key = `${lawKey(title)}|${num.number}.${num.sub}`;
    const first = seen.get(key);
    if (first !== undefined) throw createError('DUPLICATE_ARTICLE', file, r.line, label, title, first);
    seen.set(key, r.line);
    let law = laws.get(lawKey(title));
    if (!law) {
      law = { title, part: null, category, versionDate: null, history: [], articles: [], source: file };
      laws.set(lawKey(title), law);
    }
    law.articles.push({ label, number: num.number, sub: num.sub, path: [], text, line: r.line });
  }
  if (laws.size === 0) throw createError('NO_ARTICLES', file);
  for (const law of laws.values()) law.articles.sort((a, b) => a.number - b.number || a.sub - b.sub);
  return [...laws.values()];
}
