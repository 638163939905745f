/**
 * What the stdio MCP server adds to a search: the real `npm run mcp` process over the benchmark's
 * library, called with the SDK's own client (in a process of its own: bench-mcp-client.ts) one query
 * at a time; per query, the round trip of `search_statutes` less the search's own time (its
 * `tookMs`), as the issue bounds it (≤ 5 ms p95).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
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
  const tsx = ['--import', 'tsx'];
  const job = {
    command: process.execPath,
    args: [...tsx, here('../mcp/stdio-main.ts'), '--db', dbPath, ...modelDirs.flatMap((d) => ['--models', d])],
    texts,
    preset,
  };
  const { stdout } = await promisify(execFile)(process.execPath, [...tsx, here('./bench-mcp-client.ts'), JSON.stringify(job)], { maxBuffer: 64 * 1024 * 1024 });
  const calls = JSON.parse(stdout) as { ms: number; took: number }[];
  return {
    queries: calls.length, preset,
    roundTripMs: percentiles(calls.map((c) => c.ms)),
    searchMs: percentiles(calls.map((c) => c.took)),
    overheadMs: percentiles(calls.map((c) => c.ms - c.took)),
  };
}
