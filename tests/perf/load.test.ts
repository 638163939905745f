import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, unexpectedErrors, type LoadReport } from '../../electron/cli/load-clients';
import { startOwnServer, type OwnServer } from '../../electron/cli/load-server';
import { LOAD_MIN_QPS } from './thresholds';

/**
 * The load bullet, bounded for CI: the real service (its own inference host, the built-in models)
 * over the bundled statutes imported and indexed from scratch, on loopback, with 32 closed-loop
 * clients on `standard` for LOAD_SECONDS (default 12; `npm run load` runs the full 60 s). Only 200
 * and 429 may come back, no request may hang, every answer is a full hybrid search, and the
 * throughput is at least LOAD_MIN_QPS (thresholds.ts). `npm test` runs it in the performance
 * suite, after the functional one (a throughput measured beside them measures them too); a run
 * below the bar is still measured once more before it fails, and both figures are printed (see the
 * README's Measuring section for the quiet-machine run).
 */
// The STARD train questions shipped with the project (MIT licence beside them), as `npm run load` reads them.
const STARD = join(import.meta.dirname, '..', '..', 'resources', 'evaluation', 'stard', 'queries.train.json');
const SECONDS = Number(process.env.LOAD_SECONDS ?? 12);
const MIN_QPS = LOAD_MIN_QPS;
let own: OwnServer;
let queries: string[];
let report: LoadReport;

beforeAll(async () => {
  own = await startOwnServer({ readyTimeoutMs: 240_000 });
  queries = (JSON.parse(readFileSync(STARD, 'utf8')) as { 问题: string }[]).map((q) => q['问题']);
  // Warm-up (JIT, page cache), then the measured run.
  await runLoad({ url: own.url, clients: 32, seconds: 2, preset: 'standard', queries: queries.slice().reverse() });
  const measure = async () => {
    report = await runLoad({ url: own.url, clients: 32, seconds: SECONDS, preset: 'standard', queries, requestTimeoutMs: 20_000 });
    console.log(`load (${queries.length} STARD train questions):`, JSON.stringify(report));
  };
  await measure();
  if (report.okQps < MIN_QPS && Object.keys(unexpectedErrors(report)).length === 0) {
    console.log(`load: ${report.okQps} q/s is below ${MIN_QPS}; measuring once more (other work may share the CPUs)`);
    await measure();
  }
}, 480_000);

afterAll(async () => {
  await own?.stop();
});

describe(`32 clients × ${SECONDS} s on standard against the real service`, () => {
  it('gets only 200 or 429 answers, and no request hangs', () => {
    expect(report.requests).toBeGreaterThan(0);
    expect(unexpectedErrors(report)).toEqual({});
    expect(report.errors.CLIENT_TIMEOUT ?? 0).toBe(0);
    expect(report.errors.NETWORK ?? 0).toBe(0);
    expect(report.latencyMs.max).toBeLessThan(20_000);
  });

  it('answers with full hybrid searches (nothing degraded) and reports p50/p95/p99', () => {
    expect(report.status['200']).toBeGreaterThan(0);
    expect(report.degraded).toBe(0);
    expect(report.latencyMs.p95).toBeGreaterThan(0);
    expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);
    expect(report.latencyMs.p99).toBeGreaterThanOrEqual(report.latencyMs.p95);
    expect(report.serverStagesP50Ms.dense).toBeGreaterThan(0);
    expect(report.serverStagesP50Ms.rerank).toBeGreaterThan(0);
  });

  it(`answers at least ${MIN_QPS} searches a second`, () => {
    expect(report.okQps).toBeGreaterThanOrEqual(MIN_QPS);
  });
});
