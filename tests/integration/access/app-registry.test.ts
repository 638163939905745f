import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Library } from '../../../electron/backbone/library';
import { AppRegistry } from '../../../electron/server/app-registry';
import { useTempDirs } from '../../helpers/temp';
import { thrownSync } from '../../helpers/thrown';

const tempDir = useTempDirs();


describe('the application registry file', () => {
  it('refuses a file that is not SQLite, or SQLite of something else, and leaves it untouched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.db'), 'these are not the keys you are looking for');
    expect(thrownSync(() => new AppRegistry(join(dir, 'junk.db')))).toMatchObject({ code: 'APPS_DB_INVALID' });
    expect(readFileSync(join(dir, 'junk.db'), 'utf8')).toBe('these are not the keys you are looking for');
    new Library(join(dir, 'lexbone.db')).close();
    const before = readFileSync(join(dir, 'lexbone.db'));
    const e = thrownSync(() => new AppRegistry(join(dir, 'lexbone.db')));
    expect(e).toMatchObject({ code: 'APPS_DB_INVALID' });
    expect(e.message).toContain('another application');
    expect(readFileSync(join(dir, 'lexbone.db')).equals(before)).toBe(true);
  });

  it('keeps applications across reopening; a revoked name can be reused with a new key; bad input is refused with the field named', () => {
    const path = join(tempDir(), 'apps.db');
    const a = new AppRegistry(path);
    const first = a.create({ name: 'crm', scopes: ['search'], defaultPreset: 'quick', ratePerMinute: 60, concurrency: 2 });
    expect(thrownSync(() => a.create({ name: 'crm' }))).toMatchObject({ code: 'APP_EXISTS' });
    expect(thrownSync(() => a.create({ name: '../etc', scopes: ['root' as 'admin'] })).message).toMatch(/name: .*scopes\.0/s);
    expect(thrownSync(() => a.create({ name: 'x', ratePerMinute: 0 })).message).toContain('ratePerMinute');
    a.close();
    const b = new AppRegistry(path);
    expect(b.authenticate(first.key)).toMatchObject({ name: 'crm', scopes: ['search'], defaultPreset: 'quick', ratePerMinute: 60, concurrency: 2 });
    b.revoke('crm');
    expect(b.authenticate(first.key)).toBeNull();
    expect(thrownSync(() => b.revoke('crm'))).toMatchObject({ code: 'APP_NOT_FOUND' });
    const again = b.create({ name: 'crm' });
    expect(again.key).not.toBe(first.key);
    expect(b.authenticate(again.key)?.name).toBe('crm');
    expect(b.list().map((x) => [x.name, x.revokedAt !== null])).toEqual([['crm', true], ['crm', false]]);
    expect(b.activeCount()).toBe(1);
    b.close();
  });

  it('writes `last used` at most once a minute per key', () => {
    const r = new AppRegistry(join(tempDir(), 'apps.db'));
    const { key } = r.create({ name: 'crm' });
    const t0 = Date.parse('2026-12-01T10:00:00Z');
    r.authenticate(key, t0);
    r.authenticate(key, t0 + 30_000);
    expect(r.list()[0]!.lastUsedAt).toBe('2026-12-01T10:00:00.000Z');
    r.authenticate(key, t0 + 61_000);
    expect(r.list()[0]!.lastUsedAt).toBe('2026-12-01T10:01:01.000Z');
    r.close();
  });
});
