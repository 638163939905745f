import Database from 'better-sqlite3';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStore } from '../../../electron/backbone/folders/folder-store';
import { RESEARCH_APPLICATION_ID, RESEARCH_MIGRATIONS } from '../../../electron/backbone/folders/research-schema';
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { useTempDirs } from '../../helpers/temp';
import { ART_584, ART_585, ART_LABOUR_39, codeOf, openStore } from './fixtures';

const tempDir = useTempDirs();
const dbPath = () => join(tempDir(), 'research.db');

describe('folders', () => {
  it('create, list newest-changed first with pin counts, rename, delete with its pins and queries', () => {
    const path = dbPath();
    const s = openStore(path);
    const a = s.createFolder('  甲公司合同纠纷 ', '违约责任');
    const b = s.createFolder('劳动争议');
    const c = s.createFolder('知识产权');
    expect(a).toEqual({ id: a.id, name: '甲公司合同纠纷', description: '违约责任', pinCount: 0, createdAt: '2026-01-02T03:04:05.000Z', updatedAt: '2026-01-02T03:04:05.000Z' });
    expect(s.listFolders().map((f) => f.name)).toEqual(['知识产权', '劳动争议', '甲公司合同纠纷']);

    s.pin(a.id, ART_584);
    s.pin(a.id, ART_585);
    // Pinning moved folder a to the top; its count is 2.
    expect(s.listFolders().map((f) => [f.name, f.pinCount])).toEqual([['甲公司合同纠纷', 2], ['知识产权', 0], ['劳动争议', 0]]);

    const renamed = s.renameFolder(b.id, '劳动争议（乙）');
    expect(renamed).toMatchObject({ name: '劳动争议（乙）', description: '' });
    expect(renamed.updatedAt > b.updatedAt).toBe(true);
    expect(s.renameFolder(a.id, '甲公司', '新说明').description).toBe('新说明');

    s.recordQuery(a.id, { text: '违约金 调整' });
    s.deleteFolder(a.id);
    expect(s.listFolders().map((f) => f.id)).toEqual([b.id, c.id]);
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM pins').get()).toEqual({ n: 0 });
    expect(raw.prepare('SELECT count(*) AS n FROM folder_queries').get()).toEqual({ n: 0 });
    raw.close();
    expect(codeOf(() => s.folder(a.id))).toBe('NOT_FOUND');
    s.close();
  });

  it('refuses bad input and unknown ids with typed errors', () => {
    const s = openStore(dbPath());
    const f = s.createFolder('x');
    expect(codeOf(() => s.createFolder('   '))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.createFolder('名'.repeat(201)))).toBe('INVALID_REQUEST');
    expect(s.createFolder('名'.repeat(200)).name).toHaveLength(200);
    expect(codeOf(() => s.createFolder('ok', 'd'.repeat(2001)))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.renameFolder(f.id, ''))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.renameFolder(999, 'y'))).toBe('NOT_FOUND');
    expect(codeOf(() => s.deleteFolder(999))).toBe('NOT_FOUND');
    expect(codeOf(() => s.pin(999, ART_584))).toBe('NOT_FOUND');
    expect(codeOf(() => s.pin(f.id, { ...ART_584, lawVersion: '28 May 2020' }))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.pin(f.id, { ...ART_584, label: '' }))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.setNote(999, 'n'))).toBe('NOT_FOUND');
    expect(codeOf(() => s.unpin(999))).toBe('NOT_FOUND');
    expect(codeOf(() => s.recordQuery(999, { text: 'q' }))).toBe('NOT_FOUND');
    expect(codeOf(() => s.recordQuery(f.id, { text: ' ' }))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.folder(1.5))).toBe('INVALID_REQUEST');
    expect(s.pins(f.id)).toEqual([]);
    s.close();
  });
});

