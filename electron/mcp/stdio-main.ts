/**
 * The stdio MCP server (`npm run mcp`), as an AI assistant starts it:
 *   npm run mcp -- [--db <file>] [--corpus <file|folder>] [--models <dir> …] [--no-models]
 *                  [--embedder <id>] [--reranker <id>] [--native-binding <better_sqlite3.node>]
 * The library and models are the desktop app's (its data folder, LEXBONE_HOME, or --db). stdout
 * carries only the protocol: everything else the process or its inference host writes goes to
 * stderr, which assistants keep as the server's log. Tool calls wait until the library is open
 * and the models are loaded. The desktop app bundles this file (out/main/mcp.js, run by Electron
 * as Node) and shows the exact command on its "Connect an AI assistant" page.
 */
import type { Writable } from 'node:stream';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { createAppService } from '../backbone/app-service';
import { researchKnobs } from '../backbone/research/research-knobs';
import { forkNodeHost } from '../backbone/inference/node-host-channel';
import { BUNDLED_CORPUS, defaultDbPath, userDataDir } from '../backbone/paths';
import { dispatch } from '../contract/dispatch';
import { createMcpServer } from './mcp-server';

// The protocol keeps stdout's own pipe write; every other write to stdout goes to stderr.
const stdout = process.stdout;
const protocolWrite = stdout.write.bind(stdout) as (chunk: string) => boolean;
stdout.write = process.stderr.write.bind(process.stderr) as typeof stdout.write;
/** What the SDK's transport uses of its output stream: write, and once('drain'). */
const protocolOut = { write: protocolWrite, once: stdout.once.bind(stdout) } as unknown as Writable;

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
/** Bundled (out/main/mcp.js) beside the built worker and host; from source, their tsx bootstraps. */
const built = import.meta.url.endsWith('.js');

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    corpus: { type: 'string' },
    models: { type: 'string', multiple: true },
    'no-models': { type: 'boolean', default: false },
    embedder: { type: 'string' },
    reranker: { type: 'string' },
    'native-binding': { type: 'string' },
  },
});

const dbPath = resolve(values.db ?? defaultDbPath());
const service = createAppService({
  dbPath,
  corpusPath: resolve(values.corpus ?? BUNDLED_CORPUS),
  importWorkerPath: built ? here('./import-worker.js') : here('../server/import-worker-tsx.mjs'),
  nativeBinding: values['native-binding'],
  modelDirs: values['no-models'] ? [] : (values.models ?? [here('../../models'), join(userDataDir(), 'models')]).map((d) => resolve(d)),
  spawnInferenceHost: () => forkNodeHost(built ? here('./inference-host.js') : here('../server/inference-host-tsx.mjs'), {}, { stdoutToStderr: true }),
  embedder: values.embedder,
  reranker: values.reranker,
  evaluationPath: null,
  research: researchKnobs(),
});
service.start();
const serving = service.serving();

let assistant: string | null = null;
const call = async (method: Parameters<typeof dispatch>[1], body: unknown, signal?: AbortSignal) => {
  await serving;
  return dispatch(service.handlers, method, body, { signal });
};
const server = createMcpServer(
  { call, poll: call },
  {
    initialized: (client) => {
      assistant = service.assistants.connected({ client: client.name, clientVersion: client.version, transport: 'stdio', app: null });
    },
    toolCalled: () => {
      if (assistant) service.assistants.called(assistant);
    },
  },
);

let closing = false;
async function shutdown(code: number): Promise<void> {
  if (closing) return;
  closing = true;
  if (assistant) service.assistants.disconnected(assistant);
  await service.close().catch(() => undefined);
  process.exit(code);
}
// The assistant closes stdin (or ends the process) to stop the server.
process.stdin.on('end', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));

await server.connect(new StdioServerTransport(process.stdin, protocolOut));
process.stderr.write(`Lexbone MCP server on stdio (library ${dbPath})\n`);
