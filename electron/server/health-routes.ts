/**
 * The probes and the scrape: GET /healthz (liveness: the process answers), GET /readyz (readiness:
 * library open, not importing, models loaded or search lexical — it says which; 503 with the reason
 * when not ready), GET /metrics (Prometheus text; a key with the metrics scope where keys are
 * required: metrics-access.ts). Plain routes, outside the API's middleware chain. The probes are
 * open, so they answer with states and fixed sentences, never paths or error details.
 */
import type { BackboneHealth, Readiness } from '../contract/ops-types';
import type { RouteHandler } from './http-server';
import type { RouteGuard } from './metrics-access';
import { EXPOSITION_CONTENT_TYPE, type MetricsRegistry } from './metrics-registry';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Where the details are: /readyz answers probes without a key, so it names none (paths, errors). */
const DETAILS = 'the status and models methods say more';

/** Whether the service is ready, and how search answers (full, or lexical and why). */
export function readiness(h: BackboneHealth, closing: boolean): Readiness {
  const states = { library: h.library, models: h.models };
  const no = (reason: string): Readiness => ({ ready: false, search: null, reason, ...states });
  if (closing) return no('the service is shutting down.');
  if (h.library === 'opening') return no('the library is still opening.');
  if (h.library === 'importing') return no('the bundled statutes are being imported (first run).');
  if (h.library === 'error') return no(`the library cannot be used (${h.libraryError?.code ?? 'unknown error'}); ${DETAILS}.`);
  if (h.userImport) return no('a statute import is running; search answers from the library as it was.');
  if (h.models === 'loading') return no('the models are being loaded into the inference host.');
  if (h.embedder && h.index?.state === 'ready') return { ready: true, search: 'full', reason: null, ...states };
  const why =
    h.models === 'none'
      ? 'no models are configured: keyword search only.'
      : h.models === 'failed'
        ? `the models could not be loaded (${h.modelsError?.code ?? 'unknown error'}; ${DETAILS}): keyword search only.`
        : h.embedder && h.index?.state !== 'ready'
          ? 'the vector index is being built: keyword search meanwhile.'
          : 'no embedder is serving: keyword search only.';
  return { ready: true, search: 'lexical', reason: why, ...states };
}

export interface HealthRouteOptions {
  health: () => BackboneHealth;
  closing: () => boolean;
  metrics: MetricsRegistry;
  /** Checks a scrape's key (metrics-access.ts); omitted: /metrics is open. */
  metricsAccess?: RouteGuard;
}

export function healthRoutes(opts: HealthRouteOptions): Record<string, RouteHandler> {
  return {
    // Liveness only: no uptime, version or host facts for whoever can reach the port.
    '/healthz': () => ({ status: 200, contentType: JSON_TYPE, body: JSON.stringify({ status: 'up' }) }),
    '/readyz': () => {
      const r = readiness(opts.health(), opts.closing());
      return { status: r.ready ? 200 : 503, contentType: JSON_TYPE, body: JSON.stringify(r) };
    },
    '/metrics': (req) =>
      opts.metricsAccess?.(req) ?? { status: 200, contentType: EXPOSITION_CONTENT_TYPE, body: opts.metrics.render() },
  };
}
