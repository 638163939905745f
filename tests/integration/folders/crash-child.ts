/**
 * Child process for folder-crash.test.ts: opens the research file, commits one pin, then dies by
 * SIGKILL in the middle of a transaction that has already written a second pin and a new folder.
 */
import { FolderStore } from '../../../electron/backbone/folders/folder-store';
import { ART_584, ART_585 } from '../../unit/folders/fixtures';

const [path] = process.argv.slice(2);
const s = new FolderStore(path!);
const f = s.createFolder('committed');
s.pin(f.id, ART_584, 'committed note');
s.db.transaction(() => {
  s.pin(f.id, ART_585, 'never committed');
  s.setNote(s.pins(f.id)[0]!.id, 'never committed');
  s.createFolder('never committed');
  process.kill(process.pid, 'SIGKILL');
})();
