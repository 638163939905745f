import Database from 'better-sqlite3';
import { closeSync, cpSync, existsSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LexboneError } from '../../electron/contract/errors';
import { Library } from '../../electron/backbone/library';
import { FIXTURE_CORPUS, useTempDirs } from '../helpers/temp';
import { writeDamagedLibrary } from '../helpers/damaged-library';

const tempDir = useTempDirs();

/** A library that already holds the fixture corpus, so we can check nothing is lost. */
function populated(): { lib: Library; dir: string; snapshot: () => unknown } {
  const dir = tempDir();
  const lib = new Library(join(dir, 'lexbone.db'));
  lib.import(FIXTURE_CORPUS);
  const snapshot = () => lib.db.prepare('SELECT id, law_id, label, hash FROM articles ORDER BY id').all();
  return { lib, dir, snapshot };
}

function importError(lib: Library, path: string): LexboneError {
  try {
    lib.import(path);
  } catch (e) {
    expect(e).toBeInstanceOf(LexboneError);
    return e as LexboneError;
  }
  throw new Error('the import should have failed');
}

describe('bad input gets a clear error and loses nothing', () => {
  it('refuses a file that is not UTF-8, naming the file and line', () => {
    const { lib, dir, snapshot } = populated();
    const before = snapshot();
    const folder = join(dir, 'bad', '社会法');
    mkdirSync(folder, { recursive: true });
    const mixed = Buffer.concat([
      Buffer.from('# 中华人民共和国某法\n\n<!-- INFO END -->\n\n第一条 内容\n', 'utf8'),
      Buffer.from([0x80, 0x0a]), // a stray continuation byte on line 6
    ]);
    writeFileSync(join(folder, '某法(2020-01-01).md'), mixed);
    const err = importError(lib, join(dir, 'bad'));
    expect(err.code).toBe('BAD_ENCODING');
    expect(err.message).toMatch(/某法\(2020-01-01\)\.md, line 6: the file is not valid UTF-8\. Convert it/);
    expect(snapshot()).toEqual(before);
    lib.close();
  });

  it('recognises a GBK file and says so', () => {
    const { lib, dir, snapshot } = populated();
    const before = snapshot();
    const di1tiao = [0xb5, 0xda, 0xd2, 0xbb, 0xcc, 0xf5]; // 第一条 in GBK
    const file = join(dir, 'gbk.md');
    writeFileSync(file, Buffer.from([...Buffer.from('# x\n\n'), ...di1tiao, ...Buffer.from(' abc\n')]));
    const err = importError(lib, file);
    expect(err.message).toMatch(/gbk\.md, line 3: the file is not valid UTF-8 \(it looks like GBK\/GB18030\)/);
    expect(snapshot()).toEqual(before);
    lib.close();
  });

  it('refuses a file with no articles when it is the whole source', () => {
    const { lib, dir, snapshot } = populated();
    const before = snapshot();
    const file = join(dir, 'notice.md');
    writeFileSync(file, '# 关于某事的通知\n\n<!-- INFO END -->\n\n一、各单位应当遵守。\n');
    const err = importError(lib, file);
    expect(err.code).toBe('NO_ARTICLES');
    expect(err.message).toContain('notice.md');
    expect(snapshot()).toEqual(before);
    lib.close();
  });

  it('refuses a 200 MB file without reading it', () => {
    const { lib, dir, snapshot } = populated();
    const before = snapshot();
    const file = join(dir, 'huge.jsonl');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024); // sparse: instant, no disk used
    closeSync(fd);
    const peakKb = () => process.resourceUsage().maxRSS;
    const beforePeak = peakKb();
    const err = importError(lib, file);
    // Reading it would have taken 200 MB more at the process's peak; the size check reads nothing.
    expect(peakKb() - beforePeak).toBeLessThan(100 * 1024);
    expect(err.code).toBe('FILE_TOO_LARGE');
    expect(err.message).toMatch(/huge\.jsonl is 200 MB; files over 64 MB are refused/);
    expect(snapshot()).toEqual(before);
    lib.close();
  });

  it('refuses duplicate labels in one law, naming both lines, and writes none of the source', () => {
    const { lib, dir, snapshot } = populated();
    const before = snapshot();
    const folder = join(dir, 'dup');
    cpSync(FIXTURE_CORPUS, folder, { recursive: true });
    writeFileSync(
      join(folder, '社会法', '某条例(2021-01-01).md'),
      '# 某条例\n\n<!-- INFO END -->\n\n第一条 甲。\n\n第二条 乙。\n\n第一条 丙。\n',
    );
    const err = importError(lib, folder);
    expect(err.code).toBe('DUPLICATE_ARTICLE');
    expect(err.message).toMatch(/某条例\(2021-01-01\)\.md, line 9: 第一条 appears twice in 某条例 \(first on line 5\)/);
    expect(snapshot()).toEqual(before);
    lib.close();
  });

  it('names the line of malformed JSONL and CSV records', () => {
    const { lib, dir, snapshot } = populated();
    const before = snapshot();
    const jsonl = join(dir, 'bad.jsonl');
    writeFileSync(jsonl, '{"id":1,"name":"某法第一条","content":"甲"}\n{"id":2,"name":"某法第二条",\n');
    expect(importError(lib, jsonl).message).toMatch(/bad\.jsonl, line 2: not valid JSON/);
    writeFileSync(jsonl, '{"id":1,"name":"某法","content":"甲"}\n');
    expect(importError(lib, jsonl).message).toMatch(/line 1: "某法" does not end with an article label/);
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'law,article,text\n某法,1,甲\n某法,abc,乙\n');
    expect(importError(lib, csv).message).toMatch(/bad\.csv, line 3: "abc" is not an article label/);
    writeFileSync(csv, '某法,1,甲\n某法,1,乙\n');
    expect(importError(lib, csv).code).toBe('DUPLICATE_ARTICLE');
    expect(importError(lib, join(dir, 'nothing-here.csv')).code).toBe('FILE_NOT_FOUND');
    writeFileSync(join(dir, 'x.pdf'), 'x');
    expect(importError(lib, join(dir, 'x.pdf')).code).toBe('UNSUPPORTED_FORMAT');
    expect(snapshot()).toEqual(before);
    lib.close();
  });
});

describe('opening a database', () => {
  it('refuses a file that is not SQLite, and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir, 'notes.db');
    writeFileSync(file, 'these are my notes, not a database');
    expect(() => new Library(file)).toThrow(expect.objectContaining({ code: 'DB_FOREIGN' }));
    expect(readFileSync(file, 'utf8')).toBe('these are my notes, not a database');
  });

  it("refuses another application's SQLite database", () => {
    const dir = tempDir();
    const file = join(dir, 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    other.close();
    const before = readFileSync(file);
    expect(() => new Library(file)).toThrow(expect.objectContaining({ code: 'DB_FOREIGN' }));
    // Left byte-identical (switching it to WAL mode would have rewritten its header).
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('reports a damaged database as DB_CORRUPT', async () => {
    const dir = tempDir();
    const file = join(dir, 'lexbone.db');
    // Keep the header, overwrite the pages after it with garbage.
    writeDamagedLibrary(file);
    let error: unknown;
    try {
      const damaged = new Library(file);
      await damaged.search({ query: '违约', limit: 10, offset: 0, includeSuperseded: false });
      damaged.stats();
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'DB_CORRUPT' });
    expect((error as Error).message).toContain(file);
  });

  it('refuses a database written by a newer schema', () => {
    const dir = tempDir();
    const file = join(dir, 'lexbone.db');
    new Library(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => new Library(file)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
  });
});
