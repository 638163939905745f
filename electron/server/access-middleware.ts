/**
 * Who may call what, and how much: authenticate → scope → per-key rate limit → per-key
 * concurrency limit → the application's default preset. Four middleware for the chain in
 * http-server.ts, in that order (see DESIGN.md).
 *
 * Without `requireKeys` (loopback, the default) a request with no key is the local user: every
 * method, no limits (the browser UI) — when it names a loopback Host and comes from no other web
 * origin (local-user-guard.ts). A request that carries a key is always checked, so a wrong
 * or revoked key is refused even there. With `requireKeys` (--require-keys, or --allow-lan) every
 * API request needs a valid key. Scopes, preset and limits come from the application's row, read on
 * every request, so `apps update` and `apps revoke` reach a running service at its next request.
 */
import { METHOD_ACCESS, scopeFor } from '../contract/method-access';
import type { IncomingHttpHeaders } from 'node:http';
import { createError, toApiError, type LexboneError, type Result } from '../contract/errors';
import { isApiMethod } from '../contract/dispatch';
import type { AppRegistry, AuthenticatedApp } from './app-registry';
import { keyFromHeaders } from './api-keys';
import { localUserRefusal } from './local-user-guard';
import type { ApiMiddleware, RequestContext } from './middleware';
import { TokenBucket } from './token-bucket';
import { said } from '../contract/said';

export interface AccessOptions {
  /** The applications; null: no registry (then only the local user, and only without requireKeys). */
  registry: AppRegistry | null;
  requireKeys: boolean;
  /** Clock for the rate limit (tests). */
  now?: () => number;
}

const refuse = (e: Parameters<typeof toApiError>[0]): Result<never> => ({ ok: false, error: toApiError(e) });

/**
 * Who a request's key says it is. `none`: no key, and keys are optional (the caller decides what a
 * keyless request may do); `app`: a valid key; `refused`: no key where keys are required, or a key
 * that is wrong, malformed or revoked (refused even where keys are optional), with the
 * WWW-Authenticate header to send. Shared by the API chain and GET /metrics (metrics-access.ts).
 */
export type KeyIdentity =
  | { kind: 'none' }
  | { kind: 'app'; app: AuthenticatedApp }
  | { kind: 'refused'; error: LexboneError; wwwAuthenticate: string };

export function identifyKey(headers: IncomingHttpHeaders, opts: AccessOptions, now: number): KeyIdentity {
  const key = keyFromHeaders(headers);
  if (key === null) {
    if (!opts.requireKeys) return { kind: 'none' };
    return { kind: 'refused', wwwAuthenticate: 'Bearer realm="lexbone"', error: createError('UNAUTHORIZED', said('This service requires an API key and the request has none.', '此服务需要密钥，而该请求没有提供。')) };
  }
  const app = opts.registry?.authenticate(key, now) ?? null;
  if (!app) {
    return {
      kind: 'refused',
      wwwAuthenticate: 'Bearer realm="lexbone", error="invalid_token"',
      error: createError('UNAUTHORIZED', said('The API key is not valid: it is mistyped, unknown or revoked.', '密钥无效：输入有误、未知或已被吊销。')),
    };
  }
  return { kind: 'app', app };
}

/**
 * Who is calling, for the API chain and the MCP endpoint: the local user (no key where keys are
 * optional, and no other web page or rebound host name speaking for them), a keyed application, or
 * a refusal (with the WWW-Authenticate header to send, for a key problem).
 */
export type Caller =
  | { kind: 'local' }
  | { kind: 'app'; app: AuthenticatedApp }
  | { kind: 'refused'; error: LexboneError; wwwAuthenticate?: string };

export function identifyCaller(headers: IncomingHttpHeaders, opts: AccessOptions, now: number): Caller {
  const who = identifyKey(headers, opts, now);
  if (who.kind !== 'none') return who;
  const refusal = localUserRefusal(headers);
  return refusal ? { kind: 'refused', error: createError('FORBIDDEN', said('This request', '该请求'), refusal) } : { kind: 'local' };
}

