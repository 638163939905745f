/**
 * A library database that is damaged the way a disk fault damages one: the fixture corpus imported
 * and checkpointed, the SQLite header kept, 64 KB of pages after it overwritten with garbage.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Library } from '../../electron/backbone/library';
import { FIXTURE_CORPUS } from './temp';

export function writeDamagedLibrary(file: string): void {
  const lib = new Library(file);
  lib.import(FIXTURE_CORPUS);
  lib.db.pragma('wal_checkpoint(TRUNCATE)');
  lib.close();
  const fd = openSync(file, 'r+');
  const garbage = Buffer.alloc(64 * 1024, 0x5a);
  writeSync(fd, garbage, 0, garbage.length, 4096);
  closeSync(fd);
}
