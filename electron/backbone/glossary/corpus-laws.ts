/**
 * The corpus as the miners see it: the current version of each law (the latest-dated one of a law
 * key, as the library marks it current), its parts joined, its articles in order.
 */
import type { ParsedArticle, ParsedLaw } from '../store/parsed-law';
import { lawKey } from '../text/normalize';

export interface CurrentLaw {
  title: string;
  category: string;
  articles: ParsedArticle[];
}

export const CRIMINAL_LAW = '中华人民共和国刑法';

/** The current version of every law: the latest version date per law key (undated counts as oldest). */
export function currentLaws(laws: readonly ParsedLaw[]): CurrentLaw[] {
  const latest = new Map<string, string>();
  for (const l of laws) {
    const key = lawKey(l.title);
    const date = l.versionDate ?? '';
    if (!latest.has(key) || date > latest.get(key)!) latest.set(key, date);
  }
  const byKey = new Map<string, CurrentLaw>();
  for (const l of laws) {
    const key = lawKey(l.title);
    if ((l.versionDate ?? '') !== latest.get(key)) continue;
    const law = byKey.get(key);
    if (law) law.articles.push(...l.articles);
    else byKey.set(key, { title: l.title, category: l.category, articles: [...l.articles] });
  }
  const out = [...byKey.values()];
  for (const law of out) law.articles.sort((a, b) => a.number - b.number || a.sub - b.sub);
  return out.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

/** How evidence is cited: 《最高人民法院…解释》第一条. */
export function evidenceCitation(law: CurrentLaw, article: ParsedArticle): string {
  return `《${law.title}》${article.label}`;
}
