/**
 * The short names lawyers write for laws and judicial interpretations, turned into what the
 * library can look up. Two kinds:
 *
 * - Abbreviated laws: 民诉法 → 民事诉讼法, 个保法 → 个人信息保护法 (a fixed list of the common ones;
 *   the stored titles are never guessed at).
 * - Judicial interpretations named after their law: 民诉法解释 → 最高人民法院关于适用《民事诉讼法》
 *   的解释; 公司法解释三 / 公司法司法解释（三） → …公司法》若干问题的规定（三）; 婚姻家庭编解释一 →
 *   …民法典》婚姻家庭编的解释（一）. Without a number: the law's 的解释 or 若干问题的解释 exactly; with
 *   one: the current law whose key has that prefix and ends with （N）, the shortest if several.
 *
 * Pure: no database. Keys are law keys (normalize.ts: no 中华人民共和国, full-width brackets).
 */
import { formatChineseNumber, parseChineseNumber } from './chinese-numerals';
import { lawKey } from './normalize';

/** Abbreviation → the law's own short title. Only unambiguous, widely used forms. */
const LAW_ABBREVIATIONS: Readonly<Record<string, string>> = {
  民诉法: '民事诉讼法',
  刑诉法: '刑事诉讼法',
  行诉法: '行政诉讼法',
  民诉: '民事诉讼法',
  刑诉: '刑事诉讼法',
  行诉: '行政诉讼法',
  个保法: '个人信息保护法',
  数安法: '数据安全法',
  网安法: '网络安全法',
  消保法: '消费者权益保护法',
  食安法: '食品安全法',
  道交法: '道路交通安全法',
  环保法: '环境保护法',
  反垄断: '反垄断法',
  反不正当竞争: '反不正当竞争法',
  治安处罚法: '治安管理处罚法',
  劳动合同法条例: '劳动合同法实施条例',
};

/** The books of the 民法典 whose interpretations are named after them. */
const CIVIL_CODE_BOOKS = ['总则编', '物权编', '合同编通则', '合同编', '人格权编', '婚姻家庭编', '继承编', '侵权责任编'];

/** Judicial interpretations with their own well-known short names. */
const NAMED_INTERPRETATIONS: Readonly<Record<string, string>> = {
  担保制度解释: '最高人民法院关于适用民法典有关担保制度的解释',
  担保解释: '最高人民法院关于适用民法典有关担保制度的解释',
  民法典担保制度解释: '最高人民法院关于适用民法典有关担保制度的解释',
  民法典担保解释: '最高人民法院关于适用民法典有关担保制度的解释',
  民法典时间效力规定: '最高人民法院关于适用民法典时间效力的若干规定',
};

/** One way to find a law: its exact key, or the current law whose key starts with `prefix` and ends with `suffix`. */
export type LawLookup = { key: string } | { prefix: string; suffix: string };

// The law part ends as law names do (法, 典, 编, 通则, 条例) or as 民诉 / 刑诉 / 行诉; so 公司法 is not 公 + 司法.
const INTERPRETATION_RE = /^(.+?[法典编则例诉])(?:司法)?(?:解释|规定)[（(]?([〇零一二三四五六七八九十0-9]+)?[）)]?$/u;

/** The expanded name of a law abbreviation, or the name itself. */
export function expandAbbreviation(name: string): string {
  return LAW_ABBREVIATIONS[name] ?? name;
}
const expandLaw = expandAbbreviation;

/**
 * What to look up for a law name as typed, best first: the name itself, then its expansion as an
 * abbreviation, then as a judicial interpretation named after its law.
 */
export function lawLookups(name: string): LawLookup[] {
  const key = lawKey(name);
  const out: LawLookup[] = [{ key }];
  const expanded = expandLaw(key);
  if (expanded !== key) out.push({ key: lawKey(expanded) });
  const named = NAMED_INTERPRETATIONS[key];
  if (named) out.push({ key: lawKey(named) });

  const m = INTERPRETATION_RE.exec(key);
  if (m && !key.startsWith('最高人民法院')) {
    let law = expandLaw(m[1]!);
    const n = m[2] ? parseChineseNumber(m[2]) : null;
    if (m[2] && (n === null || n <= 0 || n > 20)) return out;
    const suffix = n ? `（${formatChineseNumber(n)}）` : null;
    // 民法典婚姻家庭编解释 and 婚姻家庭编解释 both name the book's interpretation.
    const book = CIVIL_CODE_BOOKS.find((b) => law === b || law === `民法典${b}`);
    if (book) law = `民法典${book}`;
    if (law.length < 2) return out;
    const prefix = `最高人民法院关于适用${lawKey(law)}`;
    // Without a number only the one interpretation of the law is meant (公司法解释 alone, with five
    // numbered ones, is not a citation: the search answers it).
    if (suffix) out.push({ prefix, suffix });
    else out.push({ key: `${prefix}的解释` }, { key: `${prefix}若干问题的解释` });
  }
  return out;
}
