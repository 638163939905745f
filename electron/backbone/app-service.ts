import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createError, toApiError } from '../contract/errors';
import { said } from '../contract/said';
import type { ApiHandlers } from '../contract/api';
import type { IndexingControl } from '../contract/models-types';
import type { BackboneHealth } from '../contract/ops-types';
import type { AppStatus, BackboneVersion, ModelsStatus } from '../contract/types';
import { InferenceClient } from './inference/client';
import type { HostChannel } from './inference/host-protocol';
import { runImportJob } from './ingest/import-job';
import { Library } from './library';
import { ModelRuntime } from './runtime/model-runtime';
import { folderHandlers } from './folders/folder-handlers';
import { FolderStore } from './folders/folder-store';
import { feedbackHandlers } from './feedback/feedback-handlers';
import { FeedbackStore } from './feedback/feedback-store';
import { FeedbackTrainingJob } from './train/feedback-training-job';
import { readReportFile } from './eval/report-file';
import { StatuteImports } from './ingest/statute-imports';
import { activateBuiltinVersion } from './runtime/builtin-version';
import { indexingKnobs } from './runtime/indexing-knobs';
import type { WantedModels } from './runtime/missing-models';
import { BUNDLED_EVALUATION, sourceMcpLaunch } from './paths';
import { AssistantRegistry } from './assistants/assistant-registry';
import { buildContextPack } from './context/context-pack';
import type { McpLaunch } from '../contract/assistant-types';
import { createAbService } from './ab/ab-handlers';
import { lawHandlers } from './laws/law-handlers';
import { ResearchRuns, researchHandlers } from './research/research-runs';
import type { ResearchRunOptions } from './research/research-run';
import { dataLocations } from './locations';
import { modelMethods } from './runtime/model-methods';

