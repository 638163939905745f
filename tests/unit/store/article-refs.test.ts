import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA } from '../../../electron/backbone/store/migrations';
import { Library } from '../../../electron/backbone/library';
import { computeArticleRefs } from '../../../electron/backbone/store/article-refs';
import { useTempDirs } from '../../helpers/temp';

/**
 * The reverse reference index over a small temporary corpus of laws-cn markdown: which pairs it
 * holds (self references, lists, named laws, missing provisions), that it follows a new version of
 * a named law, that it always equals a fresh build, and migration 4 over an existing database.
 */
const tempDir = useTempDirs();

const law = (title: string, articles: string[]): string => `# ${title}\n\n<!-- INFO END -->\n\n${articles.join('\n\n')}\n`;

/** 甲法 (2020) and 乙条例 in two versions (2019, 2022); each text says what it cites. */
function corpus(dir: string): string {
  const root = join(dir, 'corpus');
  mkdirSync(join(root, '测试'), { recursive: true });
  writeFileSync(join(root, '测试', '甲法(2020-01-01).md'), law('中华人民共和国甲法', [
    '第一条 为了测试，制定本法。',
    // A list after 依照 (第一条 and 第三条), and 本法第二条: the article itself, left out.
    '第二条 依照本法第一条和第三条处理；本法第二条另有规定的除外。',
    // 第一条 twice: one row, the span of the first.
    '第三条 违反本法第一条的，依照第一条处理。',
  ]));
  const yi = (date: string, extra: string) => writeFileSync(join(root, '测试', `乙条例(${date}).md`), law('乙条例', [
    `第一条 依照《中华人民共和国甲法》第二条、第三条办理${extra}。`,
    // A law not in the library, and an article the law does not have: no rows.
    '第二条 根据《不存在法》第一条，依照本条例第九十条执行。',
  ]));
  yi('2019-01-01', '（旧）');
  yi('2022-01-01', '');
  return root;
}

/** Every row as 'citing ← cited' citations, sorted. */
function pairs(lib: Library): string[] {
  const rows = lib.db.prepare('SELECT from_article_id AS f, to_article_id AS t FROM article_refs').all() as { f: number; t: number }[];
  const name = (id: number) => {
    const v = lib.article({ id });
    return `${v.law.shortTitle}${v.law.versionDate ? `(${v.law.versionDate.slice(0, 4)})` : ''}${v.label}`;
  };
  return rows.map((r) => `${name(r.f)} → ${name(r.t)}`).sort();
}

const tableRows = (db: Database.Database) =>
  db.prepare('SELECT from_article_id AS "from", to_article_id AS "to", ref_start AS start, ref_end AS "end" FROM article_refs ORDER BY "from", "to"').all();
const fresh = (db: Database.Database) => computeArticleRefs(db).sort((a, b) => a.from - b.from || a.to - b.to);

