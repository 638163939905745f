/**
 * Pattern `criminal-general`: the General Part of the Criminal Law (第一编 总则) names its doctrines
 * at the end of the sentence that defines them —
 *   …因而构成犯罪的，是故意犯罪。   …不负刑事责任的，属于正当防卫      …的，是累犯，应当从重处罚
 *   三人以上为共同实施犯罪而组成的较为固定的犯罪组织，是犯罪集团。
 *   共同犯罪是指二人以上共同故意犯罪。
 * The name is 2–8 Han characters right after ，是 / ，属于 (so not ，不是 / ，都是 / ，不属于),
 * ending the clause; or a sentence opening with X是指.
 */
import { CRIMINAL_LAW, evidenceCitation, type CurrentLaw } from './corpus-laws';
import type { GlossaryEntry } from './glossary-types';

const TAIL_RE = /，(?:是|属于)(\p{Script=Han}{2,8}?)(?=[，。；]|$)/gu;
const HEAD_RE = /(?:^|[。；\n])(\p{Script=Han}{2,8}?)是指/gu;
/** Names these forms also produce that are not doctrines. */
const NOT_DOCTRINES = new Set(['犯罪', '犯罪分子']);

export function mineCriminalGeneral(laws: readonly CurrentLaw[]): GlossaryEntry[] {
  const law = laws.find((l) => l.title === CRIMINAL_LAW);
  if (!law) return [];
  const found = new Map<string, { label: string; evidence: string }>();
  for (const article of law.articles) {
    if (!(article.path[0] ?? '').includes('总则')) continue;
    const text = article.text;
    for (const re of [TAIL_RE, HEAD_RE]) {
      for (const m of text.matchAll(re)) {
        const name = m[1]!;
        if (NOT_DOCTRINES.has(name) || found.has(name)) continue;
        found.set(name, { label: article.label, evidence: evidenceCitation(law, article) });
      }
    }
  }
  return [...found].map(([term, { label, evidence }]) => ({
    term,
    aliases: [],
    kind: 'doctrine' as const,
    targets: [{ law: CRIMINAL_LAW, label }],
    provenance: [{ source: 'mined' as const, pattern: 'criminal-general', evidence: [evidence] }],
  }));
}
