import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Library } from '../../../electron/backbone/library';
import { computeArticleRefs } from '../../../electron/backbone/store/article-refs';
import { isLexboneError, type ErrorCode } from '../../../electron/contract/errors';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';

/**
 * Property-based bad input for every importer (markdown file and folder, STARD JSONL, CSV, the
 * .jsonl.gz corpus bundle), into a real library: arbitrary bytes and near-valid records either
 * import or fail with a typed error naming the file (and the line, for a record), never another
 * kind of exception, and a failed import leaves the library exactly as it was. Seeded:
 * LEXBONE_PROPERTY_SEED replays a failure (fast-check prints the seed and the smallest case).
 */
const SEED = Number(process.env.LEXBONE_PROPERTY_SEED ?? 4242);
const RUNS = Number(process.env.LEXBONE_PROPERTY_RUNS ?? 80);
const params = { seed: SEED, numRuns: RUNS, endOnFailure: true } as const;

/** Errors an importer may raise about its input; anything else (INTERNAL, a TypeError) is a bug. */
const IMPORT_ERRORS = new Set<ErrorCode>(['BAD_ENCODING', 'MALFORMED_RECORD', 'NO_ARTICLES', 'DUPLICATE_ARTICLE', 'FILE_TOO_LARGE', 'UNSUPPORTED_FORMAT']);
/** These name the line as well as the file. */
const LINE_ERRORS = new Set<ErrorCode>(['BAD_ENCODING', 'MALFORMED_RECORD', 'DUPLICATE_ARTICLE']);

const tempDir = useTempDirs('all');
let lib: Library;
let dir: string;
let n = 0;

beforeAll(() => {
  dir = tempDir();
  lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
});
afterAll(() => lib.close());

const refRows = () => lib.db.prepare('SELECT from_article_id AS "from", to_article_id AS "to", ref_start AS start, ref_end AS "end" FROM article_refs ORDER BY 1, 2').all();

