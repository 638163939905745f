/**
 * The probes and the scrape: GET /healthz (liveness: the process answers), GET /readyz (readiness:
 * library open, not importing, models loaded or search lexical — it says which; 503 with the reason
 * when not ready), GET /metrics (Prometheus text). Plain routes, outside the API's middleware chain.
 */
import type { BackboneHealth, Readiness } from '../contract/ops-types';
import type { RouteHandler } from './http-server';
import { EXPOSITION_CONTENT_TYPE, type MetricsRegistry } from './metrics-registry';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether the service is ready, and how search answers (full, or lexical and why). */
export function readiness(h: BackboneHealth, closing: boolean): Readiness {
  const no = (reason: string): Readiness => ({ ready: false, search: null, reason, health: h });
  if (closing) return no('the service is shutting down.');
  if (h.library === 'opening') return no('the library is still opening.');
  if (h.library === 'importing') return no('the bundled statutes are being imported (first run).');
  if (h.library === 'error') return no(h.libraryError?.message ?? 'the library cannot be opened.');
  if (h.userImport) return no('a statute import is running; search answers from the library as it was.');
  if (h.models === 'loading') return no('the models are being loaded into the inference host.');
  if (h.embedder && h.index?.state === 'ready') return { ready: true, search: 'full', reason: null, health: h };
  const why =
    h.models === 'none'
      ? 'no models are configured: keyword search only.'
      : h.models === 'failed'
        ? `the models could not be loaded (${h.modelsError?.message ?? 'unknown error'}): keyword search only.`
        : h.embedder && h.index?.state !== 'ready'
          ? 'the vector index is being built: keyword search meanwhile.'
          : 'no embedder is serving: keyword search only.';
  return { ready: true, search: 'lexical', reason: why, health: h };
}

export function healthRoutes(opts: { health: () => BackboneHealth; closing: () => boolean; metrics: MetricsRegistry }): Record<string, RouteHandler> {
  const started = Date.now();
  return {
    '/healthz': () => ({ status: 200, contentType: JSON_TYPE, body: JSON.stringify({ status: 'up', uptimeS: Math.round((Date.now() - started) / 1000) }) }),
    '/readyz': () => {
      const r = readiness(opts.health(), opts.closing());
      return { status: r.ready ? 200 : 503, contentType: JSON_TYPE, body: JSON.stringify(r) };
    },
    '/metrics': () => ({ status: 200, contentType: EXPOSITION_CONTENT_TYPE, body: opts.metrics.render() }),
  };
}
