/**
 * Where the desktop app keeps and finds things: the database in userData, the bundled corpus,
 * the import worker next to the main bundle, the renderer, the preload, and (in development)
 * the better-sqlite3 binary rebuilt for Electron by scripts/electron-native.mjs.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app } from 'electron';
import { PACKAGED_RESOURCES, SOURCE_RESOURCES } from './resource-layout';

/** Relative to the app root; written by scripts/electron-native.mjs (`npm start`, `npm run dev`). */
const ELECTRON_NATIVE_BINDING = '.electron-native/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

export interface AppPaths {
  dbPath: string;
  /** The bundled corpus, or null when this build ships none. */
  corpusPath: string | null;
  importWorkerPath: string;
  /** The inference host, run as an Electron utilityProcess. */
  inferenceHostPath: string;
  /** The stdio MCP server an AI assistant starts (mcp-launch.ts). */
  mcpEntryPath: string;
  /** The evaluation report the app ships, or null. */
  evaluationPath: string | null;
  /** The bundled models and the user's models folder. */
  modelDirs: string[];
  /** better-sqlite3 compiled for Electron's ABI; undefined means "use the package's own build". */
  nativeBinding: string | undefined;
  preloadPath: string;
  /** What the window loads: the Vite dev server in `electron-vite dev`, else the built index.html. */
  renderer: { kind: 'dev-server'; url: string } | { kind: 'file'; path: string; url: string };
}

export function resolveAppPaths(): AppPaths {
  // out/main/index.js → out/main, out/preload, out/renderer
  const outMain = import.meta.dirname;
  const appRoot = app.getAppPath();

  // Packaged: electron-builder.yml's extraResources; unpackaged: the checkout.
  const resource = (name: keyof typeof PACKAGED_RESOURCES): string =>
    app.isPackaged ? join(process.resourcesPath, PACKAGED_RESOURCES[name]) : join(appRoot, SOURCE_RESOURCES[name]);
  const corpusPath = resource('corpus');
  const evaluationPath = resource('evaluation');

  const nativeBinding = join(appRoot, ELECTRON_NATIVE_BINDING);

  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const rendererFile = join(outMain, '..', 'renderer', 'index.html');

  return {
    dbPath: join(app.getPath('userData'), 'lexbone.db'),
    corpusPath: existsSync(corpusPath) ? corpusPath : null,
    evaluationPath: existsSync(evaluationPath) ? evaluationPath : null,
    importWorkerPath: join(outMain, 'import-worker.js'),
    inferenceHostPath: join(outMain, 'inference-host.js'),
    mcpEntryPath: join(outMain, 'mcp.js'),
    modelDirs: [resource('models'), join(app.getPath('userData'), 'models')],
    nativeBinding: !app.isPackaged && existsSync(nativeBinding) ? nativeBinding : undefined,
    preloadPath: join(outMain, '..', 'preload', 'index.cjs'),
    renderer:
      !app.isPackaged && devUrl
        ? { kind: 'dev-server', url: devUrl }
        : { kind: 'file', path: rendererFile, url: pathToFileURL(rendererFile).href },
  };
}
