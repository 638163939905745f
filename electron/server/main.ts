/**
 * The local HTTP service: the same API as the desktop app, plus the renderer for a browser.
 *   npm run web   -- [--port 4870] [--host 127.0.0.1] [--db <file>] [--corpus <file|folder>] [--static out/renderer]
 *                    [--models <dir> …] [--embedder <id>] [--reranker <id>] [--no-models]
 *                    [--evaluation <report.json> | --no-evaluation] [--import-root <dir> …]
 *                    [--allow-lan] [--require-keys] [--apps-db <file>] [--tls-cert <pem> --tls-key <pem>] [--max-body-bytes N]
 *                    [--max-inflight 16] [--max-queue 64] [--request-timeout-ms 30000] [--drain-timeout-ms 15000]
 *                    [--audit-log <file> | --no-audit] [--audit-queries]
 * Prints `Lexbone listening on http://HOST:PORT` when ready. On first run (empty database) it
 * imports the bundled statutes in the background; the page shows the progress. SIGTERM / SIGINT
 * shut it down gracefully: new requests are refused, those running or queued finish, the audit
 * log is written, then it exits 0.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppService } from '../backbone/app-service';
import { researchKnobs } from '../backbone/research/research-knobs';
import { forkNodeHost } from '../backbone/inference/node-host-channel';
import { BUNDLED_CORPUS, defaultDbPath, userDataDir } from '../backbone/paths';
import { isLexboneError } from '../contract/errors';
import { accessSetup, ACCESS_FLAGS, type AccessSetup } from './access-setup';
import { createHttpServer, MCP_ROUTE } from './http-server';
import { mcpRoute } from './mcp-route';
import { createServiceOps, opsLimits } from './service-ops';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '4870' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    corpus: { type: 'string' },
    static: { type: 'string' },
    models: { type: 'string', multiple: true },
    embedder: { type: 'string' },
    reranker: { type: 'string' },
    'no-models': { type: 'boolean', default: false },
    /** The evaluation report the evaluation page shows (default: resources/evaluation/report.json). */
    evaluation: { type: 'string' },
    'no-evaluation': { type: 'boolean', default: false },
    ...ACCESS_FLAGS,
    /** Backpressure: inference requests running at once, waiting at most; the time limit per request (0: none). */
    'max-inflight': { type: 'string' },
    'max-queue': { type: 'string' },
    'request-timeout-ms': { type: 'string' },
    /** How long a shutdown waits for the requests in progress. */
    'drain-timeout-ms': { type: 'string' },
    /** The audit log: one file (default: <data folder>/audit/audit-YYYY-MM-DD.jsonl), none, or with query texts. */
    'audit-log': { type: 'string' },
    'no-audit': { type: 'boolean', default: false },
    'audit-queries': { type: 'boolean', default: false },
    /** Folders a path import (importStatutes { path }) may read from; none given: any absolute path. */
    'import-root': { type: 'string', multiple: true },
  },
});

// Every flag is checked before anything is opened.
let limits: ReturnType<typeof opsLimits>;
try {
  limits = opsLimits(values);
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exit(2);
}

const dbPath = resolve(values.db ?? defaultDbPath());
/** Keys, scopes, limits, LAN binding and TLS (access-setup.ts): a refused setting stops here, before anything is opened. */
let access: AccessSetup;
try {
  access = accessSetup(values, dbPath);
} catch (e) {
  process.stderr.write(`error${isLexboneError(e) ? ` [${e.code}]` : ''}: ${(e as Error).message}\n`);
  process.exit(2);
}
for (const note of access.notes) process.stderr.write(note + '\n');


const staticDir = resolve(values.static ?? here('../../out/renderer'));
if (!existsSync(staticDir)) process.stderr.write(`warning: ${staticDir} does not exist; run \`npm run build\` for the web page.\n`);

/** The service's base URL once it listens (the "Connect an AI assistant" page shows its MCP endpoint). */
let listeningAt: string | null = null;
const service = createAppService({
  dbPath,
  corpusPath: resolve(values.corpus ?? BUNDLED_CORPUS),
  importWorkerPath: here('./import-worker-tsx.mjs'),
  modelDirs: values['no-models'] ? [] : (values.models ?? [here('../../models'), join(userDataDir(), 'models')]).map((d) => resolve(d)),
  spawnInferenceHost: () => forkNodeHost(here('./inference-host-tsx.mjs')),
  embedder: values.embedder,
  reranker: values.reranker,
  evaluationPath: values['no-evaluation'] ? null : values.evaluation !== undefined ? resolve(values.evaluation) : undefined,
  research: researchKnobs(),
  // Test-only (e2e over the small fixture corpus): a wait after each A/B preparation search, so a cancel can be seen.
  ab: { searchDelayMs: Number(process.env.LEXBONE_AB_SEARCH_DELAY_MS) || undefined },
  importRoots: values['import-root']?.map((d) => resolve(d)) ?? null,
  assistant: { httpUrl: () => listeningAt && `${listeningAt}${MCP_ROUTE}` },
});
service.start();

const testDelay = Number(process.env.LEXBONE_TEST_HANDLER_DELAY_MS ?? 0);
const ops = createServiceOps({
  ...limits,
  health: () => service.health(),
  metricsAccess: access.metricsAccess,
  audit: values['no-audit']
    ? null
    : { ...(values['audit-log'] ? { file: resolve(values['audit-log']) } : { dir: join(dirname(dbPath), 'audit') }), includeQueries: values['audit-queries'] },
  handlerDelayMs: Number.isFinite(testDelay) && testDelay > 0 ? testDelay : undefined,
});
// Metrics, shutdown gate and audit outermost (they see refusals too), then keys and limits, then timeout and queue.
const middleware = ops.middleware(access.middleware);
const server = createHttpServer({
  handlers: service.handlers, staticDir, middleware, routes: ops.routes,
  tls: access.tls ?? undefined, maxBodyBytes: access.maxBodyBytes,
  // The MCP tools call the same methods through the same chain.
  mcp: mcpRoute({ handlers: service.handlers, middleware, guard: access.mcpAccess, assistants: service.assistants, maxBodyBytes: access.maxBodyBytes }),
});
server.on('error', (e) => {
  process.stderr.write(`error: cannot listen on ${values.host}:${values.port}: ${e.message}\n`);
  process.exit(1);
});
server.listen(Number(values.port), values.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : values.port;
  listeningAt = `${access.tls ? 'https' : 'http'}://${values.host}:${port}`;
  process.stdout.write(`Lexbone listening on ${listeningAt}${access.requireKeys ? ' (API keys required)' : ''}\n`);
});

let closing = false;
function shutdown(signal: string): void {
  if (closing) return;
  closing = true;
  const inProgress = ops.gate.inProgress;
  process.stdout.write(`Lexbone shutting down (${signal}): finishing ${inProgress} request${inProgress === 1 ? '' : 's'}\n`);
  ops
    .shutdown(server, () => service.close(), limits.drainTimeoutMs)
    .then(
      (drained) => {
        process.stdout.write(drained ? 'Lexbone stopped\n' : `Lexbone stopped: ${ops.gate.inProgress} requests did not finish within ${limits.drainTimeoutMs} ms\n`);
        access.close();
        process.exit(0);
      },
      (e: unknown) => {
        process.stderr.write(`error: shutdown failed: ${(e as Error).message}\n`);
        process.exit(1);
      },
    );
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
