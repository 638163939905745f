/**
 * Prepares an A/B session in the app: runs the query set through the app's own search pipeline
 * once per backbone version — each version with its own models (applied to the app's model
 * runtime in turn, then the active version's models are put back) and its own preset budget —
 * and blinds the two result lists with `compareLists`. The same measurement as `npm run ab --
 * prepare`, without a second inference process.
 */
import { createError } from '../../contract/errors';
import type { BackboneVersion, PresetName } from '../../contract/types';
import type { Library } from '../library';
import type { ModelRuntime } from '../runtime/model-runtime';
import { compareLists } from './ab-compare';
import { createAbSession, type AbOrigin, type AbSession } from './ab-session';

export interface PrepareInput {
  versionA: BackboneVersion;
  versionB: BackboneVersion;
  queries: readonly string[];
  origin: AbOrigin;
  /** Seeds the sides and the item order. */
  seed: number;
}

export interface PrepareDeps {
  library: Library;
  /** The app's model runtime (null: the app runs without models, so only lexical versions can be compared). */
  runtime: ModelRuntime | null;
  onProgress: (phase: string, done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Versions whose models are not installed cannot be measured: refused before anything runs. */
export function checkModelsInstalled(v: BackboneVersion, runtime: ModelRuntime | null): void {
  const installed = new Set(runtime?.status().installed.map((m) => m.id) ?? []);
  for (const id of [v.embedderId, v.rerankerId]) {
    if (id !== null && !installed.has(id)) throw createError('AB_MODEL_MISSING', `${v.id} (${v.label})`, id);
  }
}

/** Serves exactly the version's models and waits until they serve (a new embedder's index is built first). */
async function serveVersion(v: BackboneVersion, runtime: ModelRuntime | null): Promise<void> {
  if (!runtime) return; // lexical only, checked above
  await runtime.apply({ embedder: v.embedderId, reranker: v.rerankerId });
  await runtime.idle();
  const s = runtime.status();
  if (s.error) throw createError('INFERENCE_UNAVAILABLE', s.error.message);
  const served = { embedder: s.embedder?.id ?? null, reranker: s.reranker?.id ?? null };
  if (served.embedder !== v.embedderId) throw createError('AB_MODEL_MISSING', `${v.id} (${v.label})`, v.embedderId ?? 'none');
  if (served.reranker !== v.rerankerId) throw createError('AB_MODEL_MISSING', `${v.id} (${v.label})`, v.rerankerId ?? 'none');
}

/** Top N article ids (top K without reranking) of each query, at the version's budget for the preset. */
async function runVersion(
  v: BackboneVersion, preset: PresetName, queries: readonly string[], lib: Library, onEach: (done: number) => void, signal?: AbortSignal,
): Promise<number[][]> {
  const { k, n } = v.presets[preset];
  const shown = n === 0 ? k : n;
  const lists: number[][] = [];
  for (const [i, query] of queries.entries()) {
    if (signal?.aborted) throw createError('NOT_READY', 'Lexbone is closing; the A/B session was not prepared.');
    const res = await lib.search({ query, limit: shown, offset: 0, includeSuperseded: false, k, n });
    // A stage the version lacks is expected ("no reranker is installed"); a stage that failed is not.
    if (res.degraded && /failed/.test(res.degraded)) throw createError('INFERENCE_UNAVAILABLE', res.degraded);
    lists.push(res.hits.slice(0, shown).map((h) => h.articleId));
    onEach(i + 1);
  }
  return lists;
}

/**
 * Runs both versions and returns the session (not yet saved). The caller holds searches back
 * meanwhile and puts the active version's models back afterwards, even on failure.
 */
export async function prepareAbSession(input: PrepareInput, deps: PrepareDeps): Promise<AbSession> {
  const { versionA, versionB, queries, origin } = input;
  const { library, runtime, onProgress, signal } = deps;
  const total = 2 * queries.length;
  const lists: number[][][] = [];
  for (const [side, v] of [['a', versionA], ['b', versionB]] as const) {
    const before = side === 'a' ? 0 : queries.length;
    onProgress(`models-${side}`, before, total);
    await serveVersion(v, runtime);
    lists.push(await runVersion(v, origin.preset, queries, library, (d) => onProgress(`search-${side}`, before + d, total), signal));
  }
  const comparison = compareLists(
    queries.map((query, i) => ({ queryId: `q${i + 1}`, query, a: lists[0]![i]!, b: lists[1]![i]! })),
    { seed: input.seed },
  );
  return createAbSession({
    versionA: { id: String(versionA.id), label: versionA.label },
    versionB: { id: String(versionB.id), label: versionB.label },
    querySet: `${queries.length} ${origin.source === 'history' ? 'recent searches' : 'pasted queries'} (${origin.preset})`,
    comparison,
    origin,
  });
}
