/**
 * Which AI assistants are connected to a library (the desktop app's "Connect an AI assistant"
 * page). Every MCP server — a stdio process an assistant started, or the shared service's HTTP
 * endpoint — writes one small JSON file per connection in `<data folder>/assistants/`, so a
 * process can see the others' connections. A stdio connection lasts while its process lives; an
 * HTTP one (stateless: no session to end) while it has called within HTTP_IDLE_MS.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectedAssistant } from '../../contract/assistant-types';

export const HTTP_IDLE_MS = 10 * 60_000;
/** At most one write per connection in this time (a burst of calls updates the file once). */
const WRITE_EVERY_MS = 1000;

interface Entry extends ConnectedAssistant {
  pid: number;
}

export interface AssistantHello {
  client: string;
  clientVersion: string | null;
  transport: ConnectedAssistant['transport'];
  app: string | null;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** What list() reads before it trusts a file: an object with a transport and dates it can compare. */
function isEntry(e: unknown): e is Entry {
  const x = e as Partial<Entry> | null;
  return typeof x === 'object' && x !== null && (x.transport === 'stdio' || x.transport === 'http')
    && typeof x.connectedAt === 'string' && (x.lastCallAt == null || typeof x.lastCallAt === 'string');
}

/** A file name for a connection: stdio by process, HTTP by application and client (one file each). */
function fileKey(hello: AssistantHello): string {
  const safe = (s: string) => s.replace(/[^\w.-]/g, '_').slice(0, 60);
  return hello.transport === 'stdio' ? `stdio-${process.pid}` : `http-${safe(hello.app ?? 'local')}-${safe(hello.client)}`;
}

export class AssistantRegistry {
  private readonly entries = new Map<string, { entry: Entry; writtenAt: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** An assistant finished the MCP handshake; answers the key its calls are counted under. */
  connected(hello: AssistantHello): string {
    const key = fileKey(hello);
    const at = new Date(this.now()).toISOString();
    const entry: Entry = { ...hello, connectedAt: at, lastCallAt: null, calls: 0, pid: process.pid };
    this.cancelTimer(key);
    this.entries.set(key, { entry, writtenAt: 0, timer: null });
    this.write(key);
    return key;
  }

  /**
   * A tool call of that connection: written after the call's answer (a timer, never on the call's
   * path), at most once a second, the last one always.
   */
  called(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    e.entry.calls++;
    e.entry.lastCallAt = new Date(this.now()).toISOString();
    e.timer ??= setTimeout(() => this.write(key), Math.max(0, e.writtenAt + WRITE_EVERY_MS - this.now())).unref();
  }

  /** The connection ended (the stdio process exits): its file goes. */
  disconnected(key: string): void {
    this.cancelTimer(key);
    this.entries.delete(key);
    rmSync(join(this.dir, `${key}.json`), { force: true });
  }

  /** Connected assistants of every process, most recent first; stale files (a dead process) are removed. */
  list(): ConnectedAssistant[] {
    let names: string[];
    try {
      names = readdirSync(this.dir).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
    const out: ConnectedAssistant[] = [];
    for (const name of names) {
      let e: unknown;
      try {
        e = JSON.parse(readFileSync(join(this.dir, name), 'utf8'));
      } catch {
        continue; // another process is replacing it (atomic rename: read it next time)
      }
      if (!isEntry(e)) continue; // JSON but not a connection (damaged, or hand-edited): one bad file must not fail the list
      if (e.transport === 'stdio' && !alive(e.pid)) {
        rmSync(join(this.dir, name), { force: true });
        continue;
      }
      const last = Date.parse(e.lastCallAt ?? e.connectedAt);
      if (e.transport === 'http' && this.now() - last > HTTP_IDLE_MS) continue;
      const { pid: _pid, ...view } = e;
      out.push(view);
    }
    return out.sort((a, b) => (b.lastCallAt ?? b.connectedAt).localeCompare(a.lastCallAt ?? a.connectedAt));
  }

  /** Writes what is pending (a process about to exit). */
  flush(): void {
    for (const [key, e] of this.entries) if (e.timer) this.write(key);
  }

  private cancelTimer(key: string): void {
    const e = this.entries.get(key);
    if (e?.timer) clearTimeout(e.timer);
    if (e) e.timer = null;
  }

  private write(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    this.cancelTimer(key);
    e.writtenAt = this.now();
    const file = join(this.dir, `${key}.json`);
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      // Renamed into place (a reader never sees half a file); not flushed to disk: a status, not data.
      mkdirSync(this.dir, { recursive: true });
      writeFileSync(tmp, JSON.stringify(e.entry));
      renameSync(tmp, file);
    } catch {
      // The status line is a convenience: a read-only data folder must not fail a tool call.
    }
  }
}
