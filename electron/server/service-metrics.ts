/**
 * What the service measures, in Prometheus terms: request latency per method, preset and
 * application; answers by status code; the admission queue (depth, in flight, refused, timed out);
 * inference errors, host restarts and degraded answers; the index and library sizes; the backbone
 * version. The middleware records each API call; gauges are read from their owners at scrape time.
 */
import { performance as perf } from 'node:perf_hooks';
import type { BackboneHealth } from '../contract/ops-types';
import { httpStatusOf, toApiError, type Result } from '../contract/errors';
import type { AdmissionQueue } from './admission-queue';
import { MetricsRegistry } from './metrics-registry';
import type { ApiMiddleware } from './middleware';
import { applicationOf, degradedOf, failedStages, methodLabel, presetLabel } from './request-facts';
import type { ShutdownGate } from './shutdown-gate';

/** Latency buckets in seconds: a quick search is ~20–60 ms here, research ~100–200 ms, the timeout 30 s. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

export interface ServiceMetricsSources {
  queue: AdmissionQueue;
  gate: ShutdownGate;
  health: () => BackboneHealth;
}

export interface ServiceMetrics {
  registry: MetricsRegistry;
  middleware: ApiMiddleware;
}

export function createServiceMetrics(src: ServiceMetricsSources): ServiceMetrics {
  const r = new MetricsRegistry();
  const duration = r.histogram('lexbone_request_duration_seconds', 'API request latency, from arrival to answer (queueing included).', ['method', 'preset', 'application'], LATENCY_BUCKETS);
  const requests = r.counter('lexbone_requests_total', 'API requests answered, by HTTP status code.', ['method', 'status', 'application']);
  const rejected = r.counter('lexbone_rejected_total', 'Requests refused at once because the admission queue was full (429 OVERLOADED).', ['method', 'application']);
  const timeouts = r.counter('lexbone_request_timeouts_total', 'Requests stopped by the per-request timeout (504 REQUEST_TIMEOUT).', ['method', 'application']);
  const inferenceErrors = r.counter('lexbone_inference_errors_total', 'Inference failures: a request failed (host) or an answer lost a stage (dense, rerank).', ['stage']);
  const degraded = r.counter('lexbone_degraded_answers_total', 'Answers that skipped a stage (no model, inference unavailable, index building): lexical or unreranked.', ['method']);
  const restarts = r.counter('lexbone_inference_restarts_total', 'Times the inference host process died and was started again.');
  const queueDepth = r.gauge('lexbone_queue_depth', 'Requests waiting for an inference slot.');
  const inflight = r.gauge('lexbone_inflight_requests', 'Requests holding an inference slot.');
  const capacity = r.gauge('lexbone_queue_capacity', 'Configured limits: inference slots (inflight) and queue places (queue).', ['limit']);
  const inProgress = r.gauge('lexbone_requests_in_progress', 'API requests admitted and not yet answered (all methods).');
  const indexArticles = r.gauge('lexbone_vector_index_articles', 'Articles in the vector index serving dense search (0: none).');
  const libraryArticles = r.gauge('lexbone_library_articles', 'Articles in the library (all versions).');
  const version = r.gauge('lexbone_backbone_version', 'The active backbone version id (0: none, each model at its best stage).');
  const ready = r.gauge('lexbone_ready', '1 when the service is ready (library open, not importing, models loaded or lexical by design).');
  const lexicalOnly = r.gauge('lexbone_search_lexical_only', '1 when search answers with keywords only (no embedder serving).');
  const rss = r.gauge('lexbone_process_resident_memory_bytes', 'Resident memory of the service process (the inference host is a separate process).');
  const busy = r.gauge('lexbone_event_loop_utilization', 'Share of time the service event loop was busy since the previous scrape (0–1).');
  for (const stage of ['host', 'dense', 'rerank']) inferenceErrors.inc({ stage }, 0);
  let elu = perf.eventLoopUtilization();
  restarts.inc({}, 0);

  r.onCollect(() => {
    queueDepth.set({}, src.queue.depth);
    inflight.set({}, src.queue.inflight);
    capacity.set({ limit: 'inflight' }, src.queue.opts.maxInflight);
    capacity.set({ limit: 'queue' }, src.queue.opts.maxQueue);
    inProgress.set({}, src.gate.inProgress);
    const h = src.health();
    restarts.setTotal({}, h.inferenceRestarts);
    indexArticles.set({}, h.index?.articles ?? 0);
    libraryArticles.set({}, h.libraryArticles ?? 0);
    version.set({}, h.versionId ?? 0);
    ready.set({}, h.library === 'ready' && !h.userImport && h.models !== 'loading' && !src.gate.closing ? 1 : 0);
    lexicalOnly.set({}, h.embedder ? 0 : 1);
    rss.set({}, process.memoryUsage.rss());
    const now = perf.eventLoopUtilization();
    busy.set({}, Math.round(perf.eventLoopUtilization(now, elu).utilization * 1000) / 1000);
    elu = now;
  });

  const middleware: ApiMiddleware = async (ctx, next) => {
    let result: Result<unknown>;
    try {
      result = await next();
    } catch (e) {
      result = { ok: false, error: toApiError(e) };
    }
    const method = methodLabel(ctx.method);
    const application = applicationOf(ctx);
    const status = result.ok ? 200 : httpStatusOf(result.error.code);
    duration.observe({ method, preset: presetLabel(ctx.method, ctx.body, result), application }, (performance.now() - ctx.startedAt) / 1000);
    requests.inc({ method, status: String(status), application });
    if (!result.ok && result.error.code === 'OVERLOADED') rejected.inc({ method, application });
    if (!result.ok && result.error.code === 'REQUEST_TIMEOUT') timeouts.inc({ method, application });
    if (!result.ok && result.error.code === 'INFERENCE_UNAVAILABLE') inferenceErrors.inc({ stage: 'host' });
    const why = degradedOf(result);
    if (why) {
      degraded.inc({ method });
      for (const stage of failedStages(why)) inferenceErrors.inc({ stage });
    }
    return result;
  };

  return { registry: r, middleware };
}
