import { said, type Said } from '../../contract/said';
import { createError, LexboneError } from '../../contract/errors';
import type { ProcessMemory } from '../memory-usage';
import type { InferenceHostStatus } from '../../contract/inference-types';
import type { DenseSearchRequest, HostChannel, HostReply, HostRequest, LoadedModel, LoadOptions } from './host-protocol';
import type { Embedder, FeatureReranker, ModelInfo, ModelRole, ProviderInfo, ReadingInput, Reranker, TextKind } from './types';

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
/** A request without its id, for each kind of request (Omit distributed over the union). */
type RequestBody = HostRequest extends infer R ? (R extends HostRequest ? Omit<R, 'id'> : never) : never;
type HostModel = { role: ModelRole; dir: string; options: LoadOptions; hostHandle: number | null; gen: number };
/**
 * 'query': on a search's path (dense retrieval, reranking): never waits for a restarting host and
 * has the short time limit, so the search answers lexically meanwhile. 'work': loads and indexing
 * batches: waits for the restart, then runs.
 */
type CallKind = 'query' | 'work';

export interface InferenceClientOptions {
  /** Starts a host process (Node child or Electron utilityProcess). */
  spawn: () => HostChannel;
  /** Time limit of loads, indexing batches and other work (default 60 s). */
  timeoutMs?: number;
  /** Time limit of a request on a search's path (default 10 s): past it the search answers lexically. */
  queryTimeoutMs?: number;
  /** A host that answers nothing this long while a request waits is taken as hung, killed and restarted (default: timeoutMs). */
  hangMs?: number;
  /** Wait before restarting a host that died, doubled after each restart that failed (at most 5 s; default 50 ms). */
  restartDelayMs?: number;
}

/** An embedder in the inference host, which can also search a vector index there. */
export interface RemoteEmbedder extends Embedder {
  searchIndex(search: DenseSearchRequest): Promise<{ articleId: number; score: number }[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const unavailable = (detail: Said) => createError('INFERENCE_UNAVAILABLE', detail);

/**
 * Talks to the inference host and supervises it. When the host dies, requests in flight fail at
 * once with INFERENCE_UNAVAILABLE (retryable), a new host is started at once and the models it had
 * are loaded again; meanwhile search-path requests fail fast (the pipeline answers lexically,
 * marked degraded) and other work waits for the new host. Every request has a time limit, and a
 * host that stops answering altogether is killed and restarted, so nothing waits forever.
 */
export class InferenceClient {
  private channel: HostChannel | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private generation = 0;
  /** Models to (re)load into each new host: local handle → load request and the host's handle. */
  private readonly models = new Map<number, HostModel>();
  private nextLocal = 1;
  /** The restart in progress (a new host loading the models of the one that died). */
  private restarting: Promise<void> | null = null;
  private closed = false;
  private lastReplyAt = 0;
  private failedRestarts = 0;
  private lastExit: InferenceHostStatus['lastExit'] = null;
  private lastRecoveryMs: number | null = null;
  restarts = 0;

  constructor(private readonly opts: InferenceClientOptions) {}

  private ensureHost(): HostChannel {
    if (this.channel) return this.channel;
    const channel = this.opts.spawn();
    this.generation++;
    this.lastReplyAt = performance.now();
    channel.onMessage((msg: HostReply) => {
      if (this.channel === channel) this.lastReplyAt = performance.now();
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (msg.ok) p.resolve(msg.value);
      else p.reject(LexboneError.fromShape(msg.error));
    });
    channel.onExit((code) => this.died(channel, code, said(`the host process exited with code ${code}`, `推理进程已退出，退出码 ${code}`)));
    this.channel = channel;
    return channel;
  }

  /** A host is gone (exited, or killed as hung): fail what waits on it and start a new one. */
  private died(channel: HostChannel, code: number | null, detail: Said): void {
    if (this.channel !== channel) return; // closed, or already replaced
    const diedAt = performance.now();
    this.channel = null;
    this.restarts++;
    this.lastExit = { code, at: new Date().toISOString() };
    this.failAll(detail);
    if (!this.closed && this.models.size > 0 && !this.restarting) {
      this.restarting = this.recover(diedAt).finally(() => (this.restarting = null));
    }
  }

  private failAll(detail: Said): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(unavailable(detail));
      this.pending.delete(id);
    }
  }

