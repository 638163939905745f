import { describe, expect, it } from 'vitest';
import { checkGlossary, type TargetStatus } from '../../../electron/backbone/glossary/check-glossary';
import type { GlossaryEntry, GlossaryTarget } from '../../../electron/backbone/glossary/glossary-types';

const CRIMINAL = '中华人民共和国刑法';

function entry(term: string, aliases: string[], labels: string[], law = CRIMINAL): GlossaryEntry {
  return { term, aliases, kind: 'crime', targets: labels.map((label) => ({ law, label })), provenance: [{ source: 'hand-written' }] };
}

/** A library with 刑法 第二百七十条 and 第二百六十六条 in force; 第一百九十九条 only in an old version. */
function resolve(t: GlossaryTarget): TargetStatus {
  if (t.law !== CRIMINAL) return 'missing';
  if (t.label === '第一百九十九条') return 'superseded';
  return ['第二百七十条', '第二百六十六条'].includes(t.label) ? 'current' : 'missing';
}

const codes = (entries: GlossaryEntry[]) => checkGlossary(entries, resolve).map((p) => [p.code, p.term]);

describe('checkGlossary', () => {
  it('finds nothing wrong with a sound glossary', () => {
    expect(checkGlossary([entry('侵占罪', [], ['第二百七十条']), entry('诈骗罪', ['诈骗'], ['第二百六十六条'])], resolve)).toEqual([]);
  });

  it('reports a target that is not in the library', () => {
    const problems = checkGlossary([entry('侵占罪', [], ['第二百七十条', '第九百条']), entry('某罪', [], ['第一条'], '某法')], resolve);
    expect(problems).toEqual([
      { term: '侵占罪', code: 'TARGET_MISSING', detail: '《中华人民共和国刑法》第九百条 is not in the library.' },
      { term: '某罪', code: 'TARGET_MISSING', detail: '《某法》第一条 is not in the library.' },
    ]);
  });

  it('reports a target that is only in a superseded version', () => {
    expect(codes([entry('集资诈骗罪', [], ['第一百九十九条'])])).toEqual([['TARGET_NOT_IN_FORCE', '集资诈骗罪']]);
  });

  it('reports the same name with different targets as a contradiction, aliases and normalisation included', () => {
    expect(codes([entry('侵占罪', [], ['第二百七十条']), entry('侵占罪', [], ['第二百六十六条'])])).toEqual([['CONTRADICTION', '侵占罪']]);
    // A term that is another entry's alias.
    expect(codes([entry('诈骗罪', ['骗取'], ['第二百六十六条']), entry('骗取', [], ['第二百七十条'])])).toEqual([['CONTRADICTION', '骗取']]);
    // Spaces and full-width forms do not make two names different.
    const [problem] = checkGlossary([entry('侵占罪', [], ['第二百七十条']), entry('诈骗罪', ['侵 占罪'], ['第二百六十六条'])], resolve);
    expect(problem).toEqual({
      term: '诈骗罪', code: 'CONTRADICTION',
      detail: '"侵 占罪" (alias) is also the term "侵占罪" of the entry "侵占罪": 《中华人民共和国刑法》第二百六十六条 here, 《中华人民共和国刑法》第二百七十条 there.',
    });
  });

  it('reports duplicates: the same name and targets twice, a name twice in an entry, a target twice', () => {
    expect(codes([entry('侵占罪', [], ['第二百七十条']), entry('侵占罪', [], ['第二百七十条'])])).toEqual([['DUPLICATE', '侵占罪']]);
    expect(codes([entry('侵占罪', ['侵占罪'], ['第二百七十条'])])).toEqual([['DUPLICATE', '侵占罪']]);
    expect(codes([entry('侵占罪', [], ['第二百七十条', '第二百七十条'])])).toEqual([['DUPLICATE', '侵占罪']]);
  });

  it('compares target sets, not lists: the same articles in another order agree', () => {
    expect(codes([entry('甲罪', [], ['第二百七十条', '第二百六十六条']), entry('乙罪', ['甲罪'], ['第二百六十六条', '第二百七十条'])])).toEqual([['DUPLICATE', '乙罪']]);
  });
});
