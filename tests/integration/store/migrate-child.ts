/**
 * One process opening a test kind of SQLite file whose migration 2 takes a while and counts its
 * runs in a table of its own: started twice at once, the file must be migrated once.
 *   node --import tsx migrate-child.ts <db path>
 */
import { openSqliteFile } from '../../../electron/backbone/store/sqlite-file';
import { slowKind } from './test-kinds';

const db = openSqliteFile(process.argv[2]!, slowKind(1500));
process.stdout.write(JSON.stringify({ version: db.pragma('user_version', { simple: true }) }) + '\n');
db.close();
