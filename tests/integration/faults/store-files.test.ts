import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { startService } from '../../helpers/service-process';
import { FIXTURE_CORPUS, useTempDirs } from '../../helpers/temp';
import { writeDamagedLibrary } from '../../helpers/damaged-library';

/**
 * The service started on a library file that is not Lexbone's, or is damaged: it still starts,
 * says what is wrong and what to do (status, and a 503 on every library call — retry will not help,
 * so no Retry-After), and leaves a foreign file byte for byte as it was.
 */
const tempDir = useTempDirs();

async function serviceOn(dir: string) {
  const service = await startService(dir, { corpus: FIXTURE_CORPUS, args: ['--no-models'] });
  const status = await service.call<{ state: string; error: { code: string; message: string } | null }>('status');
  const search = await service.post('search', { query: '违约金' });
  const body = (await search.json()) as { error: { code: string; message: string } };
  await service.stop();
  return { status, search: { status: search.status, retryAfter: search.headers.get('retry-after'), error: body.error } };
}

describe('a foreign or damaged library file', () => {
  it('a text file: DB_FOREIGN, named, left untouched', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'lexbone.db'), 'my notes, not a database');
    const r = await serviceOn(dir);
    expect(r.status).toMatchObject({ state: 'error', error: { code: 'DB_FOREIGN', message: expect.stringContaining(join(dir, 'lexbone.db')) } });
    expect(r.status.error!.message).toMatch(/not a Lexbone database\. Choose another file, or move it aside/);
    expect(r.search).toMatchObject({ status: 503, retryAfter: null, error: { code: 'NOT_READY', message: expect.stringContaining('not a Lexbone database') } });
    expect(readFileSync(join(dir, 'lexbone.db'), 'utf8')).toBe('my notes, not a database');
  }, 60_000);

  it("another application's SQLite database: DB_FOREIGN, byte-identical afterwards", async () => {
    const dir = tempDir();
    const file = join(dir, 'lexbone.db');
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (9.5)');
    other.close();
    const before = readFileSync(file);
    const r = await serviceOn(dir);
    expect(r.status.error?.code).toBe('DB_FOREIGN');
    expect(r.search.status).toBe(503);
    expect(readFileSync(file).equals(before)).toBe(true);
  }, 60_000);

  it('a damaged library: DB_CORRUPT with the file and what to do', async () => {
    const dir = tempDir();
    const file = join(dir, 'lexbone.db');
    writeDamagedLibrary(file);
    const r = await serviceOn(dir);
    const error = r.status.state === 'error' ? r.status.error : r.search.error;
    expect(error).toMatchObject({ code: expect.stringMatching(/^(DB_CORRUPT|NOT_READY)$/), message: expect.stringContaining('is damaged') });
    expect(error!.message).toContain(file);
    expect(error!.message).toMatch(/Move it aside and restart/);
    expect(r.search.status).toBe(503);
  }, 60_000);
});
