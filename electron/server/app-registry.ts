/**
 * The applications allowed to call the service, in their own small SQLite file (`apps.db` beside
 * the library). Not in the library database: keys are the firm's access configuration, so a
 * damaged library moved aside or re-imported keeps them, and the per-request `last used` write
 * never waits on an import or indexing transaction (the library has one writer at a time).
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { ApiScope, ApplicationView, CreatedApplication } from '../contract/access-types';
import { API_SCOPES } from '../contract/method-access';
import { createError, LexboneError } from '../contract/errors';
import type { PresetName } from '../contract/types';
import { openSqliteFile, type SqliteFileKind } from '../backbone/store/sqlite-file';
import { generateKey, parseKey, verifySecret } from './api-keys';

export const APPS_APPLICATION_ID = 0x4c58414b; // "LXAK"

/** The applications file as a kind of SQLite file (backbone/store/sqlite-file.ts opens it). Frozen migrations. */
const APPS_FILE: SqliteFileKind = {
  applicationId: APPS_APPLICATION_ID,
  migrations: [
    {
      version: 1,
      description: 'the applications table',
      up: (db) => db.exec(`CREATE TABLE applications (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, key_id TEXT NOT NULL UNIQUE, salt TEXT NOT NULL, key_hash TEXT NOT NULL,
        scopes TEXT NOT NULL, default_preset TEXT NOT NULL, rate_per_minute INTEGER NOT NULL, concurrency INTEGER NOT NULL,
        created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT);
        CREATE UNIQUE INDEX applications_active_name ON applications(name) WHERE revoked_at IS NULL;`),
    },
    {
      version: 2,
      // A column, nothing else: the rows, keys and hashes of a schema-1 file stay as they are.
      description: '`updated_at` (apps update)',
      up: (db) => db.exec('ALTER TABLE applications ADD COLUMN updated_at TEXT'),
    },
  ],
  quickCheck: false,
  foreign: (path) => createError('APPS_DB_INVALID', path, 'it belongs to another application, or is not a SQLite file'),
  corrupt: (path, detail) => createError('APPS_DB_INVALID', path, detail),
  tooNew: (path, found) => createError('APPS_DB_INVALID', path, `written by a newer Lexbone (schema ${found})`),
};
/** `last used` is written at most this often per application (not on every request). */
const LAST_USED_EVERY_MS = 60_000;

const SCOPES = z.array(z.enum(API_SCOPES, { error: (i) => `${JSON.stringify(i.input)} is not a scope; a scope is one of: ${API_SCOPES.join(', ')}` }))
  .min(1, `give at least one scope: ${API_SCOPES.join(', ')}`);
const PRESET = z.enum(['quick', 'standard', 'research'], { error: (i) => `${JSON.stringify(i.input)} is not a preset; the preset is quick, standard or research` });
const RATE = z.number().int().min(1, 'the rate is 1 to 1000000 requests a minute').max(1_000_000, 'the rate is 1 to 1000000 requests a minute');
const CONCURRENCY = z.number().int().min(1, 'the concurrency is 1 to 1024 requests at once').max(1024, 'the concurrency is 1 to 1024 requests at once');

const NewApplication = z.strictObject({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a name is 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit'),
  scopes: SCOPES.default(['search']),
  defaultPreset: PRESET.default('standard'),
  ratePerMinute: RATE.default(600),
  concurrency: CONCURRENCY.default(8),
});
export type NewApplicationInput = z.input<typeof NewApplication>;

/** What `apps update` may change: any of the settings, never the name or the key. */
const ApplicationChange = z
  .strictObject({ scopes: SCOPES, defaultPreset: PRESET, ratePerMinute: RATE, concurrency: CONCURRENCY })
  .partial()
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'nothing to change: give --scopes, --preset, --rate or --concurrency');
export type ApplicationChangeInput = z.input<typeof ApplicationChange>;

/** The command-line flag of each field, so a refusal says what to type. */
const FLAG_OF: Record<string, string> = { scopes: '--scopes', defaultPreset: '--preset', ratePerMinute: '--rate', concurrency: '--concurrency' };

function parsed<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = (i: z.core.$ZodIssue): string => {
    const field = i.path.join('.');
    const flag = FLAG_OF[String(i.path[0])];
    return field ? `${field}${flag ? ` (${flag})` : ''}: ${i.message}` : i.message;
  };
  throw createError('INVALID_REQUEST', r.error.issues.map(issue).join('; '));
}

interface Row {
  id: number; name: string; key_id: string; salt: string; key_hash: string; scopes: string; default_preset: string;
  rate_per_minute: number; concurrency: number; created_at: string; updated_at: string | null; last_used_at: string | null;
  revoked_at: string | null;
}

