import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../electron/backbone/library';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';

const tempDir = useTempDirs();

function freshLibrary(): { lib: Library; dir: string } {
  const dir = tempDir();
  return { lib: new Library(join(dir, 'lexbone.db')), dir };
}

const count = (lib: Library, sql: string): number => (lib.db.prepare(sql).get() as { n: number }).n;

describe('importing the markdown fixture corpus', () => {
  it('imports laws, merges the Civil Code books into one law and skips files without articles', () => {
    const { lib } = freshLibrary();
    const r = lib.import(FIXTURE_CORPUS);
    // 民法典 (3 books, one law), 劳动合同法 ×2 versions, 刑法, one judicial interpretation
    expect(r.lawsAdded).toBe(5);
    // articles: 总则 2 + 合同编 3 + 婚姻家庭编 4 + 劳动合同法 4 (2012) + 1 (2007) + 刑法 2 + 解释 1
    expect(r.articlesAdded).toBe(18);
    expect(r.skipped.map((s) => s.file)).toEqual([expect.stringContaining('劳动仲裁攻略.md')]);
    const civil = lib.db.prepare("SELECT * FROM laws WHERE short_title = '民法典'").all() as { category: string; version_date: string }[];
    expect(civil).toHaveLength(1);
    // 婚姻家庭编 has no 施行 line; it still belongs to the same version as the other books.
    expect(civil[0]!.version_date).toBe('2021-01-01');
    expect(civil[0]!.category).toBe('民法典');
    lib.close();
  });

  it('keeps chapter paths, 之一 labels and history lines', () => {
    const { lib } = freshLibrary();
    lib.import(FIXTURE_CORPUS);
    const v = lib.article({ citation: '刑法第十七条之一' });
    expect(v.label).toBe('第十七条之一');
    expect(v.path).toEqual(['第一编 总则', '第二章 犯罪', '第一节 犯罪和刑事责任']);
    expect(v.law.history[0]).toContain('1979年7月1日');
    const m = lib.article({ citation: '民法典第1085条' });
    expect(m.path).toEqual(['婚姻家庭编', '第四章 离婚']);
    expect(m.text.split('\n')).toHaveLength(2);
    lib.close();
  });

  it('marks the older version of a law superseded by the later one', () => {
    const { lib } = freshLibrary();
    lib.import(FIXTURE_CORPUS);
    const versions = lib.laws({ prefix: '劳动合同法', includeSuperseded: true, limit: 10 });
    expect(versions.map((l) => [l.versionDate, l.status])).toEqual([
      ['2012-12-28', 'current'],
      ['2007-06-29', 'superseded'],
    ]);
    expect(versions[1]!.supersededBy).toBe(versions[0]!.id);
    lib.close();
  });

  it('is idempotent: a second import changes nothing', () => {
    const { lib } = freshLibrary();
    lib.import(FIXTURE_CORPUS);
    const before = lib.db.prepare('SELECT id, hash FROM articles ORDER BY id').all();
    const again = lib.import(FIXTURE_CORPUS);
    expect(again).toMatchObject({ lawsAdded: 0, lawsUpdated: 0, articlesAdded: 0, articlesUpdated: 0, articlesRemoved: 0 });
    expect(again.lawsUnchanged).toBe(7); // 7 law files / parts
    expect(lib.db.prepare('SELECT id, hash FROM articles ORDER BY id').all()).toEqual(before);
    expect(count(lib, "SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH '\"违约\"'")).toBe(3);
    lib.close();
  });

  it('updates a changed article in place and removes a vanished one', async () => {
    const { lib, dir } = freshLibrary();
    const copy = join(dir, 'corpus');
    cpSync(FIXTURE_CORPUS, copy, { recursive: true });
    lib.import(copy);
    const id = lib.article({ citation: '刑法第二百六十四条' }).articleId;
    const file = join(copy, '刑法', '刑法.md');
    const text = readFileSync(file, 'utf8')
      .replace('并处或者单处罚金。', '并处或者单处罚金；数额巨大的，处三年以上十年以下有期徒刑。')
      .replace(/第十七条之一 [^\n]*\n/, '');
    writeFileSync(file, text);
    const r = lib.import(copy);
    expect(r).toMatchObject({ lawsUpdated: 1, articlesUpdated: 1, articlesRemoved: 1, articlesAdded: 0 });
    const after = lib.article({ citation: '刑法第二百六十四条' });
    expect(after.articleId).toBe(id);
    expect(after.text).toContain('数额巨大的');
    expect(() => lib.article({ citation: '刑法第十七条之一' })).toThrow(/第十七条之一/);
    expect((await lib.search({ query: '七十五周岁', limit: 10, offset: 0, includeSuperseded: true })).hits).toHaveLength(0);
    lib.close();
  });

  it('imports STARD-style JSONL and law,article,text CSV', () => {
    const { lib, dir } = freshLibrary();
    const jsonl = join(dir, 'firm.jsonl');
    writeFileSync(
      jsonl,
      [
        { id: 1, name: '某市物业管理条例第三条', content: '物业服务企业应当按照合同约定提供服务。' },
        { id: 2, name: '某市物业管理条例第四条之一', content: '业主应当按时交纳物业费。' },
      ].map((o) => JSON.stringify(o)).join('\n'),
    );
    const csv = join(dir, 'rules.csv');
    writeFileSync(csv, 'law,article,text\n内部合规手册,1,"员工不得收受礼品，""礼品""包括购物卡。"\n内部合规手册,第二条,"多行\n文本"\n');
    expect(lib.import(jsonl, { category: '地方法规' })).toMatchObject({ lawsAdded: 1, articlesAdded: 2 });
    expect(lib.import(csv)).toMatchObject({ lawsAdded: 1, articlesAdded: 2 });
    expect(lib.article({ citation: '某市物业管理条例第四条之一' }).text).toBe('业主应当按时交纳物业费。');
    expect(lib.article({ citation: '内部合规手册第一条' }).text).toBe('员工不得收受礼品，"礼品"包括购物卡。');
    expect(lib.article({ citation: '内部合规手册第2条' }).text).toBe('多行\n文本');
    expect(lib.laws({ category: '地方法规', includeSuperseded: false, limit: 5 })).toHaveLength(1);
    expect(lib.import(jsonl, { category: '地方法规' }).lawsUnchanged).toBe(1);
    lib.close();
  });

  it('imports a single markdown file, taking the category from its folder', () => {
    const { lib } = freshLibrary();
    lib.import(join(FIXTURE_CORPUS, '刑法', '刑法.md'));
    expect(lib.laws({ includeSuperseded: false, limit: 5 }).map((l) => [l.shortTitle, l.category])).toEqual([['刑法', '刑法']]);
    lib.close();
  });

});
