import { tokenize } from '../text/bigrams';

/**
 * Builds an FTS5 MATCH expression from a user's query. User text never reaches FTS5 syntax: every
 * token is double-quoted, so `"`, `*`, NEAR, OR, AND and `-` are plain text.
 *  - unquoted text: its tokens (Han bigrams, words) OR'ed, ranked by BM25;
 *  - text in ASCII double quotes ("违约金"): a phrase, i.e. consecutive tokens, that must match.
 *    Chinese quotation marks (“…”) are left as plain text: in a layperson's question they mark
 *    emphasis, not a search operator.
 */
export interface FtsQuery {
  match: string;
  /** Distinct tokens of the query, for highlighting. */
  terms: string[];
  /** Quoted phrases (required); 0 when the expression is only `loose` tokens OR'ed. */
  phrases: number;
  /** The loose tokens in the expression, in its order. */
  loose: string[];
}

const quote = (t: string): string => `"${t.replace(/"/g, '""')}"`;

/**
 * `keep` chooses which loose (unquoted) tokens take part; tokens found in a large share of all
 * articles add almost nothing to BM25 but cost time on every matching row. Quoted phrases are
 * always kept.
 */
export function buildFtsQuery(query: string, keep: (tokens: string[]) => string[] = (t) => t): FtsQuery | null {
  const phrases: string[][] = [];
  const loose: string[] = [];
  const re = /"([^"]+)"/g;
  let rest = query;
  for (const m of query.matchAll(re)) {
    const toks = tokenize(m[1]!).map((t) => t.text);
    if (toks.length) phrases.push(toks);
    rest = rest.replace(m[0], ' ');
  }
  for (const t of tokenize(rest)) if (!loose.includes(t.text)) loose.push(t.text);
  const terms = [...new Set([...phrases.flat(), ...loose])];
  const kept = keep(loose);
  // If every token is common, keep them all rather than return nothing.
  if (kept.length > 0 || phrases.length > 0) loose.splice(0, loose.length, ...kept);
  if (terms.length === 0) return null;
  const required = phrases.map((p) => quote(p.join(' ')));
  const optional = loose.map(quote).join(' OR ');
  let match: string;
  if (required.length && optional) match = `${required.join(' AND ')} AND (${required.join(' AND ')} OR ${optional})`;
  else if (required.length) match = required.join(' AND ');
  else match = optional;
  return { match, terms, phrases: required.length, loose: [...loose] };
}
