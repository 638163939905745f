/**
 * Prepares an A/B session in the app: runs the query set through the app's own search pipeline
 * once per backbone version — each version with its own models (a model set of its own in the
 * app's inference host, runtime/model-set.ts, while the app's runtime keeps serving the active
 * version) and its own preset budget — and blinds the two result lists with `compareLists`. The
 * same measurement as `npm run ab -- prepare`, without a second inference process.
 */
import { createError } from '../../contract/errors';
import type { BackboneVersion, PresetName } from '../../contract/types';
import type { Library } from '../library';
import type { ModelRuntime } from '../runtime/model-runtime';
import type { ModelSet } from '../runtime/model-set';
import type { SearchModels } from '../pipeline/search-service';
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
  /** The user cancelled: stops before the next search (or indexing batch); throws AB_CANCELLED. */
  cancel?: AbortSignal;
  /** The app is closing: stops the same way; throws NOT_READY. */
  closing?: AbortSignal;
  /** Test-only: a wait after each search (ended early by a stop), so a preparation can be watched and cancelled. */
  searchDelayMs?: number;
}

/** Versions whose models are not installed cannot be measured: refused before anything runs. */
export function checkModelsInstalled(v: BackboneVersion, runtime: ModelRuntime | null): void {
  const installed = new Set(runtime?.status().installed.map((m) => m.id) ?? []);
  for (const id of [v.embedderId, v.rerankerId]) {
    if (id !== null && !installed.has(id)) throw createError('AB_MODEL_MISSING', `${v.id} (${v.label})`, id);
  }
}

/** Throws when the preparation was asked to stop. */
function checkStop(deps: PrepareDeps): void {
  if (deps.cancel?.aborted) throw createError('AB_CANCELLED');
  if (deps.closing?.aborted) throw createError('NOT_READY', 'Lexbone is closing; the A/B session was not prepared.');
}

/** Either stop: a cancel or the app closing (checkStop tells them apart). */
function stopSignal(deps: PrepareDeps): AbortSignal {
  return AbortSignal.any([deps.cancel, deps.closing].filter((s): s is AbortSignal => s !== undefined));
}

/** Waits `ms`, or less when `stop` fires. */
function pause(ms: number, stop: AbortSignal): Promise<void> {
  if (ms <= 0 || stop.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => (clearTimeout(timer), stop.removeEventListener('abort', done), resolve());
    const timer = setTimeout(done, ms);
    stop.addEventListener('abort', done, { once: true });
  });
}

/** The version's own models in the app's inference host (its index built first if need be); none for a lexical version. */
async function openVersion(v: BackboneVersion, deps: PrepareDeps): Promise<ModelSet | null> {
  if (v.embedderId === null && v.rerankerId === null) return null;
  if (!deps.runtime) throw createError('AB_MODEL_MISSING', `${v.id} (${v.label})`, v.embedderId ?? v.rerankerId!);
  try {
    return await deps.runtime.openModelSet({ embedder: v.embedderId, reranker: v.rerankerId }, { signal: stopSignal(deps) });
  } catch (e) {
    checkStop(deps); // an index build stopped by a cancel is a cancel, not a failure
    throw e;
  }
}

/** Top N article ids (top K without reranking) of each query, at the version's budget for the preset. */
async function runVersion(
  v: BackboneVersion, models: SearchModels, preset: PresetName, queries: readonly string[], deps: PrepareDeps, onEach: (done: number) => void,
): Promise<number[][]> {
  const { k, n } = v.presets[preset];
  const shown = n === 0 ? k : n;
  const lists: number[][] = [];
  const stop = stopSignal(deps);
  for (const [i, query] of queries.entries()) {
    checkStop(deps);
    const res = await deps.library.search({ query, limit: shown, offset: 0, includeSuperseded: false, k, n }, { models });
    // A stage the version lacks is expected ("no reranker is installed"); a stage that failed is not.
    if (res.degraded && /failed/.test(res.degraded)) throw createError('INFERENCE_UNAVAILABLE', res.degraded);
    lists.push(res.hits.slice(0, shown).map((h) => h.articleId));
    onEach(i + 1);
    await pause(deps.searchDelayMs ?? 0, stop);
  }
  return lists;
}

/**
 * Runs both versions and returns the session (not yet saved). Each version's model set is closed
 * when its searches are done, also on a failure or a cancel; the app's runtime is never touched.
 */
export async function prepareAbSession(input: PrepareInput, deps: PrepareDeps): Promise<AbSession> {
  const { versionA, versionB, queries, origin } = input;
  const total = 2 * queries.length;
  const lists: number[][][] = [];
  for (const [side, v] of [['a', versionA], ['b', versionB]] as const) {
    const before = side === 'a' ? 0 : queries.length;
    checkStop(deps);
    deps.onProgress(`models-${side}`, before, total);
    const set = await openVersion(v, deps);
    try {
      const models = set?.models ?? { dense: null, reranker: null };
      lists.push(await runVersion(v, models, origin.preset, queries, deps, (d) => deps.onProgress(`search-${side}`, before + d, total)));
    } finally {
      await set?.close();
    }
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
