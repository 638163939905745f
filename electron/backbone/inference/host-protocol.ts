/**
 * Messages between the backbone and the inference host process (a Node child process, or an
 * Electron utilityProcess in the desktop app). Requests carry an id; every request gets exactly
 * one reply with the same id. Vectors travel as Float32Array (structured clone).
 */
import type { ApiErrorShape } from '../../contract/errors';
import type { LoadOptions } from './load-model';
import type { ModelInfo, ModelRole, ProviderInfo, ReadingInput, TextKind } from './types';

export type { LoadOptions } from './load-model';

export type HostRequest =
  | { id: number; op: 'load'; role: ModelRole; dir: string; options: LoadOptions }
  | { id: number; op: 'embed'; handle: number; texts: string[]; kind: TextKind }
  | { id: number; op: 'score'; handle: number; query: string; documents: string[] }
  | { id: number; op: 'scoreFeatures'; handle: number; features: Float32Array[]; reading?: ReadingInput }
  | { id: number; op: 'search'; handle: number; search: DenseSearchRequest }
  | { id: number; op: 'unload'; handle: number }
  | { id: number; op: 'ping' };

export type HostReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: ApiErrorShape };

/**
 * Embed a query and search the vector index in the host, so that dense retrieval runs while the
 * main process does lexical retrieval. The host opens the database read-only.
 */
export interface DenseSearchRequest {
  dbPath: string;
  /** better_sqlite3.node for the host's runtime (Electron's ABI in the app). */
  nativeBinding?: string;
  indexKey: string;
  model: { id: string; fingerprint: string };
  query: string;
  k: number;
  currentOnly: boolean;
}

export interface LoadedModel {
  handle: number;
  info: ModelInfo;
  dimension: number | null;
  /** lexbone-features rerankers: the feature names the model expects, in order. */
  featureNames: string[] | null;
  /** lexbone-reader rerankers: scoring also needs the question and the candidates' texts. */
  reads: boolean;
  provider: ProviderInfo;
}

/** Transport to a host process: Node's child_process here, Electron's utilityProcess in the app. */
export interface HostChannel {
  send(msg: HostRequest): void;
  onMessage(cb: (msg: HostReply) => void): void;
  /** Called once when the process ends, however it ends. */
  onExit(cb: (code: number | null) => void): void;
  kill(): void;
  /** The process id, once it runs (null: not yet, or gone). */
  readonly pid?: number | null;
}
