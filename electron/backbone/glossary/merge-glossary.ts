/**
 * Merges mined entries with the hand-written ones into one glossary, one entry per name.
 *
 * - Hand-written entries are authoritative. A mined entry naming the same thing (its term or an
 *   alias is a hand-written entry's term or alias) whose targets are among that entry's adds its
 *   provenance (and its other names as aliases) to it; one with other targets is left out and
 *   reported as a conflict. A mined alias that is another entry's name is dropped from the mined
 *   entry (a law's own 以下简称 abbreviation: 突发公共卫生事件应急条例 shortens its term to 突发事件,
 *   which 突发事件应对法 defines).
 * - Among mined entries sharing a name, the first in pattern priority wins (crime-conviction and
 *   crime-named over criminal-general over defined-term); the same targets merge, others are
 *   reported.
 * Entries come out sorted by kind, then term; names inside an entry as given, aliases sorted.
 */
import { normalizeTerm, targetKey, targetSetKey } from './glossary-text';
import type { GlossaryEntry, GlossaryKind, GlossaryProvenance } from './glossary-types';

export interface MergeConflict {
  term: string;
  /** The entry that kept the name. */
  keptBy: string;
  detail: string;
}

const KIND_ORDER: Record<GlossaryKind, number> = { crime: 0, doctrine: 1, 'defined-term': 2, term: 3 };

const names = (e: GlossaryEntry): string[] => [e.term, ...e.aliases];
const cite = (e: GlossaryEntry): string => e.targets.map((t) => `《${t.law}》${t.label}`).join('、');

function provenanceKey(p: GlossaryProvenance): string {
  return p.source === 'mined' ? `mined|${p.pattern}` : p.source === 'firm' ? `firm|${p.file}|${p.line}` : `hand|${p.note ?? ''}`;
}

/** Adds `from`'s provenance and names to `into` (targets already agree). */
function absorb(into: GlossaryEntry, from: GlossaryEntry, taken: Map<string, GlossaryEntry>): void {
  for (const p of from.provenance) {
    const same = into.provenance.find((q) => provenanceKey(q) === provenanceKey(p));
    if (same && same.source === 'mined' && p.source === 'mined') same.evidence = [...new Set([...same.evidence, ...p.evidence])].sort().slice(0, 3);
    else if (!same) into.provenance.push(p);
  }
  for (const name of names(from)) {
    const key = normalizeTerm(name);
    if (taken.has(key)) continue;
    into.aliases.push(name);
    taken.set(key, into);
  }
}

function sortEntry(e: GlossaryEntry): GlossaryEntry {
  const rank = (p: GlossaryProvenance) => (p.source === 'hand-written' ? 0 : p.source === 'mined' ? 1 : 2);
  return {
    ...e,
    aliases: [...e.aliases].sort(),
    provenance: [...e.provenance].sort((a, b) => rank(a) - rank(b) || (provenanceKey(a) < provenanceKey(b) ? -1 : provenanceKey(a) > provenanceKey(b) ? 1 : 0)),
  };
}

/**
 * One glossary from hand-written entries and mined entries (given in priority order). Inputs are
 * not modified.
 */
export function mergeGlossary(handWritten: readonly GlossaryEntry[], mined: readonly GlossaryEntry[]): { entries: GlossaryEntry[]; conflicts: MergeConflict[] } {
  const copy = (e: GlossaryEntry): GlossaryEntry => ({ ...e, aliases: [...e.aliases], targets: e.targets.map((t) => ({ ...t })), provenance: e.provenance.map((p) => ({ ...p })) });
  const entries = handWritten.map(copy);
  const handSet = new Set(entries);
  const taken = new Map<string, GlossaryEntry>();
  for (const e of entries) for (const n of names(e)) if (!taken.has(normalizeTerm(n))) taken.set(normalizeTerm(n), e);

  // A term outranks an alias: mined aliases that are some other mined entry's term go first.
  const minedCopies = mined.map(copy);
  const minedTerms = new Map<string, GlossaryEntry>();
  for (const m of minedCopies) if (!minedTerms.has(normalizeTerm(m.term))) minedTerms.set(normalizeTerm(m.term), m);
  for (const m of minedCopies) {
    m.aliases = m.aliases.filter((a) => {
      const other = minedTerms.get(normalizeTerm(a));
      return !other || other === m || targetSetKey(other.targets) === targetSetKey(m.targets);
    });
  }

  const conflicts: MergeConflict[] = [];
  for (const m of minedCopies) {
    // A mined alias (a law's own 以下简称) that names another entry is dropped, not the entry.
    m.aliases = m.aliases.filter((a) => {
      const owner = taken.get(normalizeTerm(a));
      return !owner || targetSetKey(owner.targets) === targetSetKey(m.targets);
    });
    const owners = [...new Set(names(m).map((n) => taken.get(normalizeTerm(n))).filter((e): e is GlossaryEntry => e !== undefined))];
    if (owners.length === 0) {
      entries.push(m);
      for (const n of names(m)) taken.set(normalizeTerm(n), m);
      continue;
    }
    const owner = owners[0]!;
    const fits = owners.length === 1 &&
      (handSet.has(owner)
        ? m.targets.every((t) => owner.targets.some((o) => targetKey(o) === targetKey(t)))
        : targetSetKey(owner.targets) === targetSetKey(m.targets));
    if (fits) absorb(owner, m, taken);
    else conflicts.push({ term: m.term, keptBy: owner.term, detail: `mined ${cite(m)}, kept ${cite(owner)}` });
  }
  const sorted = entries.map(sortEntry).sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  return { entries: sorted, conflicts };
}
