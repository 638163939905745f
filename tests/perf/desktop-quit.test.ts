import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../electron/contract/errors';
import { ipcChannel } from '../../electron/contract/methods';
import { startDesktopShell, type DesktopShell } from '../helpers/desktop-shell';
import { runCli } from '../helpers/run-cli';
import { BUNDLED_CORPUS } from '../helpers/temp';
import { waitFor as until } from '../integration/models/wait';
import { QUIT_MAX_MS } from './thresholds';

/**
 * How long the desktop app takes to quit while it builds its index: the built shell under the
 * electron stand-in (tests/helpers/desktop-shell.ts) over the bundled statutes, imported through
 * the CLI into its user-data folder, quit once the index build is embedding articles.
 * tests/integration/shell/desktop-shell.test.ts proves that the quit does not wait for the build
 * and that the next start resumes it; this file measures the time.
 */
const userData = mkdtempSync(join(tmpdir(), 'lexbone-quit-'));
let shell: DesktopShell | null = null;
afterAll(async () => {
  await shell?.stop();
  rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
});

type Indexing = { phase: string; done: number; total: number } | null;

describe('quitting the desktop app', () => {
  it(`takes under ${QUIT_MAX_MS} ms while the index builds`, async () => {
    const imported = runCli(['import', BUNDLED_CORPUS, '--db', join(userData, 'lexbone.db'), '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    shell = startDesktopShell({ userData });
    const s = shell;
    await until(async () => ((await s.op<string[]>('channels')).includes(ipcChannel('models')) ? true : undefined), 30_000, 'the IPC handlers');
    const building = await until(async () => {
      const r = await s.invoke<Result<{ indexing: Indexing }>>(ipcChannel('models'));
      const i = r.ok ? r.value.indexing : null;
      return i?.phase === 'indexing:embed' && i.done > 0 ? i : undefined;
    }, 120_000, 'the index build to embed articles');
    expect(building.done).toBeLessThan(building.total);
    await s.op('quit');
    const { code, ms } = await s.exited();
    shell = null;
    expect(code).toBe(0);
    console.log(`desktop app: quit while indexing (${building.done} of ${building.total} articles embedded) took ${Math.round(ms)} ms (bar ${QUIT_MAX_MS} ms)`);
    expect(ms).toBeLessThan(QUIT_MAX_MS);
  }, 300_000);
});
