/**
 * The assistant registry over a real temporary folder: what one process writes another lists,
 * throttled call counts, the HTTP idle window, dead stdio processes, and files it cannot read.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AssistantRegistry, HTTP_IDLE_MS, type AssistantHello } from '../../../electron/backbone/assistants/assistant-registry';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
const T0 = Date.parse('2026-12-06T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** A clock the test moves by hand. */
function clock(start = T0) {
  let t = start;
  return { now: () => t, set: (ms: number) => (t = ms), advance: (ms: number) => (t += ms) };
}

const STDIO: AssistantHello = { client: 'claude-ai', clientVersion: '0.1.0', transport: 'stdio', app: null };
const HTTP: AssistantHello = { client: 'cursor', clientVersion: null, transport: 'http', app: 'firm-rag' };

/** The pid of a process that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.once('exit', r));
  return child.pid!;
}

/** A connection file as another process would have written it. */
function writeEntry(dir: string, name: string, entry: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(entry));
  return file;
}
const entry = (over: Record<string, unknown>) => ({
  client: 'other', clientVersion: null, transport: 'http', app: null, connectedAt: iso(T0), lastCallAt: null, calls: 0, pid: process.pid, ...over,
});

describe('AssistantRegistry', () => {
  it('connected() writes a file that another registry on the same folder lists', () => {
    const dir = join(tempDir(), 'assistants'); // made on first write
    const c = clock();
    const mcp = new AssistantRegistry(dir, c.now);
    const key = mcp.connected(STDIO);
    expect(key).toBe(`stdio-${process.pid}`);
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
    const app = new AssistantRegistry(dir, c.now);
    expect(app.list()).toEqual([
      { client: 'claude-ai', clientVersion: '0.1.0', transport: 'stdio', app: null, connectedAt: iso(T0), lastCallAt: null, calls: 0 },
    ]);
    const httpKey = mcp.connected(HTTP);
    expect(httpKey).toBe('http-firm-rag-cursor');
    expect(app.list().map((a) => [a.client, a.transport, a.app])).toEqual(
      expect.arrayContaining([['claude-ai', 'stdio', null], ['cursor', 'http', 'firm-rag']]),
    );
    expect(app.list()).toHaveLength(2);
  });

  it('the file name keeps to safe characters', () => {
    const dir = tempDir();
    const reg = new AssistantRegistry(dir, clock().now);
    const key = reg.connected({ client: '../../etc/x y', clientVersion: null, transport: 'http', app: 'a/b' });
    expect(key).toBe('http-a_b-.._.._etc_x_y');
    expect(readdirSync(dir)).toEqual([`${key}.json`]);
    expect(reg.list()[0]).toMatchObject({ client: '../../etc/x y', app: 'a/b' });
  });

  describe('called()', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('counts calls and the last call time, written after the call, at most once a second (the last call always)', () => {
      const dir = tempDir();
      const c = clock();
      const mcp = new AssistantRegistry(dir, c.now);
      const other = new AssistantRegistry(dir, c.now);
      const key = mcp.connected(HTTP);
      c.advance(100);
      mcp.called(key);
      c.advance(100);
      mcp.called(key);
      // Within the second of the connection's write: one timer for both calls, nothing on disk yet.
      expect(vi.getTimerCount()).toBe(1);
      expect(other.list()[0]).toMatchObject({ calls: 0, lastCallAt: null });
      vi.advanceTimersByTime(899); // the timer was set at +100 for the rest of the second
      expect(other.list()[0]).toMatchObject({ calls: 0 });
      c.set(T0 + 1000);
      vi.advanceTimersByTime(1);
      expect(other.list()[0]).toMatchObject({ calls: 2, lastCallAt: iso(T0 + 200), connectedAt: iso(T0) });
      expect(vi.getTimerCount()).toBe(0);
      // More than a second after that write: written as soon as the call has returned (a timer of 0, not on the call's path).
      c.set(T0 + 2500);
      mcp.called(key);
      expect(other.list()[0]).toMatchObject({ calls: 2 });
      vi.advanceTimersByTime(0);
      expect(other.list()[0]).toMatchObject({ calls: 3, lastCallAt: iso(T0 + 2500) });
      expect(vi.getTimerCount()).toBe(0);
    });

    it('flush() writes what is pending, and stops the timer', () => {
      const dir = tempDir();
      const c = clock();
      const mcp = new AssistantRegistry(dir, c.now);
      const key = mcp.connected(STDIO);
      c.advance(10);
      mcp.called(key);
      expect(vi.getTimerCount()).toBe(1);
      mcp.flush();
      expect(vi.getTimerCount()).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, `${key}.json`), 'utf8'))).toMatchObject({ calls: 1, lastCallAt: iso(T0 + 10), pid: process.pid });
    });

    it('a call of an unknown or disconnected key is ignored', () => {
      const dir = tempDir();
      const mcp = new AssistantRegistry(dir, clock().now);
      const key = mcp.connected(STDIO);
      mcp.disconnected(key);
      mcp.called(key);
      mcp.called('nope');
      expect(vi.getTimerCount()).toBe(0);
      expect(readdirSync(dir)).toEqual([]);
    });

    it('a pending write does not bring back a connection that ended', () => {
      const dir = tempDir();
      const c = clock();
      const mcp = new AssistantRegistry(dir, c.now);
      const key = mcp.connected(STDIO);
      c.advance(10);
      mcp.called(key);
      mcp.disconnected(key);
      vi.advanceTimersByTime(5000);
      expect(readdirSync(dir)).toEqual([]);
    });
  });

  it('an HTTP connection is listed for 10 minutes after its last call, then not (its file stays)', () => {
    const dir = tempDir();
    const c = clock();
    const mcp = new AssistantRegistry(dir, c.now);
    const key = mcp.connected(HTTP);
    expect(HTTP_IDLE_MS).toBe(600_000);
    c.set(T0 + HTTP_IDLE_MS);
    expect(mcp.list()).toHaveLength(1);
    c.set(T0 + HTTP_IDLE_MS + 1);
    expect(mcp.list()).toEqual([]);
    // A call brings it back: the window counts from the last call.
    mcp.called(key);
    mcp.flush();
    c.advance(HTTP_IDLE_MS);
    expect(new AssistantRegistry(dir, c.now).list()).toMatchObject([{ client: 'cursor', calls: 1 }]);
    c.advance(1);
    expect(new AssistantRegistry(dir, c.now).list()).toEqual([]);
    expect(existsSync(join(dir, `${key}.json`))).toBe(true);
    // A stdio connection has no idle window: listed while its process lives.
    writeEntry(dir, 'stdio-live.json', entry({ transport: 'stdio', client: 'idle-stdio', connectedAt: iso(T0 - 24 * 3600_000) }));
    expect(new AssistantRegistry(dir, c.now).list().map((a) => a.client)).toEqual(['idle-stdio']);
  });

  it('a stdio connection whose process has exited is not listed, and its file is removed', async () => {
    const dir = tempDir();
    const reg = new AssistantRegistry(dir, clock().now);
    const dead = writeEntry(dir, 'stdio-99.json', entry({ transport: 'stdio', client: 'gone', pid: await deadPid() }));
    const alive = writeEntry(dir, 'stdio-1.json', entry({ transport: 'stdio', client: 'here', pid: process.pid }));
    expect(reg.list().map((a) => a.client)).toEqual(['here']);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(alive)).toBe(true);
  });

  it('disconnected() removes the file', () => {
    const dir = tempDir();
    const mcp = new AssistantRegistry(dir, clock().now);
    const key = mcp.connected(STDIO);
    expect(existsSync(join(dir, `${key}.json`))).toBe(true);
    mcp.disconnected(key);
    expect(existsSync(join(dir, `${key}.json`))).toBe(false);
    expect(mcp.list()).toEqual([]);
    mcp.disconnected(key); // twice is fine
  });

  it('a file it cannot read (cut short, empty, not JSON, not an entry) is skipped, not thrown', () => {
    const dir = tempDir();
    const c = clock();
    const reg = new AssistantRegistry(dir, c.now);
    reg.connected(STDIO);
    const full = JSON.stringify(entry({ client: 'half' }));
    writeFileSync(join(dir, 'http-half.json'), full.slice(0, full.length / 2));
    writeFileSync(join(dir, 'http-empty.json'), '');
    writeFileSync(join(dir, 'http-text.json'), 'not json at all');
    writeFileSync(join(dir, 'http-null.json'), 'null');
    writeFileSync(join(dir, 'http-number.json'), '42');
    writeFileSync(join(dir, 'http-empty-object.json'), '{}');
    writeFileSync(join(dir, 'http-no-dates.json'), JSON.stringify({ client: 'x', transport: 'http', calls: 1 }));
    writeFileSync(join(dir, 'notes.txt'), 'not a connection');
    writeFileSync(join(dir, `http-x.json.${process.pid}.tmp`), '{"client":'); // another process mid-write
    writeEntry(dir, 'http-ok.json', entry({ client: 'ok', connectedAt: iso(T0 - 1000) }));
    expect(reg.list().map((a) => a.client)).toEqual(['claude-ai', 'ok']);
  });

  it('a folder that does not exist lists nothing', () => {
    expect(new AssistantRegistry(join(tempDir(), 'never-made'), clock().now).list()).toEqual([]);
  });

  it('lists the most recent first: by the last call, else the connection time', () => {
    const dir = tempDir();
    const reg = new AssistantRegistry(dir, clock(T0 + 60_000).now);
    writeEntry(dir, 'http-a.json', entry({ client: 'a', connectedAt: iso(T0 - 50_000), lastCallAt: iso(T0 - 10_000) }));
    writeEntry(dir, 'http-b.json', entry({ client: 'b', connectedAt: iso(T0 - 5_000) }));
    writeEntry(dir, 'http-c.json', entry({ client: 'c', connectedAt: iso(T0 - 90_000), lastCallAt: iso(T0 + 30_000) }));
    writeEntry(dir, 'stdio-d.json', entry({ client: 'd', transport: 'stdio', connectedAt: iso(T0 - 20_000) }));
    expect(reg.list().map((a) => a.client)).toEqual(['c', 'b', 'a', 'd']);
    expect(reg.list()[0]).not.toHaveProperty('pid');
  });
});
