/**
 * The HTTP service's request chain. Each API call passes through the middleware in order before
 * the contract's dispatch; a middleware can refuse the call (return an error Result), set response
 * headers (Retry-After, WWW-Authenticate), or wrap the rest of the chain (timing, queueing). Keys,
 * limits, the admission queue, metrics and the audit log are middleware, each in its own module.
 */
import type { IncomingMessage } from 'node:http';
import type { Result } from '../contract/errors';

/** The calling application, once a middleware has identified it (null: the local user, no key). */
export interface CallerIdentity {
  name: string;
  scopes: readonly string[];
}

export interface RequestContext {
  /** The API method named by the route (not yet checked against the contract). */
  method: string;
  /** The parsed JSON body; a middleware may replace it (e.g. an application's default preset). */
  body: unknown;
  readonly req: IncomingMessage;
  /** Set by an authenticating middleware. */
  caller: CallerIdentity | null;
  /** When the request arrived (performance.now()). */
  readonly startedAt: number;
  /** Adds a response header (sent with the answer, success or error). */
  setHeader(name: string, value: string): void;
  /**
   * Aborted when the client goes away; handed to the handler. A middleware may replace it with one
   * that also aborts for its own reason (the per-request timeout: `AbortSignal.any`).
   */
  signal: AbortSignal;
}

export type Next = () => Promise<Result<unknown>>;
export type ApiMiddleware = (ctx: RequestContext, next: Next) => Promise<Result<unknown>>;

/** Runs `middleware` in order around `last`. */
export function runChain(middleware: readonly ApiMiddleware[], ctx: RequestContext, last: Next): Promise<Result<unknown>> {
  const step = (i: number): Promise<Result<unknown>> => (i === middleware.length ? last() : middleware[i]!(ctx, () => step(i + 1)));
  return step(0);
}
