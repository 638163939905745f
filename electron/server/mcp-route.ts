/**
 * The MCP server over Streamable HTTP (POST /mcp), stateless: each POST gets a fresh server and
 * transport (no session to keep or lose), answered as JSON or, for a call that reports progress
 * (deep_research), as an event stream. The caller is identified as on the API (mcp-access.ts);
 * every tool call then runs through the service's chain as its contract method (keys and scopes,
 * rate and concurrency limits, the admission queue, the per-request timeout, metrics, the audit
 * log), and connected assistants are recorded for the desktop app's status line.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import type { ApiHandlers } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { toApiError, type ApiErrorShape } from '../contract/errors';
import type { AssistantRegistry } from '../backbone/assistants/assistant-registry';
import { createMcpServer, type McpBackbone } from '../mcp/mcp-server';
import { ContractMcpError } from '../mcp/mcp-errors';
import { MAX_BODY_BYTES, readBody } from './http-server';
import type { McpGuard } from './mcp-access';
import { runChain, type ApiMiddleware, type RequestContext } from './middleware';

export interface McpRouteOptions {
  handlers: ApiHandlers;
  middleware: readonly ApiMiddleware[];
  guard: McpGuard;
  assistants: AssistantRegistry;
  maxBodyBytes?: number;
}

function sendJsonRpcError(res: ServerResponse, status: number, code: number, message: string, data?: ApiErrorShape, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ jsonrpc: '2.0', id: null, error: { code, message, ...(data ? { data } : {}) } });
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

/** JSON-RPC messages of a POST body (one, or a batch). */
const messagesOf = (body: unknown): Record<string, unknown>[] =>
  (Array.isArray(body) ? body : [body]).filter((m): m is Record<string, unknown> => !!m && typeof m === 'object');

export function mcpRoute(opts: McpRouteOptions): RequestListener {
  /** The assistant registry's key per application (null: the local user), from its last handshake. */
  const connections = new Map<string | null, string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      // Stateless: no event stream to open (GET) and no session to end (DELETE).
      return sendJsonRpcError(res, 405, ErrorCode.ConnectionClosed, 'This MCP endpoint is stateless: send JSON-RPC messages with POST.', undefined, { allow: 'POST' });
    }
    const who = opts.guard(req);
    if (who.kind === 'refused') {
      const e = new ContractMcpError(toApiError(who.error));
      req.resume();
      return sendJsonRpcError(res, who.error.code === 'UNAUTHORIZED' ? 401 : 403, e.code, e.message, e.data, who.wwwAuthenticate ? { 'www-authenticate': who.wwwAuthenticate } : {});
    }
    let body: unknown;
    try {
      body = JSON.parse(await readBody(req, opts.maxBodyBytes ?? MAX_BODY_BYTES));
    } catch (e) {
      const error = toApiError(e);
      if (error.code === 'PAYLOAD_TOO_LARGE') return sendJsonRpcError(res, 413, ErrorCode.InvalidRequest, `${error.code}: ${error.message}`, error, { connection: 'close' });
      return sendJsonRpcError(res, 400, ErrorCode.ParseError, `The body is not valid JSON: ${(e as Error).message}`);
    }
    for (const m of messagesOf(body)) {
      if (m.method !== 'initialize') continue;
      const info = (m.params as { clientInfo?: { name?: unknown; version?: unknown } } | undefined)?.clientInfo;
      const client = typeof info?.name === 'string' && info.name ? info.name.slice(0, 100) : 'MCP client';
      const clientVersion = typeof info?.version === 'string' ? info.version.slice(0, 50) : null;
      connections.set(who.app, opts.assistants.connected({ client, clientVersion, transport: 'http', app: who.app }));
    }

    const gone = new AbortController();
    res.on('close', () => gone.abort());
    const backbone: McpBackbone = {
      call: (method, args, signal) => {
        const ctx: RequestContext = {
          method, body: args, req, caller: null, startedAt: performance.now(), signal: signal ? AbortSignal.any([signal, gone.signal]) : gone.signal,
          // Headers of the HTTP answer are the transport's; a refusal's retry hint travels in the error's data.
          setHeader: () => undefined,
        };
        return runChain(opts.middleware, ctx, () => dispatch(opts.handlers, ctx.method, ctx.body, { signal: ctx.signal, caller: ctx.caller?.name }));
      },
      poll: (method, args, signal) => dispatch(opts.handlers, method, args, { signal, caller: who.app ?? undefined }),
    };
    const server = createMcpServer(backbone, {
      toolCalled: () => {
        const key = connections.get(who.app) ?? opts.assistants.connected({ client: 'MCP client', clientVersion: null, transport: 'http', app: who.app });
        connections.set(who.app, key);
        opts.assistants.called(key);
      },
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, body);
  };

  return (req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJsonRpcError(res, 500, ErrorCode.InternalError, (e as Error).message);
      else res.destroy();
    });
  };
}
