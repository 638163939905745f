import type Database from 'better-sqlite3';
import { LexboneError } from '../../../electron/contract/errors';
import type { SqliteFileKind } from '../../../electron/backbone/store/sqlite-file';

const refused = (what: string) => (path: string) => new LexboneError('INVALID_REQUEST', `${what}: ${path}`);

const busyWait = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* hold the write lock like a long migration */ }
};

/** A kind whose migration 2 busy-waits `ms` and records each run; its rebuild records what it was asked for. */
export function slowKind(ms: number, rebuilt: string[][] = []): SqliteFileKind {
  return {
    applicationId: 0x54455354, // "TEST"
    migrations: [
      { version: 1, description: 'runs', up: (db: Database.Database) => db.exec('CREATE TABLE runs (version INTEGER NOT NULL)') },
      {
        version: 2, description: 'slow', rebuilds: ['derived'],
        up: (db: Database.Database) => {
          busyWait(ms);
          db.prepare('INSERT INTO runs VALUES (2)').run();
        },
      },
    ],
    quickCheck: true,
    foreign: refused('foreign'),
    corrupt: (path, detail) => new LexboneError('INVALID_REQUEST', `corrupt: ${path}: ${detail}`),
    tooNew: (path, found, supported) => new LexboneError('INVALID_REQUEST', `too new: ${path} ${found} > ${supported}`),
    rebuild: (_db, what) => void rebuilt.push([...what]),
  };
}
