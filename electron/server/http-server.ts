import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { ApiHandlers } from '../contract/api';
import { dispatch } from '../contract/dispatch';
import { createError, httpStatusOf, isLexboneError, retryAfterOf, toApiError, type ApiErrorShape, type Result } from '../contract/errors';
import { CONTENT_SECURITY_POLICY } from '../contract/csp';
import { HTTP_PREFIX } from '../contract/methods';
import { said } from '../contract/said';
import { runChain, type ApiMiddleware, type RequestContext } from './middleware';
import { openApiDocument, OPENAPI_ROUTE } from './openapi';
import { serveStatic } from './static-files';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Where the MCP server answers over Streamable HTTP. */
export const MCP_ROUTE = '/mcp';
/** Refuses invalid bytes rather than turning them into U+FFFD (a query would silently change). */
const UTF8 = new TextDecoder('utf-8', { fatal: true });


export interface HttpServerOptions {
  handlers: ApiHandlers;
  /** Folder of the built renderer; omit to serve the API only. */
  staticDir?: string;
  /** Runs around every API call, in order (keys, limits, queue, metrics, audit): see middleware.ts. */
  middleware?: ApiMiddleware[];
  /** Largest request body accepted (default MAX_BODY_BYTES; --max-body-bytes). */
  maxBodyBytes?: number;
  /** Serve HTTPS with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer };
  /** Plain GET routes outside the API (/healthz, /readyz, /metrics): exact path → handler. */
  routes?: Record<string, RouteHandler>;
  /** The MCP endpoint (POST /mcp, Streamable HTTP): see mcp-route.ts. */
  mcp?: RequestListener;
}

/** What a plain route answers (not the API's {ok, value} envelope). */
export interface RouteAnswer {
  status: number;
  contentType: string;
  body: string;
  /** More response headers (e.g. WWW-Authenticate on a refused scrape). */
  headers?: Record<string, string>;
}
export type RouteHandler = (req: IncomingMessage) => RouteAnswer | Promise<RouteAnswer>;

function sendRoute(res: ServerResponse, answer: RouteAnswer): void {
  res.writeHead(answer.status, {
    ...answer.headers,
    'content-type': answer.contentType, 'content-length': Buffer.byteLength(answer.body), 'cache-control': 'no-store',
  });
  res.end(answer.body);
}

/** A declared body over the limit but under this is drained before the 413 (larger: refused at once). */
const DRAIN_MAX_BYTES = 32 * 1024 * 1024;

/**
 * Reads a request body up to `limit` bytes. A body over the limit is drained (not buffered), then
 * refused, so the client always gets its 413 instead of a reset connection: answering while the
 * client is still sending makes the closed socket fail its writes (EPIPE) before it reads the
 * answer. Only a declared Content-Length over DRAIN_MAX_BYTES is refused at once.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const tooLarge = () => createError('PAYLOAD_TOO_LARGE', Math.round(limit / 1024));
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > DRAIN_MAX_BYTES) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => {
      if (size > limit) return reject(tooLarge());
      try {
        resolve(UTF8.decode(Buffer.concat(chunks)));
      } catch {
        reject(createError('INVALID_REQUEST', 'the body is not valid UTF-8. Send the JSON encoded as UTF-8.'));
      }
    });
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: ApiErrorShape): void {
  // After refusing an oversized body, do not keep the connection for more of it.
  if (error.code === 'PAYLOAD_TOO_LARGE') res.setHeader('connection', 'close');
  // A passing condition (the inference host restarting): say when to try again, unless a middleware did.
  const retryAfter = retryAfterOf(error.code);
  if (retryAfter !== null && !res.hasHeader('retry-after')) res.setHeader('retry-after', String(retryAfter));
  sendJson(res, httpStatusOf(error.code), { ok: false, error } satisfies Result<never>);
}

async function handleApi(opts: HttpServerOptions, req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
  if (req.method !== 'POST') return sendError(res, toApiError(createError('METHOD_NOT_ALLOWED', req.method ?? '?')));
  let body: unknown;
  try {
    const text = await readBody(req, opts.maxBodyBytes ?? MAX_BODY_BYTES);
    body = text.trim() === '' ? {} : JSON.parse(text);
  } catch (e) {
    // Any JSON.parse failure (a syntax error, or nesting too deep for the parser) is the caller's.
    const err = isLexboneError(e) ? e : createError('INVALID_REQUEST', `the body is not valid JSON (${(e as Error).message}).`);
    return sendError(res, toApiError(err));
  }
  const aborted = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) aborted.abort();
  });
  const ctx: RequestContext = {
    method, body, req, caller: null, startedAt: performance.now(), signal: aborted.signal,
    setHeader: (name, value) => res.setHeader(name, value),
  };
  const result = await runChain(opts.middleware ?? [], ctx, () => dispatch(opts.handlers, ctx.method, ctx.body, { signal: ctx.signal, caller: ctx.caller?.name }));
  if (res.destroyed) return;
  if (result.ok) sendJson(res, 200, result);
  else sendError(res, result.error);
}

/** The HTTP transport: POST /api/v1/<method> with a JSON body, and the renderer's files. */
export function createHttpServer(opts: HttpServerOptions): Server {
  const listener: RequestListener = (req, res) => {
    res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    const url = req.url ?? '/';
    if (url.split('?')[0] === OPENAPI_ROUTE && (req.method === 'GET' || req.method === 'HEAD')) return sendJson(res, 200, openApiDocument());
    if (opts.mcp && url.split('?')[0] === MCP_ROUTE) return opts.mcp(req, res);
    const route = opts.routes?.[url.split('?')[0]!];
    if (route && (req.method === 'GET' || req.method === 'HEAD')) {
      Promise.resolve(route(req)).then(
        (answer) => sendRoute(res, answer),
        (e: unknown) => sendError(res, toApiError(e)),
      );
      return;
    }
    if (url.startsWith(HTTP_PREFIX)) {
      const method = url.slice(HTTP_PREFIX.length).split('?')[0]!;
      handleApi(opts, req, res, method).catch((e: unknown) => {
        if (!res.headersSent) sendError(res, toApiError(e));
        else res.destroy();
      });
      return;
    }
    if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(opts.staticDir, url, res);
    sendError(res, toApiError(createError('NOT_FOUND', said(url, url))));
  };
  return opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, listener) : createServer(listener);
}
