/**
 * The inference host: a separate process that owns the ONNX sessions, because onnxruntime's run()
 * blocks its thread. Runs as a Node child process (process.send) or an Electron utilityProcess
 * (process.parentPort); the protocol is in host-protocol.ts.
 */
import Database from 'better-sqlite3';
import { toApiError } from '../../contract/errors';
import { searchVectors } from '../vectors/search';
import type { DenseSearchRequest, HostReply, HostRequest, LoadedModel } from './host-protocol';
import { loadEmbedder, loadReranker } from './load-model';
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

const models = new Map<number, Embedder | Reranker>();
let nextHandle = 1;

async function handle(req: HostRequest): Promise<unknown> {
  switch (req.op) {
    case 'ping':
      // maxRSS is in kilobytes.
      return { pid: process.pid, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
    case 'load': {
      const model = req.role === 'embedder' ? await loadEmbedder(req.dir, req.options) : await loadReranker(req.dir, req.options);
      const handle = nextHandle++;
      models.set(handle, model);
      const loaded: LoadedModel = {
        handle,
        info: model.info,
        dimension: 'dimension' in model ? model.dimension : null,
        featureNames: isFeatureReranker(model as Reranker) ? [...(model as FeatureReranker).featureNames] : null,
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
      return m.scoreFeatures(req.features);
    }
    case 'search': {
      const m = model(req.handle) as Embedder;
      const [vector] = await m.embed([req.search.query], 'query');
      return searchIndex(req.search, vector!);
    }
    case 'unload': {
      await models.get(req.handle)?.close();
      models.delete(req.handle);
      return null;
    }
  }
}

/** Read-only connections to the databases searched, opened on first use. */
const databases = new Map<string, Database.Database>();

function searchIndex(req: DenseSearchRequest, vector: Float32Array) {
  let db = databases.get(req.dbPath);
  if (!db) {
    db = new Database(req.dbPath, { readonly: true, fileMustExist: true, nativeBinding: req.nativeBinding });
    databases.set(req.dbPath, db);
  }
  return searchVectors(db, req.indexKey, vector, req.k, { model: req.model, currentOnly: req.currentOnly });
}

function model(handle: number): Embedder | Reranker {
  const m = models.get(handle);
  if (!m) throw new Error(`no model is loaded with handle ${handle}`);
  return m;
}

// Requests are served one at a time: ORT sessions already use the host's threads.
let queue: Promise<void> = Promise.resolve();
function onRequest(req: HostRequest): void {
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
