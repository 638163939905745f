import { describe, expect, it } from 'vitest';
import { parseFirmGlossaryCsv } from '../../../electron/backbone/glossary/firm-glossary-csv';

describe('parseFirmGlossaryCsv', () => {
  it('reads term,citation rows without a header, citations written as lawyers write them', () => {
    const { entries, errors } = parseFirmGlossaryCsv('侵占罪,刑法第二百七十条\n违约金,民法典第584条\n资本多数决,《中华人民共和国公司法》第二十一条\n', 'firm.csv');
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { term: '侵占罪', aliases: [], kind: 'term', targets: [{ law: '刑法', label: '第二百七十条' }], provenance: [{ source: 'firm', file: 'firm.csv', line: 1 }] },
      { term: '违约金', aliases: [], kind: 'term', targets: [{ law: '民法典', label: '第五百八十四条' }], provenance: [{ source: 'firm', file: 'firm.csv', line: 2 }] },
      { term: '资本多数决', aliases: [], kind: 'term', targets: [{ law: '中华人民共和国公司法', label: '第二十一条' }], provenance: [{ source: 'firm', file: 'firm.csv', line: 3 }] },
    ]);
  });

  it('skips a header row and a BOM, and counts lines from the top of the file', () => {
    const { entries, errors } = parseFirmGlossaryCsv('\uFEFFterm,citation\n侵占罪,刑法第二百七十条\n', 'firm.csv');
    expect(errors).toEqual([]);
    expect(entries.map((e) => [e.term, e.provenance])).toEqual([['侵占罪', [{ source: 'firm', file: 'firm.csv', line: 2 }]]]);
    expect(parseFirmGlossaryCsv('术语,条文\n侵占罪,刑法第270条\n', 'f.csv').entries).toHaveLength(1);
  });

  it('merges rows of the same term into one entry with each target once', () => {
    const { entries } = parseFirmGlossaryCsv('竞业限制,劳动合同法第二十三条\n竞业限制,劳动合同法第24条\n竞业 限制,劳动合同法第二十三条\n', 'f.csv');
    expect(entries).toHaveLength(1);
    expect(entries[0]!.targets).toEqual([{ law: '劳动合同法', label: '第二十三条' }, { law: '劳动合同法', label: '第二十四条' }]);
    expect(entries[0]!.provenance).toEqual([1, 2, 3].map((line) => ({ source: 'firm', file: 'f.csv', line })));
  });

  it('gives each bad line its own error and keeps the good lines', () => {
    const text = [
      '侵占罪,刑法第二百七十条', // 1: good
      ',刑法第二百七十条', // 2: empty term
      '不安抗辩权,民法典的不安抗辩权规定', // 3: not a citation
      `${'长'.repeat(41)},民法典第五百二十七条`, // 4: term too long
      '表见代理,民法典第一百七十二条,备注', // 5: too many columns
      '缔约过失', // 6: no citation
      '"表见代理,无权代理",民法典第一百七十二条', // 7: good (quoted comma)
      '违约金,民法典第584条,,', // 8: good (empty trailing cells)
    ].join('\n');
    const { entries, errors } = parseFirmGlossaryCsv(text, 'f.csv');
    expect(entries.map((e) => e.term)).toEqual(['侵占罪', '表见代理,无权代理', '违约金']);
    expect(errors).toEqual([
      { line: 2, code: 'EMPTY_TERM', detail: '', message: 'the term is empty.' },
      { line: 3, code: 'NOT_A_CITATION', detail: '民法典的不安抗辩权规定', message: '"民法典的不安抗辩权规定" is not a citation. Write it like 刑法第二百七十条 or 《中华人民共和国民法典》第五百八十四条.' },
      { line: 4, code: 'TERM_TOO_LONG', detail: '41', message: `the term "${'长'.repeat(12)}…" is 41 characters long; at most 40 are allowed.` },
      { line: 5, code: 'COLUMNS', detail: '3', message: 'expected 2 columns (term,citation), found 3. Put commas inside a cell in double quotes.' },
      { line: 6, code: 'NO_CITATION', detail: '缔约过失', message: '"缔约过失" has no citation. Write one like 刑法第二百七十条 in the second column.' },
    ]);
  });

  it('reports a stray quote on its line and keeps reading', () => {
    const { entries, errors } = parseFirmGlossaryCsv('侵占罪,刑法第二百七十条\n"坏"行,刑法第一条\n诈骗罪,刑法第二百六十六条\n', 'f.csv');
    expect(entries.map((e) => e.term)).toEqual(['侵占罪', '诈骗罪']);
    expect(errors).toEqual([{ line: 2, code: 'STRAY_QUOTE', detail: '"坏"行', message: 'the term "坏"行 has a stray double quote. Quote the whole cell ("…") and double any quote inside it.' }]);
  });

  it('reports a quote never closed on the line the file ends', () => {
    const { entries, errors } = parseFirmGlossaryCsv('侵占罪,刑法第二百七十条\n"诈骗罪,刑法第二百六十六条\n', 'f.csv');
    expect(entries.map((e) => e.term)).toEqual(['侵占罪']);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/^not valid CSV \(Quote Not Closed/);
  });
});
