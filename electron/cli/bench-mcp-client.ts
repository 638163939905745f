/**
 * The client side of `bench-mcp.ts`, in a process of its own (as an assistant's MCP client is: its
 * garbage collections are not the benchmark's, whose heap holds a whole library). Reads its job as
 * JSON from argv[2], starts the stdio server with the SDK's client, times the calls and prints one
 * JSON object: per call the round trip and the search's own time (`tookMs`).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

interface Job {
  command: string;
  args: string[];
  texts: string[];
  preset: string;
}

const job = JSON.parse(process.argv[2]!) as Job;
const transport = new StdioClientTransport({ command: job.command, args: job.args, stderr: 'ignore' });
const client = new Client({ name: 'lexbone-bench', version: '1' });
await client.connect(transport);
try {
  const call = async (query: string) => {
    const t = performance.now();
    const r = await client.callTool({ name: 'search_statutes', arguments: { query, preset: job.preset } });
    const ms = performance.now() - t;
    if (r.isError) throw new Error(`search_statutes failed: ${JSON.stringify(r.content)}`);
    return { ms, took: (r.structuredContent as { tookMs: number }).tookMs };
  };
  for (const q of job.texts.slice(0, 10)) await call(q); // warm-up: models loaded, lexical mirror built
  const calls: { ms: number; took: number }[] = [];
  for (const q of job.texts) calls.push(await call(q));
  process.stdout.write(JSON.stringify(calls));
} finally {
  await client.close();
}