/** An authenticated application: what the middleware needs. */
export type AuthenticatedApp = Pick<ApplicationView, 'name' | 'keyId' | 'scopes' | 'defaultPreset' | 'ratePerMinute' | 'concurrency'>;

const view = (r: Row): ApplicationView => ({
  name: r.name, keyId: r.key_id, scopes: JSON.parse(r.scopes) as ApiScope[], defaultPreset: r.default_preset as PresetName,
  ratePerMinute: r.rate_per_minute, concurrency: r.concurrency, createdAt: r.created_at, updatedAt: r.updated_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at,
});

export class AppRegistry {
  readonly db: Database.Database;
  private readonly lastWrite = new Map<string, number>();
  private byKeyId!: Database.Statement<[string], Row>;

  constructor(readonly path: string, opts: { nativeBinding?: string } = {}) {
    try {
      // A fresh machine has no data folder yet: the registry is opened before the library creates it.
      this.db = openSqliteFile(path, APPS_FILE, { nativeBinding: opts.nativeBinding, createFolder: true });
    } catch (e) {
      throw e instanceof LexboneError ? e : createError('APPS_DB_INVALID', path, (e as Error).message);
    }
    this.byKeyId = this.db.prepare('SELECT * FROM applications WHERE key_id = ?');
  }

  /** Registers an application; its key is in the answer only (the registry keeps a salted hash). */
  create(input: NewApplicationInput): CreatedApplication {
    const a = parsed(NewApplication, input);
    const { key, stored } = generateKey();
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM applications WHERE name = ? AND revoked_at IS NULL').get(a.name)) throw createError('APP_EXISTS', a.name);
      const info = this.db
        .prepare(`INSERT INTO applications (name, key_id, salt, key_hash, scopes, default_preset, rate_per_minute, concurrency, created_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(a.name, stored.keyId, stored.salt, stored.hash, JSON.stringify([...new Set(a.scopes)]), a.defaultPreset, a.ratePerMinute, a.concurrency, new Date().toISOString());
      return { application: this.byId(Number(info.lastInsertRowid)), key };
    }).immediate();
  }

  /** Every application, revoked ones too, oldest first. */
  list(): ApplicationView[] {
    return (this.db.prepare('SELECT * FROM applications ORDER BY id').all() as Row[]).map(view);
  }

  /**
   * The application that can call (not revoked) with this name, else with this key id (the public
   * `<id>` of `lxb_<id>_…` that `apps list` prints); APP_NOT_FOUND otherwise.
   */
  private active(nameOrKeyId: string): Row {
    const row = (this.db.prepare('SELECT * FROM applications WHERE name = ? AND revoked_at IS NULL').get(nameOrKeyId) ??
      this.db.prepare('SELECT * FROM applications WHERE key_id = ? AND revoked_at IS NULL').get(nameOrKeyId)) as Row | undefined;
    if (!row) throw createError('APP_NOT_FOUND', nameOrKeyId);
    return row;
  }

  private byId(id: number): ApplicationView {
    return view(this.db.prepare('SELECT * FROM applications WHERE id = ?').get(id) as Row);
  }

  /** Revokes the application's key at once (the next request with it is refused). */
  revoke(nameOrKeyId: string): ApplicationView {
    return this.db.transaction(() => {
      const row = this.active(nameOrKeyId);
      this.db.prepare('UPDATE applications SET revoked_at = ? WHERE id = ?').run(new Date().toISOString(), row.id);
      return this.byId(row.id);
    }).immediate();
  }

  /**
   * Changes an application's scopes, default preset or limits; its key (id, salt, hash) stays. A
   * running service reads the row on every request, so the next request is served by the new settings.
   * Returns the application before and after.
   */
  update(nameOrKeyId: string, change: ApplicationChangeInput): { before: ApplicationView; after: ApplicationView } {
    const c = parsed(ApplicationChange, change);
    return this.db.transaction(() => {
      const row = this.active(nameOrKeyId);
      const before = view(row);
      this.db
        .prepare(`UPDATE applications SET scopes = ?, default_preset = ?, rate_per_minute = ?, concurrency = ?, updated_at = ? WHERE id = ?`)
        .run(
          c.scopes ? JSON.stringify([...new Set(c.scopes)]) : row.scopes,
          c.defaultPreset ?? row.default_preset,
          c.ratePerMinute ?? row.rate_per_minute,
          c.concurrency ?? row.concurrency,
          new Date().toISOString(),
          row.id,
        );
      return { before, after: this.byId(row.id) };
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
