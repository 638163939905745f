/**
 * Cross-references inside an article's text: `本法第三十九条`, `依照第四十条`, `《中华人民共和国民法典》
 * 第五百八十五条`, and the lists that follow one (`、第四十条`, `和第四十二条`, `至第四十五条`). A
 * clause or item after the article (`第二款`, `第三项`) belongs to the reference's text but the
 * link goes to the article. `前款` / `前条` are not references to other provisions and are left
 * alone. Judicial interpretations also name a law without book-title marks (`依照刑法第二百六十四条
 * 的规定`, `民法典第五百八十四条规定的…`): such a reference is *bare*; the Han characters before 第
 * that end like a law name (法, 典, 条例, 规定, 解释…) give the candidate names, longest first, and
 * the store keeps the reference only if one of them is exactly a stored law's name or a common
 * abbreviation (so 依照刑法 resolves as 刑法, and nothing is guessed from a partial title). Pure text
 * work: resolving a reference to a stored article is the store's job.
 */
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-numerals';
import { normalizeTitle } from './normalize';

export interface CrossReference {
  /** Offsets into the text (UTF-16), end exclusive; the span to show as a link. */
  start: number;
  end: number;
  /** 'self' for the law the text belongs to (本法, 本条例, a bare 第X条 after 依照…), else the named title. */
  law: 'self' | string;
  /**
   * A law named without 《》: the names it may be, longest first (`依照刑法` → 依照刑法, 照刑法, 刑法),
   * each ending where `law` ends. `law` is the longest; `start` is where it begins.
   */
  bareNames?: string[];
  /** 第三十九条 or 第四十二条之一 (without any 款/项). */
  label: string;
  number: number;
  sub: number;
}

const NUM = `[${CHINESE_NUMERAL_CHARS}0-9]+`;
const ARTICLE = `第(${NUM})条(?:之(${NUM}))?`;
const TAIL = `(?:第${NUM}[款项目])*`;
/** What makes a bare 第X条 a reference to the same law. */
const SELF_WORDS = '本法|本条例|本规定|本解释|本办法|本细则|本规则|本决定|本准则|本条';
const LEAD_WORDS = '依照|依据|根据|按照|违反|适用|参照|依|按';
const JOINERS = '、|和|或者|或|及|以及|至|到';

/** A law name written without 《》: Han characters (no 本, 第 or 条) ending as law names end. */
const BARE_NAME = `(?<bare>(?:(?![本第条])\\p{Script=Han}){1,23}(?:法|典|例|定|释|则|法规))`;

// One pass finds every head: a named law, a 本法-style self reference, a lead word + bare article,
// or a law named without 《》.
const HEAD_RE = new RegExp(
  `《([^《》\\n]{2,80})》(?:${ARTICLE}${TAIL})` + `|(?:${SELF_WORDS})(?:${ARTICLE}${TAIL})` + `|(?:${LEAD_WORDS})(?:${ARTICLE}${TAIL})` +
    `|${BARE_NAME}(?:${ARTICLE}${TAIL})`,
  'gu',
);

/** The names a bare law name may be: its suffixes of two or more characters, longest first. */
function bareCandidates(name: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= name.length; i++) out.push(name.slice(i));
  return out;
}
const NEXT_RE = new RegExp(`^(?:${JOINERS})(${ARTICLE}${TAIL})`, 'u');
const ARTICLE_AT_RE = new RegExp(`${ARTICLE}${TAIL}`, 'u');

function labelOf(number: number, sub: number, numberText: string, subText: string | undefined): string {
  return `第${numberText}条${sub && subText ? `之${subText}` : ''}`;
}

function articleIn(text: string, from: number): { start: number; end: number; label: string; number: number; sub: number } | null {
  const m = ARTICLE_AT_RE.exec(text.slice(from));
  if (!m) return null;
  const number = parseChineseNumber(m[1]!);
  const sub = m[2] ? parseChineseNumber(m[2]) : 0;
  if (number === null || number <= 0 || sub === null) return null;
  return { start: from + m.index, end: from + m.index + m[0].length, label: labelOf(number, sub, m[1]!, m[2]), number, sub };
}

/** Every cross-reference in `text`, in order of appearance, without overlaps. */
export function findCrossReferences(text: string): CrossReference[] {
  const refs: CrossReference[] = [];
  HEAD_RE.lastIndex = 0;
  for (let m = HEAD_RE.exec(text); m; m = HEAD_RE.exec(text)) {
    const named = m[1];
    const bare = named ? undefined : m.groups?.bare;
    const law = named ? normalizeTitle(named) : bare ?? 'self';
    // The link covers the article (and its clause), not the lead word; a named law keeps its title.
    const articleStart = named || bare ? m.index : m.index + m[0].indexOf('第');
    const first = articleIn(text, named ? m.index + named.length + 2 : bare ? m.index + bare.length : articleStart);
    if (!first) continue;
    const head = { start: articleStart, end: first.end, law, label: first.label, number: first.number, sub: first.sub };
    refs.push(bare ? { ...head, bareNames: bareCandidates(bare) } : head);
    // A list after the head names articles of the same law.
    let at = first.end;
    for (let next = NEXT_RE.exec(text.slice(at)); next; next = NEXT_RE.exec(text.slice(at))) {
      const ref = articleIn(text, at + next[0].length - next[1]!.length);
      if (!ref) break;
      const item = { start: ref.start, end: ref.end, law, label: ref.label, number: ref.number, sub: ref.sub };
      refs.push(bare ? { ...item, bareNames: bareCandidates(bare) } : item);
      at = ref.end;
    }
    HEAD_RE.lastIndex = Math.max(HEAD_RE.lastIndex, at);
  }
  return refs;
}
