import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

/**
 * A firm's own glossary in a library over the fixture corpus (刑法, 民法典, 劳动合同法): refused
 * whole with an error per bad line, accepted with the same checks as the shipped glossary,
 * replaced by a file of the same name, and used by search (its articles pinned among the
 * candidates, a card saying it is the firm's).
 */
const tempDir = useTempDirs('all');
let lib: Library;

beforeAll(() => {
  lib = new Library(join(tempDir(), 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  return () => lib.close();
});

const firmRows = () => lib.db.prepare('SELECT term, law, label, line FROM firm_glossary ORDER BY id').all();

describe('a firm glossary', () => {
  it('refuses a file with bad lines, naming each, and stores nothing', () => {
    const csv = [
      'term,citation',
      '保底条款,民法典第五百八十四条', // fine on its own
      '无此条,民法典第九千条', // no such article
      ',刑法第十七条', // empty term
      '坏引用,不是一个引用', // not a citation
      '盗窃罪,民法典第五百八十四条', // contradicts the shipped 盗窃罪 → 刑法第二百六十四条
    ].join('\n');
    const report = lib.importGlossary(csv, 'firm.csv');
    expect(report.rows).toBe(0);
    expect(report.errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(report.errors[0]!.message).toContain('not in the library');
    expect(report.errors[3]!.message).toContain('盗窃罪');
    expect(firmRows()).toEqual([]);
  });

  it('imports a good file, replaces it by name, and search uses it', async () => {
    const first = lib.importGlossary('\uFEFF保底条款,民法典第584条\n保底条款,《中华人民共和国民法典》第五百八十五条\n', 'firm.csv');
    expect(first).toMatchObject({ rows: 2, terms: 1, replaced: 0, errors: [] });
    // The law is stored by its title, whatever the CSV wrote.
    expect(firmRows()).toEqual([
      { term: '保底条款', law: '中华人民共和国民法典', label: '第五百八十四条', line: 1 },
      { term: '保底条款', law: '中华人民共和国民法典', label: '第五百八十五条', line: 2 },
    ]);
    expect(lib.glossaryStatus().firm).toMatchObject([{ file: 'firm.csv', rows: 2, terms: 1 }]);

    const res = await lib.search({ query: '保底条款', limit: 10, offset: 0, includeSuperseded: false } as never);
    const card = res.glossary?.find((g) => g.term === '保底条款');
    expect(card).toMatchObject({ whole: true, kind: 'term', sources: [{ source: 'firm', detail: 'firm.csv:1' }, { source: 'firm', detail: 'firm.csv:2' }] });
    expect(card!.articles.map((a) => a.label)).toEqual(['第五百八十四条', '第五百八十五条']);
    // Pinned: both are among the results even though no word of the query is in them.
    expect(res.hits.filter((h) => h.glossaryTerm === '保底条款').map((h) => h.label).sort()).toEqual(['第五百八十五条', '第五百八十四条']);

    const again = lib.importGlossary('保底条款,民法典第五百八十四条\n', 'firm.csv');
    expect(again).toMatchObject({ rows: 1, replaced: 2 });
    expect(lib.removeGlossaryFile('firm.csv')).toBe(1);
    expect(lib.glossaryStatus().firm).toEqual([]);
    expect((await lib.search({ query: '保底条款', limit: 10, offset: 0, includeSuperseded: false } as never)).glossary).toEqual([]);
  });
});
