/**
 * The per-query audit log: one JSON line per search / research / embed / rerank call, appended to
 * `<data folder>/audit/audit-YYYY-MM-DD.jsonl` (a new file each day, by the machine's local date)
 * or to one named file. Lines are queued in memory and written by one background loop, so a request
 * never waits for the disk; `close()` writes whatever is queued (graceful shutdown awaits it). The
 * query text is written only when the firm turns it on.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { httpStatusOf, toApiError, type Result } from '../contract/errors';
import type { ApiMiddleware } from './middleware';
import { applicationOf, budgetOf, degradedOf, INFERENCE_METHODS, queryTextOf, resultCount, type BudgetFacts } from './request-facts';

export interface AuditRecord {
  /** ISO time the request arrived (UTC). */
  time: string;
  application: string;
  /** The backbone version serving (null: none active). */
  version: number | null;
  method: string;
  budget: BudgetFacts | null;
  latencyMs: number;
  status: number;
  /** The error code, or null for an answer. */
  code: string | null;
  results: number | null;
  degraded: string | null;
  /** Only with --audit-queries. */
  query?: string | string[];
}

export interface AuditLogOptions {
  /** A folder: one file per local day (audit-YYYY-MM-DD.jsonl). */
  dir?: string;
  /** One file, never rotated (overrides dir). */
  file?: string;
  /** Write each query's text (off by default: queries can name a client's matter). */
  includeQueries?: boolean;
  /** Lines kept in memory while the disk refuses them, before the oldest are dropped (and counted). */
  maxPending?: number;
}

const localDate = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

export class AuditLog {
  private pending: { file: string; line: string }[] = [];
  private writing: Promise<void> | null = null;
  private readonly madeDirs = new Set<string>();
  /** Lines dropped because the disk kept failing (reported on stderr). */
  dropped = 0;
  written = 0;

  constructor(readonly opts: AuditLogOptions) {
    if (!opts.dir && !opts.file) throw new Error('an audit log needs a folder or a file');
  }

  get includeQueries(): boolean {
    return !!this.opts.includeQueries;
  }

  /** The file a record made at `at` goes to. */
  fileFor(at: Date): string {
    return this.opts.file ?? join(this.opts.dir!, `audit-${localDate(at)}.jsonl`);
  }

  /** Queues one record; returns at once. */
  append(rec: AuditRecord, at = new Date(rec.time)): void {
    this.pending.push({ file: this.fileFor(at), line: JSON.stringify(rec) + '\n' });
    const max = this.opts.maxPending ?? 100_000;
    if (this.pending.length > max) this.dropped += this.pending.splice(0, this.pending.length - max).length;
    this.writing ??= this.writeLoop();
  }

  /**
   * Resolves once every line queued so far is on disk. A line the disk refuses stays queued (in
   * order) and is tried again on the next append or flush; flush tries once more, never spins.
   */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    if (this.pending.length) await (this.writing = this.writeLoop());
  }

  /** Writes what is queued (call on shutdown); says on stderr if the disk refused some of it. */
  async close(): Promise<void> {
    await this.flush();
    if (this.pending.length || this.dropped) {
      process.stderr.write(`warning: ${this.pending.length + this.dropped} audit lines could not be written\n`);
    }
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending;
        this.pending = [];
        // One append per file per batch, in order: a day boundary inside a batch splits it.
        const byFile = new Map<string, string[]>();
        for (const p of batch) (byFile.get(p.file) ?? byFile.set(p.file, []).get(p.file)!).push(p.line);
        const failed: { file: string; line: string }[] = [];
        for (const [file, lines] of byFile) {
          try {
            if (failed.length) throw new Error('an earlier file failed');
            const dir = dirname(file);
            if (!this.madeDirs.has(dir)) {
              await mkdir(dir, { recursive: true });
              this.madeDirs.add(dir);
            }
            await appendFile(file, lines.join(''), 'utf8');
            this.written += lines.length;
          } catch (e) {
            if (!failed.length) process.stderr.write(`warning: audit log ${file}: ${(e as Error).message}; the lines are kept to retry\n`);
            failed.push(...lines.map((line) => ({ file, line })));
          }
        }
        if (failed.length) {
          this.pending.unshift(...failed);
          const max = this.opts.maxPending ?? 100_000;
          if (this.pending.length > max) this.dropped += this.pending.splice(0, this.pending.length - max).length;
          return; // tried again on the next append or flush
        }
      }
    } finally {
      this.writing = null;
    }
  }
}

/** Audits the inference methods' calls; `version` is the backbone version serving. */
export function auditMiddleware(log: AuditLog, version: () => number | null): ApiMiddleware {
  return async (ctx, next) => {
    if (!INFERENCE_METHODS.has(ctx.method)) return next();
    const arrived = new Date(Date.now() - (performance.now() - ctx.startedAt));
    const body = ctx.body;
    let result: Result<unknown>;
    try {
      result = await next();
    } catch (e) {
      result = { ok: false, error: toApiError(e) };
    }
    let served: number | null = null;
    try {
      served = version();
    } catch {
      served = null;
    }
    const rec: AuditRecord = {
      time: arrived.toISOString(),
      application: applicationOf(ctx),
      version: served,
      method: ctx.method,
      budget: budgetOf(ctx.method, body, result),
      latencyMs: Math.round((performance.now() - ctx.startedAt) * 10) / 10,
      status: result.ok ? 200 : httpStatusOf(result.error.code),
      code: result.ok ? null : result.error.code,
      results: resultCount(result),
      degraded: degradedOf(result),
    };
    if (log.includeQueries) {
      const q = queryTextOf(body);
      if (q !== null) rec.query = q;
    }
    log.append(rec, arrived);
    return result;
  };
}
