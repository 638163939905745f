/**
 * Pattern `crime-conviction`: judicial interpretations that say which crime a conduct is convicted
 * of, and under which article of the Criminal Law —
 *   依照刑法第二百六十六条的规定，以诈骗罪定罪处罚
 *   符合刑法第二百三十七条规定的，以强制猥亵罪或者猥亵儿童罪定罪处罚
 *   应当认定为刑法第三百四十条规定的“情节严重”，以非法捕捞水产品罪定罪处罚
 *   依照刑法第三百二十七条的规定，以非法出售、私赠文物藏品罪追究刑事责任
 *   依照刑法第二百二十九条、第二百三十一条的规定，以提供虚假证明文件罪或者出具证明文件重大失实罪定罪处罚
 * One article and several crimes: each crime gets the article. As many articles as crimes: paired
 * in order. Otherwise the sentence is skipped (刑法第二百八十九条、第二百三十四条、第二百三十二条 …
 * 以故意伤害罪或者故意杀人罪 cannot be paired).
 *
 * Pattern `crime-named`: 刑法第二百二十一条规定的损害商业信誉、商品声誉罪 (the article named
 * together with its crime; ‥犯罪 such as 上游犯罪 is not a crime name).
 *
 * Then, per crime name: a mapping is kept only if the article exists in the current Criminal Law
 * and its text fits the name: at least FIT_SHARE (40 %) of the name's distinct characters, 罪 and
 * function characters aside, occur in the article (提供虚假证明文件罪 → 第二百三十一条, the unit-crime
 * article, scores 0; 利用影响力受贿罪 → 第三百八十八条之一 scores 0.43, 传播性病罪 → 第三百六十条 0.5).
 * Of the articles left, the one cited by most provisions wins (ties: the lowest-numbered). This
 * drops citations of the 1979 numbering and slips of pairing.
 */
import type { ParsedArticle } from '../store/parsed-law';
import { CHINESE_NUMERAL_CHARS } from '../text/chinese-numerals';
import { formatArticleLabel, parseArticleLabel } from '../text/citation';
import { CRIMINAL_LAW, evidenceCitation, type CurrentLaw } from './corpus-laws';
import type { GlossaryEntry } from './glossary-types';

const NUM = `[${CHINESE_NUMERAL_CHARS}0-9]+`;
/** One cited article: 第二百二十五条之一第一款第（四）项 (paragraph and item are read past). */
const ONE_REF = `第${NUM}条(?:之${NUM})?(?:第${NUM}款(?:[、和]第${NUM}款)*)?(?:第?[（(]?${NUM}[）)]?项)?`;
/** 刑法第X条、第Y条 (或者/和 also join), then 规定. */
const REFS = `刑法(${ONE_REF}(?:(?:、|或者|和|及)${ONE_REF})*)`;
/** A list of crime names: X罪、Y罪 / X罪或者Y罪 (a name may contain 、 itself). */
const CRIMES = `([^，。；：“”\\s]+?罪)`;

const CONVICTION_RE = new RegExp(
  `${REFS}(?:的)?规定(?:的“[^”]{1,20}”|的行为)?[，,]?` +
    `(?:[^，。；：]{1,24}[，,])?(?:对[^，。；：以]{1,30})?(?:应当)?(?:分别)?(?:依法)?(?:按照)?以${CRIMES}(?:定罪|论处|追究刑事责任)`,
  'gu',
);
const NAMED_RE = new RegExp(`刑法(第${NUM}条(?:之${NUM})?)(?:第${NUM}款)?规定的([^，。；：“”\\s]{2,40}?罪)(?=[的，。；、或和]|$)`, 'gu');

const ARTICLE_IN_REF = new RegExp(`第(${NUM})条(?:之(${NUM}))?`, 'gu');
/** Characters that say nothing about a crime's conduct. */
const FUNCTION_CHARS = /[罪、的或者和及与之]/gu;
const FIT_SHARE = 0.4;

export interface CrimeMapping {
  crime: string;
  label: string;
  pattern: 'crime-conviction' | 'crime-named';
  evidence: string;
}

/** The articles cited in a REFS match, in order, once each (第一款、第二款 of one article is one). */
function articlesOf(refs: string): string[] {
  const out: string[] = [];
  for (const m of refs.matchAll(ARTICLE_IN_REF)) {
    const n = parseArticleLabel(m[0]);
    if (!n) continue;
    const label = formatArticleLabel(n);
    if (!out.includes(label)) out.push(label);
  }
  return out;
}

