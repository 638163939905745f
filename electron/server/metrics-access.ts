/**
 * Who may read GET /metrics. The scrape is a plain route (outside the API chain, so it answers when
 * the queue is full), but it names the calling applications and their traffic, so where the service
 * requires keys (--require-keys, --allow-lan) it needs a key with the `metrics` scope (or `admin`),
 * sent as `Authorization: Bearer <key>` — what Prometheus' `authorization` / `bearer_token_file`
 * sends. Where keys are optional (loopback, the default) a scrape without a key is answered as it
 * always was; a key that is sent is checked as on the API (wrong or revoked: 401; no scope: 403).
 * /healthz and /readyz stay open: probes carry no credentials, and they say nothing sensitive.
 */
import type { IncomingMessage } from 'node:http';
import { createError, httpStatusOf, toApiError, type Result } from '../contract/errors';
import { mayScrapeMetrics } from '../contract/method-access';
import { identifyKey, missingScope, type AccessOptions } from './access-middleware';
import type { RouteAnswer } from './http-server';
import { said } from '../contract/said';

/** Checks a request for a plain route: null to answer it, or the refusal to send instead. */
export type RouteGuard = (req: IncomingMessage) => RouteAnswer | null;

function refusal(error: Parameters<typeof toApiError>[0], headers: Record<string, string> = {}): RouteAnswer {
  const e = toApiError(error);
  return {
    status: httpStatusOf(e.code),
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify({ ok: false, error: e } satisfies Result<never>),
    headers,
  };
}

export function metricsAccess(opts: AccessOptions): RouteGuard {
  const now = opts.now ?? Date.now;
  return (req) => {
    const who = identifyKey(req.headers, opts, now());
    if (who.kind === 'none') return null;
    if (who.kind === 'refused') return refusal(who.error, { 'www-authenticate': who.wwwAuthenticate });
    if (mayScrapeMetrics(who.app.scopes)) return null;
    return refusal(createError('FORBIDDEN', said(`The application "${who.app.name}"`, `应用“${who.app.name}”`), missingScope('GET /metrics', who.app, 'metrics')));
  };
}
