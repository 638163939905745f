/**
 * Checks a glossary against a library: every target must exist and be in force, and a name
 * (term or alias, normalised) must not point at two different sets of articles.
 *   TARGET_MISSING      the law or the article is not in the library
 *   TARGET_NOT_IN_FORCE the article is only in a superseded version
 *   CONTRADICTION       the same name in two entries with different target sets (a term that is
 *                       another entry's alias included)
 *   DUPLICATE           the same name in two entries with the same targets (they should be one
 *                       entry), a name twice in one entry, or a target listed twice
 */
import { normalizeTerm, targetKey, targetSetKey } from './glossary-text';
import type { GlossaryEntry, GlossaryTarget } from './glossary-types';

export type TargetStatus = 'current' | 'superseded' | 'missing';

export type GlossaryProblemCode = 'TARGET_MISSING' | 'TARGET_NOT_IN_FORCE' | 'CONTRADICTION' | 'DUPLICATE';

export interface GlossaryProblem {
  term: string;
  code: GlossaryProblemCode;
  detail: string;
}

const cite = (t: GlossaryTarget): string => `《${t.law}》${t.label}`;

function targetProblems(entry: GlossaryEntry, resolve: (t: GlossaryTarget) => TargetStatus): GlossaryProblem[] {
  const out: GlossaryProblem[] = [];
  const seen = new Set<string>();
  for (const t of entry.targets) {
    const key = targetKey(t);
    if (seen.has(key)) out.push({ term: entry.term, code: 'DUPLICATE', detail: `${cite(t)} is listed twice.` });
    seen.add(key);
    const status = resolve(t);
    if (status === 'missing') out.push({ term: entry.term, code: 'TARGET_MISSING', detail: `${cite(t)} is not in the library.` });
    if (status === 'superseded') out.push({ term: entry.term, code: 'TARGET_NOT_IN_FORCE', detail: `${cite(t)} is only in a superseded version.` });
  }
  return out;
}

export function checkGlossary(entries: readonly GlossaryEntry[], resolve: (t: GlossaryTarget) => TargetStatus): GlossaryProblem[] {
  const problems: GlossaryProblem[] = [];
  /** normalised name → the first entry that has it, and how it is written there. */
  const owners = new Map<string, { entry: GlossaryEntry; written: string }>();
  for (const entry of entries) {
    problems.push(...targetProblems(entry, resolve));
    const own = new Set<string>();
    for (const written of [entry.term, ...entry.aliases]) {
      const key = normalizeTerm(written);
      if (own.has(key)) {
        problems.push({ term: entry.term, code: 'DUPLICATE', detail: `"${written}" is given twice in this entry.` });
        continue;
      }
      own.add(key);
      const first = owners.get(key);
      if (!first) {
        owners.set(key, { entry, written });
        continue;
      }
      const role = (e: GlossaryEntry, w: string) => (normalizeTerm(e.term) === normalizeTerm(w) ? 'term' : 'alias');
      const where = `"${written}" (${role(entry, written)}) is also the ${role(first.entry, first.written)} "${first.written}" of the entry "${first.entry.term}"`;
      if (targetSetKey(first.entry.targets) === targetSetKey(entry.targets)) {
        problems.push({ term: entry.term, code: 'DUPLICATE', detail: `${where}, with the same targets: merge the two entries.` });
      } else {
        const theirs = first.entry.targets.map(cite).join('、');
        const ours = entry.targets.map(cite).join('、');
        problems.push({ term: entry.term, code: 'CONTRADICTION', detail: `${where}: ${ours} here, ${theirs} there.` });
      }
    }
  }
  return problems;
}