const snapshot = () => ({
  laws: lib.db.prepare('SELECT id, title, version_key, status FROM laws ORDER BY id').all(),
  articles: lib.db.prepare('SELECT id, law_id, label, hash FROM articles ORDER BY id').all(),
  imports: (lib.db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n,
  refs: refRows(),
});

/** Imports `bytes` as a file named `name`; a typed failure must name it and change nothing. */
function importBytes(name: string, bytes: Uint8Array | string): void {
  const file = join(dir, `${n++}-${name}`);
  writeFileSync(file, bytes);
  const before = snapshot();
  try {
    lib.import(file);
  } catch (e) {
    if (!isLexboneError(e)) throw new Error(`${basename(file)}: not a typed error: ${(e as Error)?.stack ?? String(e)}`);
    expect(IMPORT_ERRORS, `${e.code}: ${e.message}`).toContain(e.code);
    expect(e.message).toContain(basename(file));
    if (LINE_ERRORS.has(e.code)) expect(e.message).toMatch(/line \d+/);
    expect(snapshot()).toEqual(before);
    return;
  }
  expect(lib.db.pragma('quick_check', { simple: true })).toBe('ok');
  // An accepted import leaves the reverse reference index exactly as a fresh build over the library.
  expect(refRows()).toEqual(computeArticleRefs(lib.db).sort((a, b) => a.from - b.from || a.to - b.to));
}

// Pieces of near-valid input.
const numeral = fc.constantFrom('一', '二', '十', '五十四', '一百零一', '1', '54', '0', '-1', '99999999999', '1e5', '五十四之一', '', '之');
const label = numeral.map((x) => `第${x}条`);
const lawName = fc.constantFrom('中华人民共和国民法典', '某法', '', ' ', '《某法》', '某\u0000法', '某\ud800法', 'x'.repeat(300));
const text = fc.oneof(
  fc.string({ maxLength: 40 }), fc.constantFrom('', ' ', '\u3000', '"', '\\', '\r', '\ufeff', '\ud800'),
  // Cross-references: to the same law, to a stored law, to a missing article, a list.
  fc.constantFrom('依照本法第一条处理', '违反《中华人民共和国民法典》第五百八十五条的', '依照本法第九千条', '依照第二条、第三条和第五十四条之一'),
);
const junk = fc.oneof(fc.string({ maxLength: 30 }), fc.json({ maxDepth: 2 }), fc.constantFrom('{', '}', '[]', 'null', '"x"', '1', '\ufeff'));

const jsonlLine = fc.oneof(
  fc.record({ id: fc.anything({ maxDepth: 1 }), name: fc.tuple(lawName, label).map(([a, b]) => a + b), content: text }).map((o) => JSON.stringify(o)),
  fc.record({ name: fc.anything({ maxDepth: 1 }), content: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }).map((o) => JSON.stringify(o)),
  junk,
);
const csvCell = fc.oneof(text, label, numeral, lawName, fc.constantFrom('"', '""', ',', '\n', 'law', 'article'));
const csvRow = fc.array(csvCell, { minLength: 0, maxLength: 5 }).chain((cells) =>
  fc.boolean().map((quoted) => cells.map((c) => (quoted ? `"${c.replace(/"/g, '""')}"` : c)).join(',')),
);
const mdLine = fc.oneof(
  fc.constantFrom('# 中华人民共和国某法', '# ', '#', '---', '<!-- INFO END -->', '## 第一章 总则', '###### 深', '2020年1月1日通过'),
  fc.tuple(label, text).map(([l, t]) => `${l} ${t}`),
  fc.tuple(fc.constantFrom('## ', '# ', '####### '), text).map(([h, t]) => h + t),
  text,
);
const bundleLaw = fc.record(
  {
    t: fc.oneof(lawName, fc.anything({ maxDepth: 0 })),
    p: fc.oneof(fc.constant(null), text, fc.integer()),
    c: fc.oneof(text, fc.anything({ maxDepth: 0 })),
    d: fc.oneof(fc.constant(null), fc.constantFrom('2020-01-01', '2020-13-45', 'x'), fc.integer()),
    h: fc.oneof(fc.array(text, { maxLength: 2 }), fc.anything({ maxDepth: 1 })),
    s: fc.oneof(text, fc.anything({ maxDepth: 0 })),
    a: fc.oneof(
      fc.array(fc.tuple(label, fc.integer(), fc.integer(), fc.array(text, { maxLength: 2 }), text), { maxLength: 3 }),
      fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
      fc.anything({ maxDepth: 1 }),
    ),
  },
  { requiredKeys: [] },
);
const HEADER = JSON.stringify({ format: 'lexbone-corpus', version: 1, laws: 1, articles: 1, source: 'test' });

describe('importers under arbitrary and near-valid input', () => {
  it('markdown (.md): arbitrary bytes and near-valid laws', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => importBytes('某法.md', bytes)), params);
    fc.assert(fc.property(fc.array(mdLine, { maxLength: 25 }), fc.boolean(), (lines, crlf) => importBytes('某法(2020-01-01).md', lines.join(crlf ? '\r\n' : '\n'))), params);
  });

  it('JSONL: arbitrary bytes and near-valid records', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => importBytes('x.jsonl', bytes)), params);
    fc.assert(fc.property(fc.array(jsonlLine, { maxLength: 12 }), (lines) => importBytes('x.jsonl', lines.join('\n'))), params);
  });

  it('CSV: arbitrary bytes and near-valid rows', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => importBytes('x.csv', bytes)), params);
    fc.assert(fc.property(fc.array(csvRow, { maxLength: 12 }), fc.boolean(), (rows, bom) => importBytes('x.csv', (bom ? '\ufeff' : '') + rows.join('\n'))), params);
  });

  it('.jsonl.gz corpus: arbitrary bytes, damaged gzip, near-valid law lines', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => importBytes('x.jsonl.gz', bytes)), params);
    const good = gzipSync(`${HEADER}\n${JSON.stringify({ t: '某法', p: null, c: '测试', d: null, h: [], s: 'x', a: [['第一条', 1, 0, [], '甲']] })}\n`);
    fc.assert(fc.property(fc.nat({ max: good.length - 1 }), (cut) => importBytes('x.jsonl.gz', good.subarray(0, cut))), params);
    fc.assert(
      fc.property(fc.array(fc.oneof(bundleLaw.map((l) => JSON.stringify(l)), junk), { maxLength: 4 }), fc.uint8Array({ maxLength: 8 }), (lines, tail) =>
        importBytes('x.jsonl.gz', gzipSync(Buffer.concat([Buffer.from(`${HEADER}\n${lines.join('\n')}\n`), Buffer.from(tail)]))),
      ),
      params,
    );
  });

  it('a markdown folder with one bad file among good ones imports nothing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const folder = join(dir, `folder-${n++}`);
        const cat = join(folder, '社会法');
        mkdirSync(cat, { recursive: true });
        writeFileSync(join(cat, `新法${n}(2021-01-01).md`), `# 新法${n}\n\n<!-- INFO END -->\n\n第一条 甲。\n`);
        writeFileSync(join(cat, '坏(2021-01-01).md'), bytes);
        const before = snapshot();
        try {
          lib.import(folder);
        } catch (e) {
          if (!isLexboneError(e)) throw e;
          expect(IMPORT_ERRORS).toContain(e.code);
          expect(snapshot()).toEqual(before);
        }
      }),
      { ...params, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});