describe('pins', () => {
  it('stores the stable identity and snapshot; pinning again updates the note instead of duplicating', () => {
    const s = openStore(dbPath());
    const f = s.createFolder('f');
    const p = s.pin(f.id, ART_584, '第一次');
    expect(p).toEqual({
      ...ART_584, id: p.id, folderId: f.id, citation: '《中华人民共和国民法典》第五百八十四条', note: '第一次',
      position: 0, pinnedAt: '2026-01-02T03:04:06.000Z', updatedAt: '2026-01-02T03:04:06.000Z',
    });
    // The same article again, with a newer library id and a changed text: one pin, new note and id hint, snapshot kept.
    const again = s.pin(f.id, { ...ART_584, articleId: 9999, text: 'changed' }, '第二次');
    expect(again).toMatchObject({ id: p.id, note: '第二次', articleId: 9999, text: ART_584.text, pinnedAt: p.pinnedAt });
    // Without a note the note is kept.
    expect(s.pin(f.id, ART_584).note).toBe('第二次');
    expect(s.pins(f.id)).toHaveLength(1);
    // Another version of the same law is another article.
    s.pin(f.id, { ...ART_584, lawVersion: '' });
    expect(s.pins(f.id).map((x) => x.lawVersion)).toEqual(['2020-05-28', '']);
    // A pin without a library id keeps null.
    expect(s.pin(f.id, ART_LABOUR_39).articleId).toBeNull();
    s.close();
  });

  it('edit the note, unpin, reorder', () => {
    const s = openStore(dbPath());
    const f = s.createFolder('f');
    const [a, b, c] = [ART_584, ART_585, ART_LABOUR_39].map((x) => s.pin(f.id, x));
    expect(s.setNote(b!.id, '重点').note).toBe('重点');
    expect(s.reorderPins(f.id, [c!.id, a!.id, b!.id]).map((p) => [p.label, p.position])).toEqual([['第三十九条', 0], ['第五百八十四条', 1], ['第五百八十五条', 2]]);
    expect(codeOf(() => s.reorderPins(f.id, [a!.id, b!.id]))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.reorderPins(f.id, [a!.id, a!.id, b!.id]))).toBe('INVALID_REQUEST');
    s.unpin(a!.id);
    expect(s.pins(f.id).map((p) => [p.id, p.position, p.note])).toEqual([[c!.id, 0, ''], [b!.id, 1, '重点']]);
    // A new pin goes last.
    expect(s.pin(f.id, ART_584).position).toBe(2);
    s.close();
  });

  it('pins, queries and history survive closing and reopening the file', () => {
    const path = dbPath();
    const s = openStore(path);
    const f = s.createFolder('f', 'd');
    s.pin(f.id, ART_584, 'n1');
    s.pin(f.id, ART_585);
    s.recordQuery(f.id, { text: '违约 损失', budget: { preset: 'research', k: 300, n: 50 } });
    s.addHistory({ text: '违约 损失', preset: 'research', resultCount: 12 });
    const before = s.document(f.id);
    const history = s.history();
    s.close();
    const again = new FolderStore(path);
    expect(again.document(f.id)).toEqual(before);
    expect(again.history()).toEqual(history);
    expect(before.queries[0]).toMatchObject({ text: '违约 损失', budget: { preset: 'research', k: 300, n: 50 } });
    again.close();
  });

  it('a write that fails part-way leaves nothing half-written', () => {
    const path = dbPath();
    const s = openStore(path);
    const f = s.createFolder('f');
    const kept = s.pin(f.id, ART_584, 'kept');
    // Simulate a crash after the first statement of each write: a trigger (from another connection)
    // aborts the folder update that pin() does after inserting the pin, and the folder delete that
    // deleteFolder() does after deleting the pins.
    const other = new Database(path);
    other.exec(`CREATE TRIGGER crash_touch BEFORE UPDATE ON folders BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;
                CREATE TRIGGER crash_delete BEFORE DELETE ON folders BEGIN SELECT RAISE(ABORT, 'simulated crash'); END;`);
    expect(() => s.pin(f.id, ART_585, 'lost')).toThrow('simulated crash');
    expect(() => s.setNote(kept.id, 'lost')).toThrow('simulated crash');
    expect(() => s.deleteFolder(f.id)).toThrow('simulated crash');
    other.exec('DROP TRIGGER crash_touch; DROP TRIGGER crash_delete;');
    other.close();
    expect(s.pins(f.id)).toEqual([kept]);
    expect(s.folder(f.id).pinCount).toBe(1);
    // The store is usable afterwards (no transaction left open).
    expect(s.pin(f.id, ART_585).position).toBe(1);
    s.close();
  });
});