describe('the reverse reference index', () => {
  it('holds one row per citing → cited pair of stored articles, as the article page resolves them', () => {
    const lib = new Library(join(tempDir(), 'lexbone.db'));
    lib.import(corpus(tempDir()));
    expect(pairs(lib)).toEqual([
      '甲法(2020)第三条 → 甲法(2020)第一条',
      '甲法(2020)第二条 → 甲法(2020)第一条',
      '甲法(2020)第二条 → 甲法(2020)第三条',
      // Both versions of 乙条例 cite the current 甲法.
      '乙条例(2019)第一条 → 甲法(2020)第三条',
      '乙条例(2019)第一条 → 甲法(2020)第二条',
      '乙条例(2022)第一条 → 甲法(2020)第三条',
      '乙条例(2022)第一条 → 甲法(2020)第二条',
    ].sort());
    // The span is the first reference: 第一条 of 违反本法第一条.
    const a3 = lib.article({ citation: '甲法第三条' });
    const row = lib.db.prepare('SELECT ref_start AS s, ref_end AS e FROM article_refs WHERE from_article_id = ?').get(a3.articleId) as { s: number; e: number };
    expect(a3.text.slice(row.s, row.e)).toBe('第一条');
    expect(row.s).toBe(a3.text.indexOf('第一条'));
    expect(tableRows(lib.db)).toEqual(fresh(lib.db));
    lib.close();
  });

  it('lists who cites an article: current versions first, then its own law; the total; the reference in the snippet', () => {
    const dir = tempDir();
    const root = corpus(dir);
    // 甲法 itself cites 第二条 too (a 2020 article added to the same version).
    writeFileSync(join(root, '测试', '甲法(2020-01-01).md'), law('中华人民共和国甲法', [
      '第一条 为了测试，制定本法。', '第二条 依照本法第一条和第三条处理。', '第三条 违反本法第一条的，依照第一条处理。', '第四条 本法第二条所称处理，包括补正。',
    ]));
    const lib = new Library(join(dir, 'lexbone.db'));
    lib.import(root);
    const cited = lib.article({ citation: '甲法第二条' }).citedBy;
    expect(cited.total).toBe(3);
    expect(cited.provisions.map((p) => [p.law.shortTitle, p.law.status, p.label])).toEqual([
      ['甲法', 'current', '第四条'], ['乙条例', 'current', '第一条'], ['乙条例', 'superseded', '第一条'],
    ]);
    const yi = cited.provisions[1]!;
    expect(yi).toMatchObject({ citation: '《乙条例》第一条', reference: '《中华人民共和国甲法》第二条' });
    expect(yi.snippet.filter((s) => s.hit).map((s) => s.text)).toEqual(['《中华人民共和国甲法》第二条']);
    expect(yi.snippet.map((s) => s.text).join('')).toBe('依照《中华人民共和国甲法》第二条、第三条办理。');
    // An article nobody cites.
    expect(lib.article({ citation: '甲法第四条' }).citedBy).toEqual({ total: 0, provisions: [] });
    lib.close();
  });

  it('follows a new version of a named law, in the same import; an unchanged re-import leaves it alone', () => {
    const dir = tempDir();
    const root = corpus(dir);
    const lib = new Library(join(dir, 'lexbone.db'));
    lib.import(root);
    const before = tableRows(lib.db);
    expect(lib.import(root).lawsUnchanged).toBeGreaterThan(0);
    expect(tableRows(lib.db)).toEqual(before);

    // 甲法 2021: 乙条例's 《甲法》 references now go to it; the 2020 version keeps its own 本法 references.
    const newer = join(dir, '甲法(2021-01-01).md');
    writeFileSync(newer, law('中华人民共和国甲法', ['第一条 为了测试，制定本法（修正）。', '第二条 依照本法第一条处理。', '第三条 其他。']));
    lib.import(newer);
    expect(pairs(lib)).toEqual([
      '甲法(2020)第三条 → 甲法(2020)第一条',
      '甲法(2020)第二条 → 甲法(2020)第一条',
      '甲法(2020)第二条 → 甲法(2020)第三条',
      '甲法(2021)第二条 → 甲法(2021)第一条',
      '乙条例(2019)第一条 → 甲法(2021)第三条',
      '乙条例(2019)第一条 → 甲法(2021)第二条',
      '乙条例(2022)第一条 → 甲法(2021)第三条',
      '乙条例(2022)第一条 → 甲法(2021)第二条',
    ].sort());
    expect(tableRows(lib.db)).toEqual(fresh(lib.db));
    lib.close();
  });

  it('migration 4 builds it for a database of schema 3 that already holds articles', () => {
    const dir = tempDir();
    const dbPath = join(dir, 'lexbone.db');
    const lib = new Library(dbPath);
    lib.import(corpus(dir));
    const built = tableRows(lib.db);
    expect(built).toHaveLength(7);
    lib.close();
    // Back to schema 3: no table (nor migration 5's anchor table).
    const raw = new Database(dbPath);
    raw.exec('DROP TABLE article_refs; DROP TABLE article_anchors; DROP TABLE firm_glossary');
    raw.pragma('user_version = 3');
    raw.close();

    // Read-only (npm run ab -- judge) it stays at schema 3: articles open, nobody listed as citing.
    const readonly = new Library(dbPath, { readonly: true });
    expect(readonly.article({ citation: '甲法第一条' }).citedBy).toEqual({ total: 0, provisions: [] });
    readonly.close();

    const reopened = new Library(dbPath);
    expect(reopened.stats().schemaVersion).toBe(LATEST_SCHEMA);
    expect(tableRows(reopened.db)).toEqual(built);
    reopened.close();
  });
});
