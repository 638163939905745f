import { createError, LexboneError } from '../../contract/errors';
import type { DenseSearchRequest, HostChannel, HostReply, HostRequest, LoadedModel, LoadOptions } from './host-protocol';
import type { Embedder, FeatureReranker, ModelInfo, ModelRole, ProviderInfo, Reranker, TextKind } from './types';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
/** A request without its id, for each kind of request (Omit distributed over the union). */
type RequestBody = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;

export interface InferenceClientOptions {
  /** Starts a host process (Node child or Electron utilityProcess). */
  spawn: () => HostChannel;
  /** Per-request time limit. */
  timeoutMs?: number;
}

/** An embedder in the inference host, which can also search a vector index there. */
export interface RemoteEmbedder extends Embedder {
  searchIndex(search: DenseSearchRequest): Promise<{ articleId: number; score: number }[]>;
}

/**
 * Talks to the inference host and supervises it: when the host dies, requests in flight fail at
 * once with INFERENCE_UNAVAILABLE (retryable), and the next request starts a new host and reloads
 * the models it had, so callers only see one failed request per crash.
 */
export class InferenceClient {
  private channel: HostChannel | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private generation = 0;
  /** Models to (re)load into each new host: local handle → load request and the host's handle. */
  private readonly models = new Map<number, { role: ModelRole; dir: string; options: LoadOptions; hostHandle: number | null; gen: number }>();
  private nextLocal = 1;
  restarts = 0;

  constructor(private readonly opts: InferenceClientOptions) {}

  private ensureHost(): HostChannel {
    if (this.channel) return this.channel;
    const channel = this.opts.spawn();
    const gen = ++this.generation;
    channel.onMessage((msg: HostReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(new LexboneError(msg.error.code, msg.error.message));
    });
    channel.onExit((code) => {
      if (this.generation !== gen) return;
      this.channel = null;
      this.restarts++;
      for (const [id, p] of this.pending) {
        clearTimeout(p.timer);
        p.reject(createError('INFERENCE_UNAVAILABLE', `the host process exited with code ${code}`));
        this.pending.delete(id);
      }
    });
    this.channel = channel;
    return channel;
  }

  private request<T>(body: RequestBody): Promise<T> {
    const channel = this.ensureHost();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(createError('INFERENCE_UNAVAILABLE', `no answer within ${this.opts.timeoutMs ?? 60000} ms`));
      }, this.opts.timeoutMs ?? 60_000);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      channel.send({ ...body, id } as HostRequest);
    });
  }

  /**
   * The host handle of a model, loading it into the current host first if needed. When the model
   * is already loaded the handle comes back synchronously, so a request goes out at once (before
   * the caller's next synchronous work, e.g. lexical search, runs).
   */
  private hostHandle(local: number): number | Promise<number> {
    const m = this.models.get(local);
    if (!m) throw new Error(`model ${local} was closed`);
    this.ensureHost();
    if (m.hostHandle !== null && m.gen === this.generation) return m.hostHandle;
    return this.reloadHandle(m);
  }

  private async reloadHandle(m: { role: ModelRole; dir: string; options: LoadOptions; hostHandle: number | null; gen: number }): Promise<number> {
    const loaded = await this.request<LoadedModel>({ op: 'load', role: m.role, dir: m.dir, options: m.options });
    m.hostHandle = loaded.handle;
    m.gen = this.generation;
    return loaded.handle;
  }

  /** Sends at once when the handle is known, else after (re)loading the model. */
  private call<T>(local: number, body: (handle: number) => RequestBody): Promise<T> {
    const h = this.hostHandle(local);
    return typeof h === 'number' ? this.request<T>(body(h)) : h.then((handle) => this.request<T>(body(handle)));
  }

  private async load(role: ModelRole, dir: string, options: LoadOptions): Promise<{ local: number; loaded: LoadedModel }> {
    this.ensureHost();
    const loaded = await this.request<LoadedModel>({ op: 'load', role, dir, options });
    const local = this.nextLocal++;
    this.models.set(local, { role, dir, options, hostHandle: loaded.handle, gen: this.generation });
    return { local, loaded };
  }

  async loadEmbedder(dir: string, options: LoadOptions = {}): Promise<RemoteEmbedder> {
    const { local, loaded } = await this.load('embedder', dir, options);
    const self = this;
    return {
      info: loaded.info,
      dimension: loaded.dimension ?? 0,
      embed(texts: string[], kind: TextKind) {
        return self.call<Float32Array[]>(local, (handle) => ({ op: 'embed', handle, texts, kind }));
      },
      searchIndex(search: DenseSearchRequest) {
        return self.call<{ articleId: number; score: number }[]>(local, (handle) => ({ op: 'search', handle, search }));
      },
      provider: () => loaded.provider,
      close: () => self.unload(local),
    };
  }

  /** A Reranker; for lexbone-features models a FeatureReranker (featureNames set). */
  async loadReranker(dir: string, options: LoadOptions = {}): Promise<Reranker | FeatureReranker> {
    const { local, loaded } = await this.load('reranker', dir, options);
    const self = this;
    const base: Reranker = {
      info: loaded.info,
      score(query: string, documents: string[]) {
        return self.call<number[]>(local, (handle) => ({ op: 'score', handle, query, documents }));
      },
      provider: (): ProviderInfo => loaded.provider,
      close: () => self.unload(local),
    };
    if (!loaded.featureNames) return base;
    return {
      ...base,
      featureNames: loaded.featureNames,
      scoreFeatures(features: Float32Array[]) {
        return self.call<number[]>(local, (handle) => ({ op: 'scoreFeatures', handle, features }));
      },
    };
  }

  private async unload(local: number): Promise<void> {
    const m = this.models.get(local);
    this.models.delete(local);
    if (m?.hostHandle != null && m.gen === this.generation && this.channel) {
      await this.request({ op: 'unload', handle: m.hostHandle }).catch(() => undefined);
    }
  }

  /** The host's process id and peak memory. */
  ping(): Promise<{ pid: number; maxRssMb: number }> {
    return this.request({ op: 'ping' });
  }

  /** Kills the host (tests, shutdown). A later request starts a new one. */
  kill(): void {
    this.channel?.kill();
  }

  async close(): Promise<void> {
    for (const local of [...this.models.keys()]) await this.unload(local);
    const ch = this.channel;
    this.channel = null;
    this.generation++;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(createError('INFERENCE_UNAVAILABLE', 'the inference client was closed'));
      this.pending.delete(id);
    }
    ch?.kill();
  }
}

export type { ModelInfo };
