/**
 * The applications allowed to call the service, in their own small SQLite file (`apps.db` beside
 * the library). Not in the library database: keys are the firm's access configuration, so a
 * damaged library moved aside or re-imported keeps them, and the per-request `last used` write
 * never waits on an import or indexing transaction (the library has one writer at a time).
 */
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { ApiScope, ApplicationView, CreatedApplication } from '../contract/access-types';
import { createError, LexboneError } from '../contract/errors';
import type { PresetName } from '../contract/types';
import { isForeignFile } from '../backbone/store/open-database';
import { generateKey, parseKey, verifySecret } from './api-keys';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export const APPS_APPLICATION_ID = 0x4c58414b; // "LXAK"
const SCHEMA_VERSION = 1;
/** `last used` is written at most this often per application (not on every request). */
const LAST_USED_EVERY_MS = 60_000;

export const NewApplication = z.strictObject({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a name is 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit'),
  scopes: z.array(z.enum(['search', 'admin'])).min(1, 'give at least one scope: search, admin').default(['search']),
  defaultPreset: z.enum(['quick', 'standard', 'research']).default('standard'),
  ratePerMinute: z.number().int().min(1).max(1_000_000).default(600),
  concurrency: z.number().int().min(1).max(1024).default(8),
});
export type NewApplicationInput = z.input<typeof NewApplication>;

interface Row {
  id: number; name: string; key_id: string; salt: string; key_hash: string; scopes: string; default_preset: string;
  rate_per_minute: number; concurrency: number; created_at: string; last_used_at: string | null; revoked_at: string | null;
}

/** An authenticated application: what the middleware needs. */
export type AuthenticatedApp = Pick<ApplicationView, 'name' | 'keyId' | 'scopes' | 'defaultPreset' | 'ratePerMinute' | 'concurrency'>;

const view = (r: Row): ApplicationView => ({
  name: r.name, keyId: r.key_id, scopes: JSON.parse(r.scopes) as ApiScope[], defaultPreset: r.default_preset as PresetName,
  ratePerMinute: r.rate_per_minute, concurrency: r.concurrency, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

export class AppRegistry {
  readonly db: Database.Database;
  private readonly lastWrite = new Map<string, number>();
  private byKeyId!: Database.Statement<[string], Row>;

  constructor(readonly path: string, opts: { nativeBinding?: string } = {}) {
    if (isForeignFile(path)) throw createError('APPS_DB_INVALID', path, 'it is not a SQLite database');
    try {
      // A fresh machine has no data folder yet: the registry is opened before the library creates it.
      mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path, { nativeBinding: opts.nativeBinding });
    } catch (e) {
      throw createError('APPS_DB_INVALID', path, (e as Error).message);
    }
    try {
      this.migrate();
      this.byKeyId = this.db.prepare('SELECT * FROM applications WHERE key_id = ?');
    } catch (e) {
      this.db.close();
      throw e instanceof LexboneError ? e : createError('APPS_DB_INVALID', path, (e as Error).message);
    }
  }

  private migrate(): void {
    const appId = this.db.pragma('application_id', { simple: true }) as number;
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (appId !== APPS_APPLICATION_ID) {
      const tables = this.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      if (tables.n > 0 || appId !== 0) throw createError('APPS_DB_INVALID', this.path, 'it belongs to another application');
    }
    if (version > SCHEMA_VERSION) throw createError('APPS_DB_INVALID', this.path, `written by a newer Lexbone (schema ${version})`);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    if (version === SCHEMA_VERSION) return;
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE applications (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, key_id TEXT NOT NULL UNIQUE, salt TEXT NOT NULL, key_hash TEXT NOT NULL,
        scopes TEXT NOT NULL, default_preset TEXT NOT NULL, rate_per_minute INTEGER NOT NULL, concurrency INTEGER NOT NULL,
        created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT);
        CREATE UNIQUE INDEX applications_active_name ON applications(name) WHERE revoked_at IS NULL;`);
      this.db.pragma(`application_id = ${APPS_APPLICATION_ID}`);
      this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }

  /** Registers an application; its key is in the answer only (the registry keeps a salted hash). */
  create(input: NewApplicationInput): CreatedApplication {
    const parsed = NewApplication.safeParse(input);
    if (!parsed.success) throw createError('INVALID_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.') || 'application'}: ${i.message}`).join('; '));
    const a = parsed.data;
    const { key, stored } = generateKey();
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM applications WHERE name = ? AND revoked_at IS NULL').get(a.name)) throw createError('APP_EXISTS', a.name);
      const info = this.db
        .prepare(`INSERT INTO applications (name, key_id, salt, key_hash, scopes, default_preset, rate_per_minute, concurrency, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(a.name, stored.keyId, stored.salt, stored.hash, JSON.stringify([...new Set(a.scopes)]), a.defaultPreset, a.ratePerMinute, a.concurrency, new Date().toISOString());
      return { application: view(this.db.prepare('SELECT * FROM applications WHERE id = ?').get(info.lastInsertRowid) as Row), key };
    }).immediate();
  }

  /** Every application, revoked ones too, oldest first. */
  list(): ApplicationView[] {
    return (this.db.prepare('SELECT * FROM applications ORDER BY id').all() as Row[]).map(view);
  }

  /** Revokes the application's key at once (the next request with it is refused). */
  revoke(name: string): ApplicationView {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM applications WHERE name = ? AND revoked_at IS NULL').get(name) as Row | undefined;
      if (!row) throw createError('APP_NOT_FOUND', name);
      this.db.prepare('UPDATE applications SET revoked_at = ? WHERE id = ?').run(new Date().toISOString(), row.id);
      return view(this.db.prepare('SELECT * FROM applications WHERE id = ?').get(row.id) as Row);
    }).immediate();
  }

  /** The application a key belongs to, or null (malformed, unknown, wrong secret or revoked). */
  authenticate(key: string, now: number = Date.now()): AuthenticatedApp | null {
    const parts = parseKey(key);
    if (!parts) return null;
    const row = this.byKeyId.get(parts.keyId);
    if (!row || row.revoked_at !== null || !verifySecret(parts.secret, { salt: row.salt, hash: row.key_hash })) return null;
    if (now - (this.lastWrite.get(row.key_id) ?? -Infinity) >= LAST_USED_EVERY_MS) {
      this.lastWrite.set(row.key_id, now);
      try {
        this.db.prepare('UPDATE applications SET last_used_at = ? WHERE id = ?').run(new Date(now).toISOString(), row.id);
      } catch {
        /* a busy file only delays `last used` */
      }
    }
    const v = view(row);
    return { name: v.name, keyId: v.keyId, scopes: v.scopes, defaultPreset: v.defaultPreset, ratePerMinute: v.ratePerMinute, concurrency: v.concurrency };
  }

  /** How many applications can call (not revoked). */
  activeCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM applications WHERE revoked_at IS NULL').get() as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