  /**
   * Starts a new host and loads every model again, retrying (with a growing pause) while the new
   * host dies too. A model that no longer loads is left to its next call, which reports why.
   */
  private async recover(diedAt: number): Promise<void> {
    for (;;) {
      await sleep(Math.min(5000, (this.opts.restartDelayMs ?? 50) * 2 ** this.failedRestarts));
      if (this.closed) return;
      this.ensureHost();
      const gen = this.generation;
      for (const m of [...this.models.values()]) {
        if (this.generation !== gen || !this.channel) break;
        if (m.gen === gen && m.hostHandle !== null) continue;
        await this.reloadHandle(m).catch(() => undefined);
      }
      if (this.closed) return;
      if (this.channel && this.generation === gen) {
        this.failedRestarts = 0;
        this.lastRecoveryMs = Math.round(performance.now() - diedAt);
        return;
      }
      this.failedRestarts++;
    }
  }

  private request<T>(body: RequestBody, kind: CallKind = 'work'): Promise<T> {
    const channel = this.ensureHost();
    const id = this.nextId++;
    const limit = kind === 'query' ? (this.opts.queryTimeoutMs ?? 10_000) : (this.opts.timeoutMs ?? 60_000);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(unavailable(said(`no answer within ${limit} ms`, `${limit} 毫秒内没有应答`)));
        // Silent for too long while work waits: hung. Killing it restarts it (see onExit).
        const hangMs = this.opts.hangMs ?? this.opts.timeoutMs ?? 60_000;
        if (this.channel === channel && performance.now() - this.lastReplyAt >= hangMs) {
          channel.kill();
          this.died(channel, null, said(`it answered nothing for ${hangMs} ms and was restarted`, `它 ${hangMs} 毫秒内没有任何应答，已被重启`));
        }
      }, limit);
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
    if (!m) throw createError('MODEL_CLOSED', String(local));
    this.ensureHost();
    if (m.hostHandle !== null && m.gen === this.generation) return m.hostHandle;
    return this.reloadHandle(m);
  }

  private async reloadHandle(m: HostModel): Promise<number> {
    const loaded = await this.request<LoadedModel>({ op: 'load', role: m.role, dir: m.dir, options: m.options });
    m.hostHandle = loaded.handle;
    m.gen = this.generation;
    return loaded.handle;
  }

  /**
   * Sends at once when the handle is known, else after (re)loading the model. While the host
   * restarts, a query fails at once and other work waits for the new host.
   */
  private call<T>(local: number, kind: CallKind, body: (handle: number) => RequestBody): Promise<T> {
    if (this.restarting) {
      if (kind === 'query') return Promise.reject(unavailable(said('it is restarting after a crash', '它正在崩溃后重启')));
      return this.restarting.then(() => this.call<T>(local, kind, body));
    }
    try {
      const h = this.hostHandle(local);
      return typeof h === 'number' ? this.request<T>(body(h), kind) : h.then((handle) => this.request<T>(body(handle), kind));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private async load(role: ModelRole, dir: string, options: LoadOptions): Promise<{ local: number; loaded: LoadedModel }> {
    while (this.restarting) await this.restarting;
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
        return self.call<Float32Array[]>(local, 'work', (handle) => ({ op: 'embed', handle, texts, kind }));
      },
      searchIndex(search: DenseSearchRequest) {
        return self.call<{ articleId: number; score: number }[]>(local, 'query', (handle) => ({ op: 'search', handle, search }));
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
        return self.call<number[]>(local, 'query', (handle) => ({ op: 'score', handle, query, documents }));
      },
      provider: (): ProviderInfo => loaded.provider,
      close: () => self.unload(local),
    };
    if (!loaded.featureNames) return base;
    return {
      ...base,
      featureNames: loaded.featureNames,
      reads: loaded.reads,
      scoreFeatures(features: Float32Array[], reading?: ReadingInput) {
        return self.call<number[]>(local, 'query', (handle) => ({ op: 'scoreFeatures', handle, features, reading }));
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

  /** The host's process id, its memory (peak and now) and what its in-memory copies hold. */
  async ping(): Promise<{ pid: number; holders: Record<string, unknown> } & ProcessMemory> {
    while (this.restarting) await this.restarting;
    return this.request({ op: 'ping' });
  }

  /** The supervised host as the `models` status shows it. */
  status(): InferenceHostStatus {
    return {
      state: this.restarting ? 'restarting' : this.channel ? 'ready' : 'stopped',
      pid: this.channel?.pid ?? null,
      restarts: this.restarts,
      lastExit: this.lastExit,
      lastRecoveryMs: this.lastRecoveryMs,
      loadedModels: this.models.size,
    };
  }

  /** Resolves when no restart is in progress. */
  async recovered(): Promise<void> {
    while (this.restarting) await this.restarting;
  }

  /** Kills the host (tests, shutdown). A later request starts a new one. */
  kill(): void {
    this.channel?.kill();
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const local of [...this.models.keys()]) await this.unload(local);
    const ch = this.channel;
    this.channel = null;
    this.generation++;
    this.failAll(said('the inference client was closed', '推理客户端已关闭'));
    ch?.kill();
  }
}

export type { ModelInfo };