export interface AppServiceOptions {
  dbPath: string;
  /** Corpus imported on first run when the library is empty (null: none). */
  corpusPath: string | null;
  /** The import worker script (built .js in the app, a tsx bootstrap under Node). */
  importWorkerPath: string;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** Model folders (the bundled models/ and the user's); none: lexical search only. */
  modelDirs?: string[];
  /** Starts the inference host (a Node child process, or Electron's utilityProcess). */
  spawnInferenceHost?: () => HostChannel;
  /** The user's research folders and search history (default: research.db beside the library). */
  researchDbPath?: string;
  /** The evaluation report shown on the evaluation page (default: the one in resources/; null: none). */
  evaluationPath?: string | null;
  /** Model ids to serve; undefined = chosen by stage; null = none. */
  embedder?: string | null;
  reranker?: string | null;
  /** Deep-research runs: reranker batch size, and a test-only pause after each batch. */
  research?: ResearchRunOptions;
  /** Folders importStatutes({ path }) may read from (the shared service); absent: any absolute path. */
  importRoots?: readonly string[] | null;
  /** A/B preparations: a test-only wait after each search, so one can be watched and cancelled. */
  ab?: { searchDelayMs?: number };
  /**
   * How an AI assistant connects: the stdio server's command (default: `npm run mcp`'s, from this
   * checkout) and the shared service's MCP endpoint, once it listens (default: none).
   */
  assistant?: { stdio?: McpLaunch; httpUrl?: () => string | null };
}

export interface AppService {
  handlers: ApiHandlers;
  /** Opens the library and, on first run, starts importing the bundled corpus in the background. */
  start(): void;
  /** Resolves when the first-run import and model loading / indexing have finished. */
  idle(): Promise<void>;
  /**
   * Resolves when searches are answered as they will be: the library open (after a first-run
   * import), its in-memory lexical copy built and the models loaded, or either failed; not waiting
   * for an index build.
   */
  serving(): Promise<void>;
  /** The AI assistants connected to this library (MCP servers record theirs here). */
  assistants: AssistantRegistry;
  /** The backbone's state for readiness probes, metrics and the audit log (cheap: no search; the article count is cached 2 s). */
  health(): BackboneHealth;
  close(): Promise<void>;
}

const NOT_INDEXING: IndexingControl = { state: 'idle', indexing: null };

const NO_MODELS: ModelsStatus = {
  installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, missingModels: [], error: null,
};

/**
 * The application behind every shell (Electron IPC, the HTTP server): one library, a first-run
 * import with progress, the models and their vector index, and an error state (e.g. a damaged
 * database) that the UI can show.
 */
export function createAppService(opts: AppServiceOptions): AppService {
  let lib: Library | null = null;
  let job: Promise<unknown> | null = null;
  let runtime: ModelRuntime | null = null;
  let client: InferenceClient | null = null;
  let research: FolderStore | null = null;
  /** Where model loading stands (health()): none configured, loading, or done (runtime status says how). */
  let modelsPhase: 'none' | 'loading' | 'done' = 'none';
  /** Opened on first use: a damaged research.db fails the folder methods, never search. */
  const folders = (): FolderStore => (research ??= new FolderStore(opts.researchDbPath ?? join(dirname(opts.dbPath), 'research.db'), { nativeBinding: opts.nativeBinding }));
  let feedback: FeedbackStore | null = null;
  /** Feedback lives in research.db beside the folders, over the same connection. */
  const feedbackStore = (): FeedbackStore => (feedback ??= new FeedbackStore(folders().db));
  const runs = new ResearchRuns(opts.research);
  // The new version's model is in a model folder now: the runtime lists it, so the version can be A/B-tested and activated.
  const training = new FeedbackTrainingJob(opts.importWorkerPath, () => runtime?.rescanModels());
  const abort = new AbortController();
  const status: AppStatus = { state: 'importing', progress: null, error: null, lastImport: null };
  /** The user's own statute imports; afterwards the new articles are indexed in the background. */
  const imports = new StatuteImports({
    dbPath: opts.dbPath, workerPath: opts.importWorkerPath, nativeBinding: opts.nativeBinding, importRoots: opts.importRoots,
    // One writer at a time: the background indexing waits while the import worker writes.
    holdWriters: async () => (runtime ? runtime.holdIndexing() : () => undefined),
    onImported: () => {
      lib?.refresh();
      void runtime?.reindex();
    },
  });

  const ready = (): Library => {
    if (status.state === 'error') throw createError('NOT_READY', said(status.error!.message, status.error!.messageZh ?? status.error!.message));
    if (!lib) throw createError('NOT_READY', said('the library is still opening.', '法规库仍在打开中。'));
    return lib;
  };

  async function firstRunImport(l: Library, corpus: string): Promise<void> {
    status.state = 'importing';
    status.progress = { phase: 'starting', done: 0, total: 1, etaMs: null };
    try {
      status.lastImport = await runImportJob(
        opts.importWorkerPath,
        { dbPath: opts.dbPath, source: corpus, nativeBinding: opts.nativeBinding },
        (p) => (status.progress = p),
        abort.signal,
      );
      l.refresh();
      status.state = 'ready';
      status.progress = null;
    } catch (e) {
      status.state = 'error';
      status.error = toApiError(e);
    }
  }

  /** Resolves once the lexical copy is built and the models are loaded (see serving()); set by start(). */
  let servingNow: Promise<unknown> = Promise.resolve();

  /** Loads the models (not waiting for their index: runtime.idle() does). */
  async function loadModels(l: Library): Promise<void> {
    if (!opts.spawnInferenceHost || !opts.modelDirs?.length || abort.signal.aborted) return;
    modelsPhase = 'loading';
    client = new InferenceClient({ spawn: opts.spawnInferenceHost });
    appliedVersion = l.activeVersion()?.id ?? null;
    runtime = new ModelRuntime(l, client, { modelDirs: opts.modelDirs, hostNativeBinding: opts.nativeBinding, ...indexingKnobs() });
    try {
      await runtime.start(wantedModels(l));
    } finally {
      modelsPhase = 'done';
    }
  }

  /** The models to serve: ids given at start-up win, then the active backbone version's, else chosen by stage. */
  const wantedModels = (l: Library): WantedModels => {
    const version = l.activeVersion();
    const pinned = opts.embedder === undefined && opts.reranker === undefined && version;
    return {
      embedder: opts.embedder !== undefined ? opts.embedder : version ? version.embedderId : undefined,
      reranker: opts.reranker !== undefined ? opts.reranker : version ? version.rerankerId : undefined,
      version: pinned ? { id: version.id, label: version.label } : null,
    };
  };

  /** The version whose models the runtime was last asked to serve. */
  let appliedVersion: number | null = null;

  /** After a version change: the models switch in the background (status shows the indexing). */
  const switchModels = (l: Library, v: BackboneVersion | null): BackboneVersion | null => {
    appliedVersion = v?.id ?? null;
    void runtime?.apply(wantedModels(l));
    return v;
  };

  /** Follows a version activated elsewhere (the CLI, another app on the same library) on the next search. */
  const followVersion = (l: Library): Library => {
    const v = l.syncActiveVersion();
    if (runtime && (v?.id ?? null) !== appliedVersion) switchModels(l, v);
    return l;
  };

  /**
   * Blind A/B sessions in `<data folder>/ab/`; a preparation loads each version's models as a set of
   * its own in the same inference host, so searches here go on with the active version meanwhile.
   */
  const ab = createAbService({
    dir: join(dirname(opts.dbPath), 'ab'), library: ready, runtime: () => runtime, history: (n) => folders().history(n), signal: abort.signal,
    searchDelayMs: opts.ab?.searchDelayMs,
  });

  const models = modelMethods(ready, () => runtime);
  const assistants = new AssistantRegistry(join(dirname(opts.dbPath), 'assistants'));
  const folderMethods = folderHandlers(folders, ready);
  /** The backbone version serving searches now (what a feedback mark records). */
  const servedVersion = (): number | null => appliedVersion ?? ready().activeVersion()?.id ?? null;

  return {
    handlers: {
      search: (req, call) => followVersion(ready()).search(req, { signal: call?.signal }),
      article: (req) => ready().article(req),
      laws: (req) => ready().laws(req),
      stats: () => ready().stats(),
      status: () => structuredClone(status),
      models: () => structuredClone(runtime?.status() ?? NO_MODELS),
      versions: () => ready().versions(),
      activateVersion: (req) => switchModels(ready(), ready().activateVersion(req.id))!,
      rollbackVersion: () => switchModels(ready(), ready().rollbackVersion())!,
      ...folderMethods,
      // Pinning a result from a list marks it relevant for the query that led there.
      pinArticle: async (req) => {
        const pin = await folderMethods.pinArticle(req);
        if (req.from) {
          feedbackStore().mark('', {
            query: req.from.query, article: { lawTitle: pin.lawTitle, lawVersion: pin.lawVersion, label: pin.label, citation: pin.citation }, mark: 'relevant', source: 'pin',
            versionId: servedVersion(), preset: req.from.preset ?? null, rank: req.from.rank ?? null,
          });
        }
        return pin;
      },
      ...feedbackHandlers(feedbackStore, ready, servedVersion),
      trainFromFeedback: (req) => {
        const l = ready();
        const dirs = opts.modelDirs ?? [];
        if (!dirs.length) throw createError('FEEDBACK_TRAINING_UNAVAILABLE', 'model folders (the app runs without models)', '模型文件夹（当前未加载模型）');
        // What serves now: the active version's models, else the runtime's own choice.
        const served = runtime?.status();
        const v = l.activeVersion();
        return training.start({
          dbPath: opts.dbPath, nativeBinding: opts.nativeBinding, modelDirs: dirs, outDir: dirs.at(-1)!,
          feedback: feedbackStore().all(null),
          embedderId: v ? v.embedderId : served?.embedder?.id ?? null, rerankerId: v ? v.rerankerId : served?.reranker?.id ?? null,
          trainEmbedder: req.embedder,
        });
      },
      feedbackTraining: () => training.status(),
      cancelFeedbackTraining: () => training.cancel(),
      evaluation: () => readReportFile(opts.evaluationPath === undefined ? BUNDLED_EVALUATION : opts.evaluationPath),
      ...ab.handlers,
      ...lawHandlers(ready),
      ...researchHandlers(runs, () => followVersion(ready())),
      locations: () => dataLocations(opts.dbPath, opts.researchDbPath),
      pauseIndexing: async () => (runtime ? runtime.pause() : NOT_INDEXING),
      resumeIndexing: () => (runtime ? runtime.resume() : NOT_INDEXING),
      importStatutes: (req) => {
        if (status.state === 'importing') throw createError('IMPORT_RUNNING');
        ready();
        return imports.start(req);
      },
      uploadStatutes: (req) => imports.upload(req),
      importStatus: () => imports.view(),
      useBuiltinModels: (req) => switchModels(ready(), activateBuiltinVersion(ready(), runtime?.installedModels() ?? [], req.label))!,
      embed: (req) => models.embed(req),
      rerank: (req) => models.rerank(req),
      // The library drops its cached glossary after an import or a removal: the next search sees it.
      glossary: () => ready().glossaryStatus(),
      importGlossary: (req) => ready().importGlossary(req.text, req.fileName),
      removeGlossaryFile: (req) => ({ removed: ready().removeGlossaryFile(req.fileName) }),
      contextPack: (req, call) => {
        const l = followVersion(ready());
        return buildContextPack({ search: (r, signal) => l.search(r, { signal }), reader: l.searchService.reader }, req, call?.signal);
      },
      assistantConnection: () => ({
        stdio: opts.assistant?.stdio ?? sourceMcpLaunch(opts.dbPath),
        httpUrl: opts.assistant?.httpUrl?.() ?? null,
        connected: assistants.list(),
      }),
    },
    assistants,
    start() {
      try {
        mkdirSync(dirname(opts.dbPath), { recursive: true });
        lib = new Library(opts.dbPath, { nativeBinding: opts.nativeBinding });
      } catch (e) {
        status.state = 'error';
        status.error = toApiError(e);
        return;
      }
      const l = lib;
      const imported = l.isEmpty() && opts.corpusPath && existsSync(opts.corpusPath) ? firstRunImport(l, opts.corpusPath) : null;
      if (!imported) status.state = 'ready';
      // Once the library is there: the in-memory lexical index builds in the background (FTS5
      // answers meanwhile) while the models load and index.
      const warm = (imported ?? Promise.resolve()).then(() => {
        if (status.state !== 'ready') return null;
        return { lexical: l.warmLexical(), models: loadModels(l) };
      });
      servingNow = warm.then((w) => w && Promise.all([w.lexical, w.models])).catch(() => undefined);
      job = warm.then((w) => w && Promise.all([w.lexical, w.models.then(() => runtime?.idle())]));
    },
    health() {
      const models = runtime?.status() ?? NO_MODELS;
      const phase: BackboneHealth['models'] =
        modelsPhase === 'none' ? 'none' : modelsPhase === 'loading' ? 'loading' : models.embedder || models.reranker ? 'loaded' : models.error ? 'failed' : 'none';
      let libraryArticles: number | null = null;
      let versionId: number | null = appliedVersion;
      if (lib && status.state !== 'error') {
        try {
          libraryArticles = lib.articleCount();
          if (!runtime) versionId = lib.activeVersion()?.id ?? null;
        } catch {
          libraryArticles = null; // a damaged store shows in status; health stays answerable
        }
      }
      return {
        library: status.state === 'error' ? 'error' : !lib ? 'opening' : status.state,
        libraryError: status.error,
        userImport: imports.view().state === 'running',
        models: phase,
        modelsError: models.error,
        embedder: models.embedder?.id ?? null,
        reranker: models.reranker?.id ?? null,
        index: models.index ? { state: models.index.state, articles: models.index.articles } : null,
        libraryArticles,
        inferenceRestarts: client?.restarts ?? 0,
        versionId,
      };
    },
    serving: async () => {
      await servingNow;
    },
    async idle() {
      await job;
      await imports.idle();
      await runtime?.idle();
    },
    async close() {
      abort.abort();
      lib?.stopBackground();
      await ab.idle();
      await runs.close();
      await training.close();
      await imports.close();
      // Stop the indexing pass (and above, the lexical warm-up) before waiting for the start-up job,
      // which waits for both: else closing waits for the whole index build (a quit 3 s after a
      // first-run import took 27 s).
      // What the pass committed stays, and the next start resumes it; a start-up job that has not
      // reached the models yet sees the abort and starts none.
      await runtime?.close();
      await job?.catch(() => undefined);
      await client?.close();
      research?.close();
      research = null;
      feedback = null;
      lib?.close();
      lib = null;
    },
  };
}
