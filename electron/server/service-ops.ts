/**
 * The service's operations layer, wired once for `npm run serve` and for tests: the admission
 * queue and per-request timeout (backpressure), the shutdown gate (graceful shutdown), metrics,
 * the audit log, and the /healthz, /readyz and /metrics routes. See DESIGN.md for the order of the
 * middleware and why.
 */
import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BackboneHealth } from '../contract/ops-types';
import { AdmissionQueue, admissionMiddleware } from './admission-queue';
import { AuditLog, auditMiddleware, type AuditLogOptions } from './audit-log';
import { healthRoutes } from './health-routes';
import type { RouteHandler } from './http-server';
import type { RouteGuard } from './metrics-access';
import type { ApiMiddleware } from './middleware';
import { INFERENCE_METHODS } from './request-facts';
import { requestTimeoutMiddleware } from './request-timeout';
import { createServiceMetrics, type ServiceMetrics } from './service-metrics';
import { ShutdownGate } from './shutdown-gate';

/** Defaults for a 2-core machine: 4 requests overlap lexical search here with inference in the host. */
const OPS_DEFAULTS = { maxInflight: 16, maxQueue: 64, requestTimeoutMs: 30_000, drainTimeoutMs: 15_000 } as const;

export interface ServiceOpsOptions {
  maxInflight: number;
  maxQueue: number;
  /** 0: no per-request timeout. */
  requestTimeoutMs: number;
  /** null: no audit log. */
  audit: AuditLogOptions | null;
  health: () => BackboneHealth;
  /** Checks the key of a GET /metrics (metricsAccess from access-setup); omitted: open. */
  metricsAccess?: RouteGuard;
  /** Test-only: each inference call waits this long inside its slot (LEXBONE_TEST_HANDLER_DELAY_MS). */
  handlerDelayMs?: number;
}

export interface ServiceOps {
  queue: AdmissionQueue;
  gate: ShutdownGate;
  metrics: ServiceMetrics;
  audit: AuditLog | null;
  /**
   * The chain: metrics, shutdown gate, audit, then `between` (keys, rate and concurrency limits),
   * then the timeout and the admission queue just before the handler.
   */
  middleware(between?: ApiMiddleware[]): ApiMiddleware[];
  routes: Record<string, RouteHandler>;
  /**
   * Graceful shutdown: refuses new API requests (503 SHUTTING_DOWN), waits up to `drainTimeoutMs`
   * for those running or queued, stops listening, writes the audit log, then closes the service.
   * Resolves true when every request finished in time.
   */
  shutdown(server: Server, closeService: () => Promise<void>, drainTimeoutMs: number): Promise<boolean>;
}

/** The test-only slowdown: a wait inside the slot, cut short if the request is aborted. */
function handlerDelay(ms: number): ApiMiddleware {
  return async (ctx, next) => {
    if (INFERENCE_METHODS.has(ctx.method)) await sleep(ms, undefined, { signal: ctx.signal });
    return next();
  };
}

export function createServiceOps(opts: ServiceOpsOptions): ServiceOps {
  const queue = new AdmissionQueue({ maxInflight: opts.maxInflight, maxQueue: opts.maxQueue });
  const gate = new ShutdownGate();
  const metrics = createServiceMetrics({ queue, gate, health: opts.health });
  const audit = opts.audit ? new AuditLog(opts.audit) : null;
  const versionOf = () => opts.health().versionId;
  return {
    queue, gate, metrics, audit,
    middleware: (between = []) => [
      metrics.middleware,
      gate.middleware,
      ...(audit ? [auditMiddleware(audit, versionOf)] : []),
      ...between,
      requestTimeoutMiddleware(opts.requestTimeoutMs),
      admissionMiddleware(queue, INFERENCE_METHODS),
      ...(opts.handlerDelayMs ? [handlerDelay(opts.handlerDelayMs)] : []),
    ],
    routes: healthRoutes({ health: opts.health, closing: () => gate.closing, metrics: metrics.registry, metricsAccess: opts.metricsAccess }),
    async shutdown(server, closeService, drainTimeoutMs) {
      const drained = await gate.drain(drainTimeoutMs);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (!drained) server.closeAllConnections();
      // Answers just written leave keep-alive connections behind; give them a moment, then cut them.
      await Promise.race([closed, sleep(2000)]);
      server.closeAllConnections();
      await audit?.close();
      await closeService();
      return drained;
    },
  };
}

/** Reads the ops flags (strings from parseArgs); throws a message that names the flag to fix. */
export function opsLimits(values: { 'max-inflight'?: string; 'max-queue'?: string; 'request-timeout-ms'?: string; 'drain-timeout-ms'?: string }) {
  const int = (flag: keyof typeof values, fallback: number, min: number): number => {
    const v = values[flag];
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) < min) throw new Error(`--${flag} must be a whole number ≥ ${min} (got "${v}")`);
    return Number(v);
  };
  return {
    maxInflight: int('max-inflight', OPS_DEFAULTS.maxInflight, 1),
    maxQueue: int('max-queue', OPS_DEFAULTS.maxQueue, 0),
    requestTimeoutMs: int('request-timeout-ms', OPS_DEFAULTS.requestTimeoutMs, 0),
    drainTimeoutMs: int('drain-timeout-ms', OPS_DEFAULTS.drainTimeoutMs, 0),
  };
}
