/**
 * The local HTTP service: the same API as the desktop app, plus the renderer for a browser.
 *   npm run web   -- [--port 4870] [--host 127.0.0.1] [--db <file>] [--corpus <file|folder>] [--static out/renderer]
 *                    [--models <dir> …] [--embedder <id>] [--reranker <id>] [--no-models]
 *                    [--evaluation <report.json> | --no-evaluation] [--import-root <dir> …]
 * Prints `Lexbone listening on http://HOST:PORT` when ready. On first run (empty database) it
 * imports the bundled statutes in the background; the page shows the progress.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createAppService } from '../backbone/app-service';
import { forkNodeHost } from '../backbone/inference/node-host-channel';
import { BUNDLED_CORPUS, defaultDbPath, userDataDir } from '../backbone/paths';
import { createHttpServer } from './http-server';

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
    /** Folders a path import (importStatutes { path }) may read from; none given: any absolute path. */
    'import-root': { type: 'string', multiple: true },
  },
});

const staticDir = resolve(values.static ?? here('../../out/renderer'));
if (!existsSync(staticDir)) process.stderr.write(`warning: ${staticDir} does not exist; run \`npm run build\` for the web page.\n`);

/**
 * Deep-research batches: LEXBONE_RESEARCH_BATCH_SIZE candidates per reranker call, and (test-only,
 * for the e2e tests over the small fixture corpus) a pause of LEXBONE_RESEARCH_BATCH_DELAY_MS after each.
 */
function researchOptions(env: NodeJS.ProcessEnv): { batchSize?: number; batchDelayMs?: number } {
  const int = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) : undefined);
  return { batchSize: int(env.LEXBONE_RESEARCH_BATCH_SIZE) || undefined, batchDelayMs: int(env.LEXBONE_RESEARCH_BATCH_DELAY_MS) };
}

const service = createAppService({
  dbPath: resolve(values.db ?? defaultDbPath()),
  corpusPath: resolve(values.corpus ?? BUNDLED_CORPUS),
  importWorkerPath: here('./import-worker-tsx.mjs'),
  modelDirs: values['no-models'] ? [] : (values.models ?? [here('../../models'), join(userDataDir(), 'models')]).map((d) => resolve(d)),
  spawnInferenceHost: () => forkNodeHost(here('./inference-host-tsx.mjs')),
  embedder: values.embedder,
  reranker: values.reranker,
  evaluationPath: values['no-evaluation'] ? null : values.evaluation !== undefined ? resolve(values.evaluation) : undefined,
  research: researchOptions(process.env),
  importRoots: values['import-root']?.map((d) => resolve(d)) ?? null,
});
service.start();

const server = createHttpServer({ handlers: service.handlers, staticDir });
server.on('error', (e) => {
  process.stderr.write(`error: cannot listen on ${values.host}:${values.port}: ${e.message}\n`);
  process.exit(1);
});
server.listen(Number(values.port), values.host, () => {
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : values.port;
  process.stdout.write(`Lexbone listening on http://${values.host}:${port}\n`);
});

let closing = false;
function shutdown(): void {
  if (closing) return;
  closing = true;
  server.close();
  server.closeIdleConnections?.();
  service.close().finally(() => process.exit(0));
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