/** Splits 以X罪或者Y罪、Z罪 into names; 、 inside a name (掩饰、隐瞒…罪) stays. */
export function splitCrimes(list: string): string[] {
  return list
    .split(/(?<=罪)(?:或者|或|和|以及|、)/u)
    .map((c) => c.trim())
    // 按照以危险方法危害公共安全罪: the 以 belongs to the name, not to 以…定罪.
    .map((c) => (c.startsWith('危险方法危害公共安全') ? `以${c}` : c))
    .filter((c) => c.length >= 3 && !/犯罪$|定罪|论处/u.test(c) && !/^[本该此其]/u.test(c));
}

/** Every (crime, article) a provision states. */
export function crimeMappingsIn(text: string, evidence: string): CrimeMapping[] {
  const out: CrimeMapping[] = [];
  for (const sentence of text.split(/[。；\n]/u)) {
    if (!sentence.includes('刑法第')) continue;
    for (const m of sentence.matchAll(CONVICTION_RE)) {
      const articles = articlesOf(m[1]!);
      const crimes = splitCrimes(m[2]!);
      if (articles.length === 0 || crimes.length === 0) continue;
      if (articles.length === 1) for (const crime of crimes) out.push({ crime, label: articles[0]!, pattern: 'crime-conviction', evidence });
      else if (articles.length === crimes.length) crimes.forEach((crime, i) => out.push({ crime, label: articles[i]!, pattern: 'crime-conviction', evidence }));
    }
    for (const m of sentence.matchAll(NAMED_RE)) {
      const n = parseArticleLabel(m[1]!);
      const named = splitCrimes(m[2]!);
      if (n && named.length === 1) out.push({ crime: named[0]!, label: formatArticleLabel(n), pattern: 'crime-named', evidence });
    }
  }
  return out;
}

/** The share of a crime name's telling characters that occur in the article's text. */
export function fitShare(crime: string, articleText: string): number {
  const chars = [...new Set(crime.replace(FUNCTION_CHARS, ''))];
  if (chars.length === 0) return 0;
  return chars.filter((c) => articleText.includes(c)).length / chars.length;
}

/**
 * Crime entries from the judicial interpretations (and any other current law that says
 * 依照刑法第X条的规定，以Y罪定罪处罚), resolved to the current Criminal Law.
 */
export function mineCrimes(laws: readonly CurrentLaw[]): GlossaryEntry[] {
  const criminalLaw = laws.find((l) => l.title === CRIMINAL_LAW);
  if (!criminalLaw) return [];
  const articles = new Map<string, ParsedArticle>(criminalLaw.articles.map((a) => [a.label, a]));
  const ordinal = (label: string) => {
    const a = articles.get(label)!;
    return a.number * 1000 + a.sub;
  };

  /** crime → label → pattern → evidence */
  const votes = new Map<string, Map<string, Map<CrimeMapping['pattern'], Set<string>>>>();
  for (const law of laws) {
    if (law.title === CRIMINAL_LAW) continue;
    for (const article of law.articles) {
      if (!article.text.includes('刑法第')) continue;
      for (const m of crimeMappingsIn(article.text, evidenceCitation(law, article))) {
        const target = articles.get(m.label);
        if (!target || fitShare(m.crime, target.text) < FIT_SHARE) continue;
        let byLabel = votes.get(m.crime);
        if (!byLabel) votes.set(m.crime, (byLabel = new Map()));
        let byPattern = byLabel.get(m.label);
        if (!byPattern) byLabel.set(m.label, (byPattern = new Map()));
        let ev = byPattern.get(m.pattern);
        if (!ev) byPattern.set(m.pattern, (ev = new Set()));
        ev.add(m.evidence);
      }
    }
  }

  const entries: GlossaryEntry[] = [];
  for (const [crime, byLabel] of votes) {
    const count = (l: string) => new Set([...byLabel.get(l)!.values()].flatMap((s) => [...s])).size;
    const [label] = [...byLabel.keys()].sort((a, b) => count(b) - count(a) || ordinal(a) - ordinal(b));
    const byPattern = byLabel.get(label!)!;
    entries.push({
      term: crime,
      aliases: [],
      kind: 'crime',
      targets: [{ law: CRIMINAL_LAW, label: label! }],
      provenance: [...byPattern.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([pattern, ev]) => ({ source: 'mined' as const, pattern, evidence: [...ev].sort().slice(0, 3) })),
    });
  }
  return entries;
}
