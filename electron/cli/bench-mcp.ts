/**
 * What the stdio MCP server adds to a search: the real `npm run mcp` process over the benchmark's
 * library, called with the SDK's own client one query at a time; per query, the round trip of
 * `search_statutes` less the search's own time (its `tookMs`), as the issue bounds it (≤ 5 ms p95).
 */
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { latencyPercentiles as percentiles } from '../backbone/eval/percentile';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export interface McpStdioBench {
  queries: number;
  preset: string;
  /** The tool call from the client's side. */
  roundTripMs: ReturnType<typeof percentiles>;
  /** The search inside the server (its tookMs). */
  searchMs: ReturnType<typeof percentiles>;
  /** Round trip less search, per query: validation, presentation, JSON and the pipes. */
  overheadMs: ReturnType<typeof percentiles>;
}

export async function benchMcpStdio(dbPath: string, modelDirs: string[], texts: string[], preset = 'standard'): Promise<McpStdioBench> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', here('../mcp/stdio-main.ts'), '--db', dbPath, ...modelDirs.flatMap((d) => ['--models', d])],
    stderr: 'ignore',
  });
  const client = new Client({ name: 'lexbone-bench', version: '1' });
  await client.connect(transport);
  try {
    const call = async (query: string) => {
      const t = performance.now();
      const r = await client.callTool({ name: 'search_statutes', arguments: { query, preset } });
      const ms = performance.now() - t;
      if (r.isError) throw new Error(`search_statutes failed: ${JSON.stringify(r.content)}`);
      return { ms, took: (r.structuredContent as { tookMs: number }).tookMs };
    };
    for (const q of texts.slice(0, 10)) await call(q); // warm-up: models loaded, lexical mirror built
    const round: number[] = [];
    const search: number[] = [];
    const overhead: number[] = [];
    for (const q of texts) {
      const { ms, took } = await call(q);
      round.push(ms);
      search.push(took);
      overhead.push(ms - took);
    }
    return { queries: texts.length, preset, roundTripMs: percentiles(round), searchMs: percentiles(search), overheadMs: percentiles(overhead) };
  } finally {
    await client.close();
  }
}
