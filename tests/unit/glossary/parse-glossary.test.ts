import { describe, expect, it } from 'vitest';
import { parseGlossaryFile } from '../../../electron/backbone/glossary/parse-glossary';

const good = {
  format: 'lexbone-glossary',
  version: 3,
  entries: [
    {
      term: '侵占罪', aliases: [], kind: 'crime',
      targets: [{ law: '中华人民共和国刑法', label: '第二百七十条' }],
      provenance: [{ source: 'mined', pattern: 'crime-conviction', evidence: ['《某解释》第一条'] }, { source: 'hand-written', note: '罪名' }],
    },
    {
      term: '竞业限制', aliases: ['竞业禁止协议'], kind: 'doctrine',
      targets: [{ law: '中华人民共和国劳动合同法', label: '第二十三条' }, { law: '中华人民共和国劳动合同法', label: '第二十四条' }],
      provenance: [{ source: 'firm', file: 'firm.csv', line: 2 }],
    },
  ],
};

/** The error parseGlossaryFile throws for a file. */
function refusal(json: unknown): { code?: string; message: string } {
  try {
    parseGlossaryFile(typeof json === 'string' ? json : JSON.stringify(json, null, 2), 'g.json');
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the file to be refused');
}

const withEntry = (patch: Record<string, unknown>) => ({ ...good, entries: [good.entries[0], { ...good.entries[1], ...patch }] });

describe('parseGlossaryFile', () => {
  it('reads a good file, a BOM included', () => {
    const file = parseGlossaryFile('\uFEFF' + JSON.stringify(good), 'g.json');
    expect(file.version).toBe(3);
    expect(file.entries.map((e) => e.term)).toEqual(['侵占罪', '竞业限制']);
  });

  it('refuses text that is not JSON', () => {
    const e = refusal('{\n  "format": "lexbone-glossary",\n  "entries": [,]\n}');
    expect(e.code).toBe('MALFORMED_RECORD');
    // The line where the JSON parser says where (newer V8), else line 1.
    expect(e.message).toMatch(/^g\.json, line [13]: not valid JSON \(/);
  });

  it('refuses a file of another format', () => {
    expect(refusal({ ...good, format: 'lexbone-corpus' }).message).toBe('g.json, line 1: not a Lexbone glossary ("format" must be "lexbone-glossary").');
  });

  it('names the entry and the field that is wrong', () => {
    expect(refusal(withEntry({ targets: [{ law: '中华人民共和国劳动合同法', label: '第23条' }] })).message).toBe(
      'g.json, line 1: entry 1 (竞业限制): targets.0.label: must be an article label as stored, such as 第二百七十条 or 第十七条之一.',
    );
    expect(refusal(withEntry({ targets: [] })).message).toContain('entry 1 (竞业限制): targets: needs at least one target article');
    expect(refusal(withEntry({ kind: 'rule' })).message).toContain('entry 1 (竞业限制): kind:');
    expect(refusal(withEntry({ term: '' })).message).toContain('entry 1: term: must not be empty');
    expect(refusal(withEntry({ aliases: ['长'.repeat(41)] })).message).toContain('entry 1 (竞业限制): aliases.0: must be at most 40 characters');
    expect(refusal(withEntry({ provenance: [{ source: 'mined', pattern: 'x', evidence: ['a', 'b', 'c', 'd'] }] })).message).toContain('entry 1 (竞业限制): provenance.0.evidence');
    expect(refusal(withEntry({ provenance: [{ source: 'firm', file: 'f.csv', line: 0 }] })).message).toContain('entry 1 (竞业限制): provenance.0.line');
    expect(refusal(withEntry({ extra: true })).message).toContain('entry 1 (竞业限制)');
  });

  it('refuses a bad version', () => {
    expect(refusal({ ...good, version: 0 }).message).toMatch(/^g\.json, line 1: version: /);
  });
});