describe('the research database file', () => {
  const expectRefused = (path: string, code: string) => {
    const bytes = readFileSync(path);
    expect(codeOf(() => new FolderStore(path))).toBe(code);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  };

  it('is marked as Lexbone research data, in WAL mode', () => {
    const path = dbPath();
    openStore(path).close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('application_id', { simple: true })).toBe(RESEARCH_APPLICATION_ID);
    expect(raw.pragma('user_version', { simple: true })).toBe(2);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('a research.db of schema 1 (before feedback) opens with its folders, pins and history, and takes feedback', () => {
    const path = dbPath();
    const v1 = new Database(path);
    v1.pragma('journal_mode = WAL');
    v1.pragma(`application_id = ${RESEARCH_APPLICATION_ID}`);
    RESEARCH_MIGRATIONS[0]!.up(v1);
    v1.pragma('user_version = 1');
    v1.exec(`INSERT INTO folders (name, created_at, updated_at) VALUES ('旧文件夹', 't', 't')`);
    v1.exec(`INSERT INTO search_history (text, preset, result_count, searched_at) VALUES ('违约金', NULL, 3, '2026-01-01T00:00:00.000Z')`);
    v1.close();

    const s = openStore(path);
    expect(s.listFolders().map((f) => f.name)).toEqual(['旧文件夹']);
    expect(s.history().map((h) => h.text)).toEqual(['违约金']);
    s.addHistory({ text: '定金', resultCount: 1 }, [{ lawTitle: '中华人民共和国民法典', lawVersion: '', label: '第五百八十七条', citation: '《中华人民共和国民法典》第五百八十七条' }]);
    expect(s.db.prepare('SELECT shown FROM search_history WHERE text = ?').pluck().get('定金')).toContain('第五百八十七条');
    expect(s.db.pragma('user_version', { simple: true })).toBe(2);
    expect(s.db.prepare("SELECT count(*) FROM feedback").pluck().get()).toBe(0);
    s.close();
  });

  it('a file that is not SQLite is refused as foreign and left byte-identical', () => {
    const path = dbPath();
    writeFileSync(path, '# my notes\n民法典第584条\n');
    expectRefused(path, 'RESEARCH_DB_FOREIGN');
  });

  it("another application's SQLite file, and the statute library, are refused as foreign and left byte-identical", () => {
    const path = dbPath();
    const other = new Database(path); // rollback journal: switching it to WAL would rewrite its header
    other.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('甲')");
    other.close();
    expectRefused(path, 'RESEARCH_DB_FOREIGN');

    const lib = join(tempDir(), 'library.db');
    openDatabase(lib).close();
    expectRefused(lib, 'RESEARCH_DB_FOREIGN');
  });

  it('a damaged file is refused as corrupt and left byte-identical', () => {
    const garbage = dbPath();
    writeFileSync(garbage, Buffer.concat([Buffer.from('SQLite format 3\u0000', 'latin1'), Buffer.alloc(4080, 0xab)]));
    expectRefused(garbage, 'RESEARCH_DB_CORRUPT');

    // A real research file whose first page (the schema) is overwritten.
    const path = dbPath();
    const s = openStore(path);
    s.pin(s.createFolder('f').id, ART_584);
    s.close();
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 100, 4096);
    writeFileSync(path, bytes);
    expectRefused(path, 'RESEARCH_DB_CORRUPT');
  });

  it('a file from a newer schema is refused and left byte-identical', () => {
    const path = dbPath();
    openStore(path).close();
    const raw = new Database(path);
    raw.pragma('user_version = 99');
    raw.close();
    expectRefused(path, 'DB_TOO_NEW');
  });
});

describe('search history', () => {
  it('lists the latest first, keeps at most the cap, clears', () => {
    const s = openStore(dbPath(), { historyCap: 5 });
    for (let i = 1; i <= 8; i++) s.addHistory({ text: `q${i}`, preset: i % 2 ? 'quick' : null, resultCount: i });
    expect(s.history(100).map((h) => h.text)).toEqual(['q8', 'q7', 'q6', 'q5', 'q4']);
    expect(s.history(2)).toEqual([
      { id: 8, text: 'q8', preset: null, resultCount: 8, searchedAt: '2026-01-02T03:04:12.000Z' },
      { id: 7, text: 'q7', preset: 'quick', resultCount: 7, searchedAt: '2026-01-02T03:04:11.000Z' },
    ]);
    expect(codeOf(() => s.addHistory({ text: '', resultCount: 0 }))).toBe('INVALID_REQUEST');
    expect(codeOf(() => s.addHistory({ text: 'x', resultCount: -1 }))).toBe('INVALID_REQUEST');
    s.clearHistory();
    expect(s.history()).toEqual([]);
    s.close();
  });

  it('the same search again moves the newest entry up instead of adding a copy', () => {
    const s = openStore(dbPath());
    const first = s.addHistory({ text: '违约金过高', preset: 'standard', resultCount: 10 });
    const again = s.addHistory({ text: '违约金过高', preset: 'standard', resultCount: 9 });
    expect(again.id).toBe(first.id);
    expect(again.resultCount).toBe(9);
    expect(again.searchedAt > first.searchedAt).toBe(true);
    // Another budget, or the same text after another search, is a new entry.
    s.addHistory({ text: '违约金过高', preset: 'research', resultCount: 50 });
    s.addHistory({ text: '抚养费', preset: 'standard', resultCount: 10 });
    s.addHistory({ text: '违约金过高', preset: 'standard', resultCount: 10 });
    expect(s.history().map((h) => `${h.text}/${h.preset}`)).toEqual(['违约金过高/standard', '抚养费/standard', '违约金过高/research', '违约金过高/standard']);
    s.close();
  });

  it('caps at 1,000 entries by default', () => {
    const path = dbPath();
    const s = openStore(path);
    for (let i = 1; i <= 1003; i++) s.addHistory({ text: `q${i}`, resultCount: 0 });
    const all = s.history(5000);
    expect(all).toHaveLength(1000);
    expect([all[0]!.text, all[999]!.text]).toEqual(['q1003', 'q4']);
    s.close();
  });
});
