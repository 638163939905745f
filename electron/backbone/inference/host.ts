/**
 * The inference host: a separate process that owns the ONNX sessions, because onnxruntime's run()
 * blocks its thread. Runs as a Node child process (process.send) or an Electron utilityProcess
 * (process.parentPort); the protocol is in host-protocol.ts.
 */
import { toApiError } from '../../contract/errors';
import { DenseSearcher } from './dense-batch';
import type { HostReply, HostRequest, LoadedModel } from './host-protocol';
import { loadEmbedder, loadReranker } from './load-model';
import { processMemory } from '../memory-usage';
import { limitHeapGrowth } from '../heap';
import { isFeatureReranker, type Embedder, type FeatureReranker, type Reranker } from './types';

interface ParentPort {
  on(event: 'message', cb: (e: { data: HostRequest }) => void): void;
  postMessage(msg: HostReply): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
const reply = (msg: HostReply): void => {
  if (parentPort) parentPort.postMessage(msg);
  else process.send?.(msg);
};

limitHeapGrowth();

const models = new Map<number, Embedder | Reranker>();
let nextHandle = 1;

async function handle(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case 'ping':
      return { pid: process.pid, ...processMemory(), holders: dense.memory() };
    case 'load': {
      const model = req.role === 'embedder' ? await loadEmbedder(req.dir, req.options) : await loadReranker(req.dir, req.options);
      const handle = nextHandle++;
      models.set(handle, model);
      const loaded: LoadedModel = {
        handle,
        info: model.info,
        dimension: 'dimension' in model ? model.dimension : null,
        featureNames: isFeatureReranker(model as Reranker) ? [...(model as FeatureReranker).featureNames] : null,
        reads: isFeatureReranker(model as Reranker) && (model as FeatureReranker).reads,
        provider: model.provider(),
      };
      return loaded;
    }
    case 'embed':
      return (model(req.handle) as Embedder).embed(req.texts, req.kind);
    case 'score':
      return (model(req.handle) as Reranker).score(req.query, req.documents);
    case 'scoreFeatures': {
      const m = model(req.handle) as Reranker;
      if (!isFeatureReranker(m)) throw new Error(`${m.info.id} does not score feature vectors`);
      return m.scoreFeatures(req.features, req.reading);
    }
    case 'search': {
      const [hits] = await searchBatch([req]);
      if (hits instanceof Error) throw hits;
      return hits;
    }
    case 'unload': {
      await models.get(req.handle)?.close();
      models.delete(req.handle);
      return null;
    }
  }
}

/** Dense search over read-only connections to the databases searched, opened on first use. */
const dense = new DenseSearcher();

type SearchRequest = Extract<HostRequest, { op: 'search' }>;

/**
 * Embeds the queries of several searches (one call per model) and searches them together; one
 * answer (hits or error) per request, in order.
 */
async function searchBatch(reqs: SearchRequest[]): Promise<unknown[]> {
  const out: unknown[] = new Array(reqs.length);
  const byHandle = new Map<number, number[]>();
  reqs.forEach((r, i) => byHandle.set(r.handle, [...(byHandle.get(r.handle) ?? []), i]));
  const jobs: { i: number; search: SearchRequest['search']; vector: Float32Array }[] = [];
  for (const [handle, idx] of byHandle) {
    try {
      const vectors = await (model(handle) as Embedder).embed(idx.map((i) => reqs[i]!.search.query), 'query');
      idx.forEach((i, j) => jobs.push({ i, search: reqs[i]!.search, vector: vectors[j]! }));
    } catch (e) {
      for (const i of idx) out[i] = e;
    }
  }
  const hits = await dense.searchAll(jobs);
  jobs.forEach((job, j) => (out[job.i] = hits[j]));
  return out;
}

function model(handle: number): Embedder | Reranker {
  const m = models.get(handle);
  if (!m) throw new Error(`no model is loaded with handle ${handle}`);
  return m;
}

// Requests are served one at a time: ORT sessions already use the host's threads. Searches that
// arrive while the host is busy wait together and are then answered as one batch.
let queue: Promise<void> = Promise.resolve();
let waitingSearches: SearchRequest[] = [];

function drainSearches(): Promise<void> {
  const batch = waitingSearches;
  waitingSearches = [];
  return searchBatch(batch).then(
    (answers) => answers.forEach((a, i) => reply(a instanceof Error ? { id: batch[i]!.id, ok: false, error: toApiError(a) } : { id: batch[i]!.id, ok: true, value: a })),
    (e: unknown) => batch.forEach((r) => reply({ id: r.id, ok: false, error: toApiError(e) })),
  );
}

function onRequest(req: HostRequest): void {
  if (req.op === 'search') {
    waitingSearches.push(req);
    if (waitingSearches.length === 1) queue = queue.then(drainSearches);
    return;
  }
  queue = queue.then(async () => {
    try {
      reply({ id: req.id, ok: true, value: await handle(req) });
    } catch (e) {
      reply({ id: req.id, ok: false, error: toApiError(e) });
    }
  });
}

if (parentPort) parentPort.on('message', (e) => onRequest(e.data));
else process.on('message', (msg) => onRequest(msg as HostRequest));
