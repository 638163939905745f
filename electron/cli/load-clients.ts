/**
 * Closed-loop load against the HTTP service: each client sends its next search as soon as the
 * previous one is answered, for a fixed time, and the run is summarised as one report (throughput,
 * latency percentiles, HTTP statuses, error codes, degraded answers, the server's own stage timings).
 */
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { percentile } from '../backbone/eval/percentile';

export interface LoadOptions {
  /** The service, e.g. http://127.0.0.1:4870. */
  url: string;
  clients: number;
  seconds: number;
  preset: string;
  /** Query texts, drawn in turn (client i starts at i and steps by the number of clients). */
  queries: readonly string[];
  /** Sent as `authorization: Bearer <key>` when the service requires keys. */
  apiKey?: string;
  /** A request unanswered after this long counts as an error (CLIENT_TIMEOUT). */
  requestTimeoutMs?: number;
}

export interface LoadReport {
  url: string;
  preset: string;
  clients: number;
  seconds: number;
  requests: number;
  throughputQps: number;
  /** Successful answers per second (status 200). */
  okQps: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  /** Requests by HTTP status ("0" = no HTTP answer). */
  status: Record<string, number>;
  /** Failed requests by error code (typed API codes, or NETWORK / CLIENT_TIMEOUT / BAD_RESPONSE). */
  errors: Record<string, number>;
  /** Answers marked degraded (e.g. lexical only while the inference host restarts). */
  degraded: number;
  /** Median of the server's per-stage timings over successful answers. */
  serverStagesP50Ms: { lexical: number; dense: number; rerank: number; took: number };
  /** The five slowest requests: when they were sent (s into the run), how long they took, their status. */
  slowest: { atS: number; ms: number; status: number }[];
  /** Retry-After values seen on 429 answers (seconds), min and max. */
  retryAfterS: { min: number; max: number } | null;
  machine: { cpus: number; loadavgStart: number[]; loadavgEnd: number[] };
}

interface Answer {
  status: number;
  ms: number;
  /** When it was sent, seconds after the run began. */
  atS?: number;
  code: string | null;
  degraded: boolean;
  timings: { lexicalMs: number; denseMs: number; rerankMs: number; tookMs: number } | null;
  retryAfter: number | null;
}


const round1 = (x: number): number => Math.round(x * 10) / 10;

function post(agent: Agent, url: URL, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (a: Omit<Answer, 'ms'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...a, ms: performance.now() - started });
    };
    const fail = (code: string) => done({ status: 0, code, degraded: false, timings: null, retryAfter: null });
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', () => fail('NETWORK'));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const retryAfter = res.headers['retry-after'] !== undefined ? Number(res.headers['retry-after']) : null;
        try {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as
            | { ok: true; value: { degraded: string | null; timings: Answer['timings']; tookMs: number } }
            | { ok: false; error: { code: string } };
          if (json.ok) {
            const t = json.value.timings;
            done({ status, code: null, degraded: json.value.degraded !== null, retryAfter, timings: t && { ...t, tookMs: json.value.tookMs } });
          } else done({ status, code: json.error.code, degraded: false, timings: null, retryAfter });
        } catch {
          done({ status, code: 'BAD_RESPONSE', degraded: false, timings: null, retryAfter });
        }
      });
    });
    req.setTimeout(timeoutMs, () => {
      fail('CLIENT_TIMEOUT');
      req.destroy();
    });
    req.on('error', () => fail('NETWORK'));
    req.end(body);
  });
}

/** Runs the load and summarises it. Resolves when every client's last request has been answered. */
export async function runLoad(opts: LoadOptions): Promise<LoadReport> {
  if (opts.queries.length === 0) throw new Error('no queries to send');
  const agent = new Agent({ keepAlive: true, maxSockets: opts.clients });
  const url = new URL('/api/v1/search', opts.url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  const timeoutMs = opts.requestTimeoutMs ?? 30_000;
  const answers: Answer[] = [];
  const loadavgStart = loadavg();
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;

  const client = async (i: number): Promise<void> => {
    for (let q = i; performance.now() < deadline; q += opts.clients) {
      const body = JSON.stringify({ query: opts.queries[q % opts.queries.length], preset: opts.preset });
      const atS = (performance.now() - started) / 1000;
      const a = await post(agent, url, body, headers, timeoutMs);
      answers.push({ ...a, atS });
      // A refused request (429) waits as long as the server asked, capped, so a client does not spin.
      if (a.status === 429) await new Promise((r) => setTimeout(r, Math.min(1000, (a.retryAfter ?? 0.05) * 1000)));
      else if (a.status === 0) await new Promise((r) => setTimeout(r, 50));
    }
  };
  await Promise.all(Array.from({ length: opts.clients }, (_, i) => client(i)));
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  return summarise(opts, answers, elapsedS, loadavgStart);
}

function summarise(opts: Pick<LoadOptions, 'url' | 'preset' | 'clients'>, answers: readonly Answer[], elapsedS: number, loadavgStart: number[]): LoadReport {
  const ms = answers.map((a) => a.ms).sort((a, b) => a - b);
  const status: Record<string, number> = {};
  const errors: Record<string, number> = {};
  let degraded = 0;
  const retry: number[] = [];
  const stages = { lexical: [] as number[], dense: [] as number[], rerank: [] as number[], took: [] as number[] };
  for (const a of answers) {
    status[a.status] = (status[a.status] ?? 0) + 1;
    if (a.code) errors[a.code] = (errors[a.code] ?? 0) + 1;
    if (a.degraded) degraded++;
    if (a.status === 429 && a.retryAfter !== null && Number.isFinite(a.retryAfter)) retry.push(a.retryAfter);
    if (a.timings) {
      stages.lexical.push(a.timings.lexicalMs);
      stages.dense.push(a.timings.denseMs);
      stages.rerank.push(a.timings.rerankMs);
      stages.took.push(a.timings.tookMs);
    }
  }
  const p50 = (xs: number[]) => percentile(xs, 0.5);
  const ok = status['200'] ?? 0;
  return {
    url: opts.url,
    preset: opts.preset,
    clients: opts.clients,
    seconds: round1(elapsedS),
    requests: answers.length,
    throughputQps: round1(answers.length / elapsedS),
    okQps: round1(ok / elapsedS),
    latencyMs: {
      p50: percentile(ms, 0.5), p95: percentile(ms, 0.95), p99: percentile(ms, 0.99),
      max: round1(ms.at(-1) ?? 0), mean: round1(ms.reduce((s, x) => s + x, 0) / Math.max(1, ms.length)),
    },
    status,
    errors,
    degraded,
    serverStagesP50Ms: { lexical: p50(stages.lexical), dense: p50(stages.dense), rerank: p50(stages.rerank), took: p50(stages.took) },
    slowest: [...answers].sort((a, b) => b.ms - a.ms).slice(0, 5).map((a) => ({ atS: round1(a.atS ?? 0), ms: round1(a.ms), status: a.status })),
    retryAfterS: retry.length ? { min: Math.min(...retry), max: Math.max(...retry) } : null,
    machine: { cpus: cpus().length, loadavgStart: loadavgStart.map((x) => round1(x)), loadavgEnd: loadavg().map((x) => round1(x)) },
  };
}

/** Errors other than the ones a loaded service may legitimately answer (429: try again later). */
export function unexpectedErrors(r: LoadReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [s, n] of Object.entries(r.status)) if (s !== '200' && s !== '429') out[`HTTP ${s}`] = n;
  return out;
}