/** Why an application may not do `what`, and the command that grants the missing scope. */
export function missingScope(what: string, app: Pick<AuthenticatedApp, 'name' | 'scopes'>, needed: string): string {
  const scopes = [...new Set([...app.scopes, needed])].join(',');
  return `${what} needs the ${needed} scope and the application has ${app.scopes.join(', ')}; give it with: npm run cli -- apps update ${app.name} --scopes ${scopes}`;
}

export function accessMiddleware(opts: AccessOptions): ApiMiddleware[] {
  const now = opts.now ?? Date.now;
  const apps = new WeakMap<RequestContext, AuthenticatedApp>();
  const buckets = new Map<string, TokenBucket>();
  const inFlight = new Map<string, number>();

  const authenticate: ApiMiddleware = async (ctx, next) => {
    const who = identifyCaller(ctx.req.headers, opts, now());
    if (who.kind === 'local') return next();
    if (who.kind === 'refused') {
      if (who.wwwAuthenticate) ctx.setHeader('www-authenticate', who.wwwAuthenticate);
      return refuse(who.error);
    }
    apps.set(ctx, who.app);
    ctx.caller = { name: who.app.name, scopes: who.app.scopes };
    return next();
  };

  const authorize: ApiMiddleware = async (ctx, next) => {
    const app = apps.get(ctx);
    if (!app || !isApiMethod(ctx.method)) return next(); // the local user; an unknown method gets UNKNOWN_METHOD
    const access = METHOD_ACCESS[ctx.method];
    const needed = scopeFor(access);
    if (app.scopes.includes('admin') || app.scopes.includes(needed)) return next();
    const why = access === 'personal'
      ? `${ctx.method} reads or changes the local user's research folders and history; only an application with the admin scope may`
      : missingScope(ctx.method, app, needed);
    return refuse(createError('FORBIDDEN', said(`The application "${app.name}"`, `应用“${app.name}”`), why));
  };

  const rateLimit: ApiMiddleware = async (ctx, next) => {
    const app = apps.get(ctx);
    if (!app) return next();
    let bucket = buckets.get(app.keyId);
    if (!bucket || bucket.perMinute !== app.ratePerMinute) buckets.set(app.keyId, (bucket = new TokenBucket(app.ratePerMinute, app.ratePerMinute, now())));
    const taken = bucket.take(now());
    if (taken.ok) return next();
    const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
    ctx.setHeader('retry-after', String(seconds));
    return refuse(createError('RATE_LIMITED', app.name, app.ratePerMinute, seconds));
  };

  const concurrency: ApiMiddleware = async (ctx, next) => {
    const app = apps.get(ctx);
    if (!app) return next();
    const n = inFlight.get(app.keyId) ?? 0;
    if (n >= app.concurrency) {
      ctx.setHeader('retry-after', '1');
      return refuse(createError('TOO_MANY_CONCURRENT', app.name, app.concurrency));
    }
    inFlight.set(app.keyId, n + 1);
    try {
      return await next();
    } finally {
      const left = (inFlight.get(app.keyId) ?? 1) - 1;
      if (left > 0) inFlight.set(app.keyId, left);
      else inFlight.delete(app.keyId);
    }
  };

  /** A search that names neither a preset nor k / n gets the application's preset. */
  const defaultPreset: ApiMiddleware = async (ctx, next) => {
    const app = apps.get(ctx);
    const body = ctx.body;
    if (app && ctx.method === 'search' && body && typeof body === 'object' && !Array.isArray(body)) {
      const b = body as Record<string, unknown>;
      if (b.preset === undefined && b.k === undefined && b.n === undefined) ctx.body = { ...b, preset: app.defaultPreset };
    }
    return next();
  };

  return [authenticate, authorize, rateLimit, concurrency, defaultPreset];
}
