import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderStore } from '../../../electron/backbone/folders/folder-store';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('research file after a process crash', () => {
  it('keeps what was committed and nothing of the transaction the process died in', () => {
    const path = join(tempDir(), 'research.db');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'crash-child.ts'), path], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const s = new FolderStore(path);
    expect(s.listFolders().map((f) => [f.name, f.pinCount])).toEqual([['committed', 1]]);
    expect(s.pins(s.listFolders()[0]!.id).map((p) => [p.label, p.note])).toEqual([['第五百八十四条', 'committed note']]);
    s.close();
  }, 60_000);
});
