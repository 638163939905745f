/**
 * The one SQLite opener (store/sqlite-file.ts) used by the library, the research folders and the
 * applications file: the cases where the three openers behaved differently before they were one.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openSqliteFile } from '../../../electron/backbone/store/sqlite-file';
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { openResearchDb } from '../../../electron/backbone/folders/open-research-db';
import { AppRegistry } from '../../../electron/server/app-registry';
import { LATEST_SCHEMA } from '../../../electron/backbone/store/migrations';
import { useTempDirs } from '../../helpers/temp';
import { slowKind } from './test-kinds';
import { thrownSync } from '../../helpers/thrown';

const tempDir = useTempDirs();


const runChild = (db: string) =>
  new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'migrate-child.ts'), db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });

describe('the one SQLite opener', () => {
  it('two processes opening an old file at once migrate it once (the version is read again under the write lock)', async () => {
    const path = join(tempDir(), 'old.db');
    const v1 = { ...slowKind(0), migrations: slowKind(0).migrations.slice(0, 1) };
    openSqliteFile(path, v1).close();
    const [a, b] = await Promise.all([runChild(path), runChild(path)]);
    expect([a.code, b.code], a.err + b.err).toEqual([0, 0]);
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('runs the derived-data rebuild the applied migrations named, once, in their transaction; none when nothing is pending', () => {
    const path = join(tempDir(), 'rebuild.db');
    const rebuilt: string[][] = [];
    openSqliteFile(path, slowKind(0, rebuilt)).close();
    openSqliteFile(path, slowKind(0, rebuilt)).close();
    expect(rebuilt).toEqual([['derived']]);
  });

  it('every kind refuses a newer file and a file of another application, leaving it byte-identical', () => {
    const dir = tempDir();
    const newer = join(dir, 'newer.db');
    openSqliteFile(newer, slowKind(0)).close();
    const raw = new Database(newer);
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(newer);
    expect(thrownSync(() => openSqliteFile(newer, slowKind(0))).message).toContain('too new');
    expect(readFileSync(newer).equals(before)).toBe(true);

    // A SQLite file with another application id and no tables yet: the library used to take it.
    const other = join(dir, 'other.db');
    const o = new Database(other);
    o.pragma('application_id = 1234');
    o.close();
    const otherBytes = readFileSync(other);
    expect(thrownSync(() => openDatabase(other))).toMatchObject({ code: 'DB_FOREIGN' });
    expect(thrownSync(() => openResearchDb(other))).toMatchObject({ code: 'RESEARCH_DB_FOREIGN' });
    expect(thrownSync(() => new AppRegistry(other))).toMatchObject({ code: 'APPS_DB_INVALID' });
    expect(readFileSync(other).equals(otherBytes)).toBe(true);
  });

  it('quick_check runs where the kind asks for it, before anything is written', () => {
    const path = join(tempDir(), 'research.db');
    openResearchDb(path).close();
    // Damage one page of a table (not the header): only a check finds it before a query touches it.
    const db = new Database(path);
    db.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
      INSERT INTO folders (name, description, created_at, updated_at) SELECT 'folder ' || i, '', '', '' FROM n`);
    db.close();
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x7a, bytes.length - pageSize, bytes.length - pageSize + 64); // the last page's b-tree header
    writeFileSync(path, bytes);
    expect(thrownSync(() => openResearchDb(path))).toMatchObject({ code: 'RESEARCH_DB_CORRUPT' });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it('a new library gets every migration and its derived tables at the latest schema', () => {
    const db = openDatabase(join(tempDir(), 'lib.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['article_refs', 'article_anchors', 'firm_glossary', 'articles_fts']));
    db.close();
  });
});
