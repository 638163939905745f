import { afterEach, describe, expect, it } from 'vitest';
import { firmLine, minedEvidence, provenanceLine, shortSnippet } from '../../renderer/src/components/glossary/glossary-source';
import { setLang } from '../../renderer/src/i18n/lang';

/** The provenance line of a glossary card, from the API's `{ source, detail }` (see search-service.ts). */
describe('a glossary card says where its entry came from', () => {
  afterEach(() => setLang('zh'));

  const handWritten = { source: 'hand-written', detail: '罪名：确定罪名的补充规定（六）' } as const;
  const mined = { source: 'mined', detail: 'crime-conviction: 《中华人民共和国刑法》第二百六十四条' } as const;
  const firm = { source: 'firm', detail: 'firm.csv:3' } as const;

  it('reads the detail of each kind of source', () => {
    expect(minedEvidence(mined.detail)).toBe('《中华人民共和国刑法》第二百六十四条');
    expect(minedEvidence('crime-conviction')).toBeNull();
    expect(firmLine('firm.csv:3')).toEqual({ file: 'firm.csv', line: '3' });
    expect(firmLine('C:two:parts.csv:12')).toEqual({ file: 'C:two:parts.csv', line: '12' });
    expect(firmLine('odd')).toEqual({ file: 'odd', line: '?' });
  });

  it('in Chinese: firm and hand-written first, then mined, joined by ；', () => {
    expect(provenanceLine([mined, handWritten, firm])).toBe(
      '来源：律所术语表 firm.csv 第3行；人工编写 · 罪名：确定罪名的补充规定（六）；从《中华人民共和国刑法》第二百六十四条提取',
    );
    expect(provenanceLine([{ source: 'mined', detail: 'definition' }])).toBe('来源：从法规库提取');
    expect(provenanceLine([{ source: 'hand-written', detail: '' }])).toBe('来源：人工编写');
  });

  it('in English', () => {
    setLang('en');
    expect(provenanceLine([mined, handWritten, firm])).toBe(
      'Source: firm glossary firm.csv line 3; hand-written · 罪名：确定罪名的补充规定（六）; mined from 《中华人民共和国刑法》第二百六十四条',
    );
  });
});

describe('short snippets', () => {
  it('keep the first characters with their hits, and say where they were cut', () => {
    const s = [{ text: '盗窃公私财物，', hit: false }, { text: '数额较大', hit: true }, { text: '的，或者多次盗窃', hit: false }];
    expect(shortSnippet(s, 9)).toEqual([{ text: '盗窃公私财物，', hit: false }, { text: '数额…', hit: true }]);
    expect(shortSnippet(s, 100)).toEqual(s);
    // Cut exactly at the end of a segment: the rest is left out, and that is said too.
    expect(shortSnippet(s, 11)).toEqual([...s.slice(0, 2), { text: '…', hit: false }]);
    expect(shortSnippet(s, 19)).toEqual(s);
  });
});
