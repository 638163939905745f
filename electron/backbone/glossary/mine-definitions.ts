/**
 * Patterns that name an article by the term it defines.
 *
 * `defined-term`: 本法所称X，是指… / 本条例所称的“X”（以下简称Y），是指… / 本解释所称X，包括… (also
 * 本规定, 本办法, 本细则, 本编, 本章, 本条 …). The article defines X in that law; Y becomes an alias.
 * `defined-term-list`: an article of the form 本法下列用语的含义：（一）X，是指… — each line's X.
 *
 * X is cleaned: 3–16 characters of Han script (Latin letters and digits allowed), no punctuation
 * (a two-character defined word — 公司, 保险, 数据 — is everyday vocabulary in any query);
 * not an everyday word an interpretation gives a local meaning (违法所得, 经济损失, 书面形式); not
 * starting with 本/该/上述/前款/第, not ending with 的/是/不. A term of SHORT_TERM characters is
 * kept only when the defining law's title starts with it (公务员 in 公务员法, 反洗钱 in 反洗钱法,
 * 不动产 in 不动产登记暂行条例): 当事人 or 近亲属 defined for criminal procedure, or 外国人 for
 * entry and exit, is not what a lawyer typing the word means.
 *
 * Across laws: a term defined in more than MAX_DEFINING_LAWS current laws is too general to point
 * anywhere (经营者, 船舶) and is skipped; otherwise its targets are all the articles defining it.
 */
import { CHINESE_NUMERAL_CHARS } from '../text/chinese-numerals';
import { lawKey } from '../text/normalize';
import { evidenceCitation, type CurrentLaw } from './corpus-laws';
import { normalizeTerm } from './glossary-text';
import type { GlossaryEntry, GlossaryTarget } from './glossary-types';

const MAX_DEFINING_LAWS = 3;
const SHORT_TERM = 3;

const NUM = `[${CHINESE_NUMERAL_CHARS}0-9]+`;
const SCOPE = `本(?:法|条例|规定|办法|解释|细则|实施细则|规则|编|章|节|条|决定|准则)(?:第${NUM}条)?(?:第${NUM}款)?`;
const TERM = `[“"]?([^，。；：、“”"（）()\\s]{2,20}?)[”"]?`;
const SHORT = `(?:[（(]以下简称[“"]?([^，。；：、“”"（）()\\s]{2,12})[”"]?[）)])?`;
const SCOPED_RE = new RegExp(`${SCOPE}中?所称的?${TERM}${SHORT}[，,]?(?:是指|系指|指|包括)`, 'gu');
const LIST_LINE_RE = new RegExp(`^(?:[（(]${NUM}[）)]|${NUM}[.．、])?\\s*${TERM}${SHORT}[，,]?(?:是指|系指|指)`, 'u');

/** Everyday words that laws and interpretations give a local meaning: not terms a lawyer looks up. */
const GENERIC = new Set([
  '有关规定', '国家规定', '有关法律', '特殊情况', '上级人民政府', '监管部门', '书面形式', '合理解释', '不知道',
  '违法所得', '违法所得数额', '经济损失',
]);
const CLEAN_RE = /^[\p{Script=Han}A-Za-z0-9]{3,16}$/u;

export interface Definition {
  term: string;
  alias: string | null;
  pattern: 'defined-term' | 'defined-term-list';
  law: CurrentLaw;
  label: string;
  ordinal: number;
}

/** The cleaned term, or null when X is not a term. */
function cleanTerm(x: string): string | null {
  const t = x.trim();
  if (!CLEAN_RE.test(t) || GENERIC.has(t)) return null;
  if (/^(?:本|该|上述|前款|前条|第|下列|其)/u.test(t) || /[的之是不也还均应]$/u.test(t) || t.includes('属于')) return null;
  return t;
}

/** The definitions one article makes. */
export function definitionsIn(law: CurrentLaw, article: CurrentLaw['articles'][number]): Definition[] {
  const out: Definition[] = [];
  const base = { law, label: article.label, ordinal: article.number * 1000 + article.sub };
  const add = (x: string, y: string | undefined, pattern: Definition['pattern']) => {
    const term = cleanTerm(x);
    if (!term) return;
    const alias = y ? cleanTerm(y) : null;
    out.push({ ...base, term, alias: alias && alias !== term ? alias : null, pattern });
  };
  for (const m of article.text.matchAll(SCOPED_RE)) add(m[1]!, m[2], 'defined-term');
  if (/下列用语/u.test(article.text)) {
    for (const line of article.text.split('\n').slice(1)) {
      const m = LIST_LINE_RE.exec(line.trim());
      if (m) add(m[1]!, m[2], 'defined-term-list');
    }
  }
  return out;
}

/** Defined-term entries from every current law. */
export function mineDefinitions(laws: readonly CurrentLaw[]): GlossaryEntry[] {
  const byTerm = new Map<string, Definition[]>();
  for (const law of laws) {
    for (const article of law.articles) {
      if (!/所称|下列用语/u.test(article.text)) continue;
      for (const d of definitionsIn(law, article)) {
        const key = normalizeTerm(d.term);
        let list = byTerm.get(key);
        if (!list) byTerm.set(key, (list = []));
        list.push(d);
      }
    }
  }
  const entries: GlossaryEntry[] = [];
  for (const defs of byTerm.values()) {
    const laws = new Set(defs.map((d) => d.law.title));
    if (laws.size > MAX_DEFINING_LAWS) continue;
    const term = defs[0]!.term;
    if (term.length <= SHORT_TERM && !defs.every((d) => lawKey(d.law.title).startsWith(term))) continue;
    defs.sort((a, b) => (a.law.title < b.law.title ? -1 : a.law.title > b.law.title ? 1 : a.ordinal - b.ordinal));
    const targets: GlossaryTarget[] = [];
    for (const d of defs) if (!targets.some((t) => t.law === d.law.title && t.label === d.label)) targets.push({ law: d.law.title, label: d.label });
    const aliases = [...new Set(defs.map((d) => d.alias).filter((a): a is string => a !== null && a.length >= 2))].sort();
    const patterns = [...new Set(defs.map((d) => d.pattern))].sort();
    entries.push({
      term,
      aliases,
      kind: 'defined-term',
      targets,
      provenance: patterns.map((pattern) => ({
        source: 'mined' as const,
        pattern,
        evidence: defs.filter((d) => d.pattern === pattern).map((d) => evidenceCitation(d.law, d.law.articles.find((a) => a.label === d.label)!)).filter((c, i, all) => all.indexOf(c) === i).slice(0, 3),
      })),
    });
  }
  return entries;
}
