/**
 * Opens the backbone service for the desktop app. If the backbone cannot even be created (say the
 * database file is unreadable), the app still starts: `status` reports the error and every other
 * method fails with it, so the renderer shows an error screen instead of a blank window.
 */
import { createAppService, type AppService } from '../backbone/app-service';
import type { ApiHandlers } from '../contract/api';
import { API_METHODS } from '../contract/methods';
import { LexboneError, toApiError, type ApiErrorShape } from '../contract/errors';
import { dataLocations } from '../backbone/locations';
import { spawnUtilityHost } from './inference-host';
import { desktopMcpLaunch } from './mcp-launch';
import { AssistantRegistry } from '../backbone/assistants/assistant-registry';
import { dirname, join } from 'node:path';
import type { AppPaths } from './paths';

export type { AppService };

export function openAppService(paths: AppPaths): AppService {
  try {
    const service = createAppService({
      dbPath: paths.dbPath,
      corpusPath: paths.corpusPath,
      importWorkerPath: paths.importWorkerPath,
      nativeBinding: paths.nativeBinding,
      modelDirs: paths.modelDirs,
      evaluationPath: paths.evaluationPath,
      spawnInferenceHost: () => spawnUtilityHost(paths.inferenceHostPath),
      assistant: { stdio: desktopMcpLaunch(paths) },
    });
    service.start();
    return service;
  } catch (e) {
    console.error('[lexbone] the backbone failed to start:', e);
    return failedService(toApiError(e), paths);
  }
}

function failedService(error: ApiErrorShape, paths: AppPaths): AppService {
  const fail = (): never => {
    throw LexboneError.fromShape(error);
  };
  // Every method fails with the startup error, except the two that report it and where the files are.
  const handlers = {
    ...(Object.fromEntries(API_METHODS.map((m) => [m, fail])) as unknown as ApiHandlers),
    status: () => ({ state: 'error' as const, progress: null, error, lastImport: null }),
    models: () => ({ installed: [], problems: [], embedder: null, reranker: null, index: null, indexing: null, missingModels: [], error }),
    locations: () => dataLocations(paths.dbPath),
  } satisfies ApiHandlers;
  const health = () => ({
    library: 'error' as const, libraryError: error, userImport: false, models: 'none' as const, modelsError: null,
    embedder: null, reranker: null, index: null, libraryArticles: null, inferenceRestarts: 0, versionId: null,
  });
  const assistants = new AssistantRegistry(join(dirname(paths.dbPath), 'assistants'));
  return { handlers, assistants, start() {}, idle: async () => {}, serving: async () => {}, health, close: async () => {} };
}
