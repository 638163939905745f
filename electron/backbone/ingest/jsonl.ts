import { createError } from '../../contract/errors';
import { CHINESE_NUMERAL_CHARS } from '../text/chinese-numerals';
import { groupRecords, type ArticleRecord } from './records';
import type { ParsedLaw } from '../store/parsed-law';
import { said } from '../../contract/said';

const NAME_RE = new RegExp(`^(.+?)(第[${CHINESE_NUMERAL_CHARS}0-9]+条(?:之[${CHINESE_NUMERAL_CHARS}0-9]+)?)$`);

/**
 * STARD's corpus format: one JSON object per line, {id, name, content}, where name is the law title
 * followed by the article label (中华人民共和国民法典第五十四条).
 */
export function parseStardJsonl(text: string, file: string, category: string): ParsedLaw[] {
  const records: ArticleRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    let obj: unknown;
    try {
      obj = JSON.parse(raw);
    } catch (e) {
      throw createError('MALFORMED_RECORD', file, line, said(`not valid JSON (${(e as Error).message}).`, '不是有效的 JSON。'));
    }
    if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
      throw createError('MALFORMED_RECORD', file, line, said('expected an object {id, name, content}.', '应为对象 {id, name, content}。'));
    }
    const { name, content } = obj as Record<string, unknown>;
    if (typeof name !== 'string' || typeof content !== 'string') {
      throw createError('MALFORMED_RECORD', file, line, said('"name" and "content" must be strings.', '“name”和“content”必须是字符串。'));
    }
    const m = NAME_RE.exec(name.replace(/[\s\u3000]+/g, ''));
    if (!m) throw createError('MALFORMED_RECORD', file, line, said(`"${name}" does not end with an article label such as 第五十四条.`, `“${name}”的结尾不是“第五十四条”这样的条文序号。`));
    records.push({ law: m[1]!, article: m[2]!, text: content, line });
  });
  return groupRecords(records, file, category);
}