/** What importing `content` as `name` throws (code and message), or null when it imports. */
function failure(name: string, content: Uint8Array | string): { code: string; message: string } | null {
  const file = join(dir, `${n++}-${name}`);
  writeFileSync(file, content);
  const before = snapshot();
  try {
    lib.import(file);
    return null;
  } catch (e) {
    expect(snapshot()).toEqual(before);
    if (!isLexboneError(e)) throw e;
    return { code: e.code, message: e.message };
  }
}

describe('regressions found by the properties above', () => {
  it('a markdown line 第0条 is refused with its line (was a TypeError)', () => {
    expect(failure('零(2020-01-01).md', '# 某零法\n\n<!-- INFO END -->\n\n第一条 甲。\n第0条 乙。\n')).toMatchObject({
      code: 'MALFORMED_RECORD', message: expect.stringMatching(/零\(2020-01-01\)\.md, line 6: 第0条 is not an article number/),
    });
  });

  it('第54条 and 第五十四条 in one markdown file are the same article (was a raw UNIQUE constraint error)', () => {
    expect(failure('重(2020-01-01).md', '# 某重法\n\n<!-- INFO END -->\n\n第54条 甲。\n第五十四条 乙。\n')).toMatchObject({
      code: 'DUPLICATE_ARTICLE', message: expect.stringMatching(/line 6: 第五十四条 appears twice in 某重法 \(first on line 5\)/),
    });
  });

  it('the same article number in two parts of one law version is refused with the file and line (was a raw UNIQUE constraint error)', () => {
    expect(failure('编一.md', '# 某典\n# 第一编\n\n<!-- INFO END -->\n\n第一条 甲。\n')).toBeNull();
    expect(failure('编二.md', '# 某典\n# 第二编\n\n<!-- INFO END -->\n\n第二条 乙。\n第一条 丙。\n')).toMatchObject({
      code: 'MALFORMED_RECORD', message: expect.stringMatching(/编二\.md, line 7: 第一条 is already in part "第一编" of this law version/),
    });
  });

  it('article numbers past 99,999 are not labels (was a RangeError from the numeral formatter)', () => {
    expect(failure('大.jsonl', `${JSON.stringify({ id: 1, name: '某法第99999999999条', content: '甲' })}\n`)).toMatchObject({
      code: 'MALFORMED_RECORD', message: expect.stringMatching(/大\.jsonl, line 1: "第99999999999条" is not an article label/),
    });
    expect(failure('大.csv', '某法,99999999999,甲\n')).toMatchObject({ code: 'MALFORMED_RECORD', message: expect.stringMatching(/大\.csv, line 1: "99999999999" is not an article label/) });
  });

  it('a corpus bundle with malformed law lines names the line (was a TypeError)', () => {
    const bundle = (...lines: unknown[]) => gzipSync(`${HEADER}\n${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const ok = { t: '某法', p: null, c: '测试', d: null, h: [], s: 'x', a: [['第一条', 1, 0, [], '甲']] };
    expect(failure('a.jsonl.gz', bundle(ok, null))).toMatchObject({ code: 'MALFORMED_RECORD', message: expect.stringMatching(/a\.jsonl\.gz, line 3: a law line must be a JSON object/) });
    expect(failure('b.jsonl.gz', bundle({ ...ok, a: [5] }))).toMatchObject({ code: 'MALFORMED_RECORD', message: expect.stringMatching(/line 2: 某法: article 1 is not \[label/) });
    expect(failure('c.jsonl.gz', bundle({ ...ok, a: [['第一条', 'one', 0, [], '甲']] }))).toMatchObject({ message: expect.stringMatching(/line 2: 某法: article 1 \(第一条\): its number/) });
    expect(failure('d.jsonl.gz', bundle({ ...ok, h: 'x' }))).toMatchObject({ message: expect.stringMatching(/line 2: 某法: the history/) });
    expect(failure('e.jsonl.gz', gzipSync(Buffer.from([0xff, 0xfe, 0x80])))).toMatchObject({ code: 'BAD_ENCODING', message: expect.stringContaining('e.jsonl.gz, line 1') });
  });
});
