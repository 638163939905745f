import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../electron/contract/errors';
import { API_METHODS, ipcChannel } from '../../../electron/contract/methods';
import { listIndexes } from '../../../electron/backbone/vectors/registry';
import { startDesktopShell, type DesktopShell } from '../../helpers/desktop-shell';
import { waitFor as until } from '../models/wait';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ROOT } from '../../helpers/run-cli';

/**
 * The built desktop shell (out/main) under the electron stand-in: the first-run import in its
 * worker, the inference host as a forked "utilityProcess", the index build, and every API method
 * through the ipcMain handlers the shell registers. One user-data folder throughout, as a
 * user's machine keeps it between launches.
 */
const userData = mkdtempSync(join(tmpdir(), 'lexbone-shell-'));
let shell: DesktopShell | null = null;
afterAll(async () => {
  await shell?.stop();
  rmSync(userData, { recursive: true, force: true, maxRetries: 5 });
});

type Models = {
  index: { state: 'building' | 'ready'; articles: number } | null;
  indexing: { phase: string; done: number; total: number } | null;
  embedder: { id: string } | null;
};
const ok = <T>(r: Result<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const models = async (s: DesktopShell) => ok(await s.invoke<Result<Models>>(ipcChannel('models')));

describe('the desktop shell under the electron stand-in', () => {
  it('imports the bundled statutes on first run, then quits while the index builds without waiting for it', async () => {
    shell = startDesktopShell({ userData });
    const s = shell;
    await until(async () => ((await s.op<string[]>('channels')).includes(ipcChannel('status')) ? true : undefined), 30_000, 'the IPC handlers');
    const windows = await until(async () => {
      const w = await s.op<{ url: string }[]>('windows');
      return w.length ? w : undefined;
    }, 30_000, 'the window');
    expect(windows).toHaveLength(1);
    expect(windows[0]!.url).toMatch(/\/out\/renderer\/index\.html$/);
    await until(async () => {
      const st = ok(await s.invoke<Result<{ state: string; error: unknown }>>(ipcChannel('status')));
      if (st.state === 'error') throw new Error(JSON.stringify(st.error));
      return st.state === 'ready' ? true : undefined;
    }, 120_000, 'the first-run import');
    const building = await until(async () => {
      const m = await models(s);
      return m.indexing?.phase === 'indexing:embed' && m.indexing.done > 0 ? m.indexing : undefined;
    }, 120_000, 'the index build to embed articles');
    expect(building.done).toBeLessThan(building.total);

    await s.op('quit');
    const { code } = await s.exited();
    expect(code).toBe(0);
    shell = null;
    // The exit did not wait for the build: the index is still being built (the next test resumes
    // it). How long the quit takes is measured in tests/perf/desktop-quit.test.ts.
    const db = new Database(join(userData, 'lexbone.db'), { readonly: true });
    try {
      const indexes = listIndexes(db);
      expect(indexes).toHaveLength(1);
      expect(indexes[0]!.state).toBe('building');
      expect(indexes[0]!.articleCount).toBeLessThan(building.total);
    } finally {
      db.close();
    }
  }, 300_000);

  it('the next start finishes the index and serves every API method over IPC', async () => {
    shell = startDesktopShell({ userData });
    const s = shell;
    await until(async () => ((await s.op<string[]>('channels')).includes(ipcChannel('models')) ? true : undefined), 30_000, 'the IPC handlers');
    const ready = await until(async () => {
      const m = await models(s);
      return m.index?.state === 'ready' ? m.index : undefined;
    }, 240_000, 'the index build');
    const stats = ok(await s.invoke<Result<{ articles: { total: number } }>>(ipcChannel('stats')));
    expect(ready.articles).toBe(stats.articles.total); // every article, none half-written

    const channels = await s.op<string[]>('channels');
    for (const m of API_METHODS) expect(channels).toContain(ipcChannel(m));

    const search = ok(await s.invoke<Result<{ hits: { citation: string; reranked: boolean }[]; models: { reranker: string | null } }>>(
      ipcChannel('search'), { query: '用人单位解除劳动合同经济补偿', preset: 'standard' },
    ));
    expect(search.hits.length).toBeGreaterThan(0);
    expect(search.models.reranker).not.toBeNull();
    expect(search.hits.some((h) => h.reranked)).toBe(true);
    const article = ok(await s.invoke<Result<{ label: string; citation: string }>>(ipcChannel('article'), { citation: '民法典第一千零七十九条' }));
    expect(article.label).toBe('第一千零七十九条');

    // A bad request comes back as the contract's error, not a thrown exception.
    const bad = await s.invoke<Result<unknown>>(ipcChannel('search'), { query: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('INVALID_REQUEST');
  }, 360_000);

  it('an AI assistant started with the configuration the app shows searches the same library, and shows as connected', async () => {
    const s = shell!;
    type Connection = { stdio: { command: string; args: string[]; env?: Record<string, string> }; connected: { client: string; transport: string }[] };
    const conn = ok(await s.invoke<Result<Connection>>(ipcChannel('assistantConnection')));
    // The app's own binary run as Node on the bundled server, over the app's library.
    expect(conn.stdio.command).toBe(process.execPath);
    expect(conn.stdio.args[0]).toBe(join(ROOT, 'out', 'main', 'mcp.js'));
    expect(conn.stdio.args.slice(1, 3)).toEqual(['--db', join(userData, 'lexbone.db')]);
    expect(conn.stdio.env).toEqual({ ELECTRON_RUN_AS_NODE: '1' });
    expect(conn.connected).toEqual([]);
    const transport = new StdioClientTransport({ command: conn.stdio.command, args: conn.stdio.args, env: { ...getDefaultEnvironment(), ...conn.stdio.env }, stderr: 'ignore' });
    const client = new Client({ name: 'desktop-assistant', version: '2.0.0' });
    await client.connect(transport);
    try {
      const r = await client.callTool({ name: 'search_statutes', arguments: { query: '民法典第一千零七十九条' } });
      const hits = (r.structuredContent as { hits: { citation: string; inForce: boolean }[] }).hits;
      expect(hits[0]).toMatchObject({ citation: '《中华人民共和国民法典》第一千零七十九条', inForce: true });
      const now = ok(await s.invoke<Result<Connection>>(ipcChannel('assistantConnection')));
      expect(now.connected).toEqual([expect.objectContaining({ client: 'desktop-assistant', transport: 'stdio' })]);
    } finally {
      await client.close();
    }
    // The assistant quits: its server exits and the app no longer lists it.
    await until(async () => {
      const after = ok(await s.invoke<Result<Connection>>(ipcChannel('assistantConnection')));
      return after.connected.length === 0 ? true : undefined;
    }, 15_000, 'the stdio server to exit');
  }, 120_000);

  it('refuses an API call from a page that is not its own renderer', async () => {
    const s = shell!;
    for (const url of ['https://example.com/', 'file:///tmp/other.html', null]) {
      const r = await s.invoke<Result<unknown>>(ipcChannel('laws'), {}, url);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
    expect((await s.invoke<Result<unknown>>(ipcChannel('laws'), {})).ok).toBe(true);
  });

  it('keeps the window on the app: navigation away and new windows refused', async () => {
    const s = shell!;
    expect(await s.op('navigate', { event: 'will-navigate', url: 'https://example.com/' })).toBe(true);
    expect(await s.op('windowOpen', { url: 'https://example.com/' })).toBe('deny');
  });

  it('lets its own pages write to the clipboard and nothing else; other pages get nothing', async () => {
    const s = shell!;
    const [win] = await s.op<{ url: string }[]>('windows');
    const ask = (permission: string, requestingUrl: string) => s.op<{ request: boolean; check: boolean }>('permission', { permission, requestingUrl });
    expect(await ask('clipboard-sanitized-write', `${win!.url}#/eval`)).toEqual({ request: true, check: true });
    expect(await ask('clipboard-sanitized-write', 'https://example.com/')).toEqual({ request: false, check: false });
    expect(await ask('media', win!.url)).toEqual({ request: false, check: false });
    expect(await ask('clipboard-read', win!.url)).toEqual({ request: false, check: false });
  });

  it('sends menu commands to the app window in front, not always to the main one', async () => {
    const s = shell!;
    const [main] = await s.op<{ id: number; url: string }[]>('windows');
    const second = await s.op<number>('openWindow', { url: `${main!.url}#/article/1` });
    await s.op('focus', { window: second });
    await s.op('menuClick', { item: 'import-statutes' });
    await s.op('focus', { window: main!.id });
    await s.op('menuClick', { item: 'page-search' });
    const windows = await s.op<{ id: number; sent: { channel: string; args: unknown[] }[] }[]>('windows');
    const sent = (id: number) => windows.find((w) => w.id === id)!.sent.map((m) => m.args[0]);
    expect(sent(second)).toEqual([{ type: 'import-statutes' }]);
    expect(sent(main!.id)).toEqual([{ type: 'navigate', page: 'search' }]);
  });

  it('opens the documentation in one hardened app window at the help page, not in a program for .md files', async () => {
    const s = shell!;
    type Win = { id: number; url: string; webPreferences: Record<string, unknown> };
    const before = (await s.op<Win[]>('windows')).map((w) => w.id);
    await s.op('menuClick', { item: 'docs' });
    await s.op('menuClick', { item: 'docs' }); // asked again: the same window comes to the front
    const opened = (await s.op<Win[]>('windows')).filter((w) => !before.includes(w.id));
    expect(opened).toHaveLength(1);
    expect(opened[0]!.url).toMatch(/\/out\/renderer\/index\.html#\/help$/);
    expect(opened[0]!.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(opened[0]!.webPreferences.preload).toMatch(/out[\\/]preload[\\/]/);
    expect((await s.op<{ openedPaths: string[] }>('record')).openedPaths.filter((p) => /README/i.test(p))).toEqual([]);
  });
});
