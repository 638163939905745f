import { builtinModules } from 'node:module';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The production CSP in renderer/index.html forbids inline scripts and websockets. The Vite dev
 * server needs both (React Refresh preamble, HMR socket), so `electron-vite dev` relaxes it; the
 * built app keeps the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'lexbone:dev-csp',
    apply: 'serve',
    transformIndexHtml(html) {
      return html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*");
    },
  };
}

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * The renderer imports nothing from Node or Electron and, from electron/, only the contract
 * (types, API_METHODS, httpRoute). Checked on every renderer build.
 */
function rendererBoundary(): Plugin {
  const rendererDir = fromRoot('./renderer') + sep;
  const electronDir = fromRoot('./electron') + sep;
  const contractDir = fromRoot('./electron/contract') + sep;
  return {
    name: 'lexbone:renderer-boundary',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.startsWith(rendererDir)) return null;
      const where = relative(fromRoot('.'), importer);
      if (NODE_BUILTINS.has(source) || source === 'electron' || source.startsWith('electron/')) {
        this.error(`${where} imports "${source}": the renderer must not use Node or Electron modules.`);
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const id = resolved?.id.split('?')[0];
      if (id?.startsWith(electronDir) && !id.startsWith(contractDir)) {
        this.error(`${where} imports ${relative(fromRoot('.'), id)}: from electron/ the renderer may use only electron/contract.`);
      }
      return resolved;
    },
  };
}

/** A sandboxed preload can require only 'electron': fail the build if the bundle needs more. */
function sandboxedPreload(): Plugin {
  return {
    name: 'lexbone:sandboxed-preload',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const extra = chunk.imports.filter((m) => m !== 'electron');
        if (extra.length) this.error(`${chunk.fileName} requires ${extra.join(', ')}; a sandboxed preload may require only 'electron'.`);
        if (!chunk.isEntry) this.error(`the preload was split into ${chunk.fileName}; it must be a single file.`);
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      // better-sqlite3 and the other `dependencies` stay external (electron-vite's default).
      rolldownOptions: {
        input: {
          index: fromRoot('./electron/main/index.ts'),
          // worker_threads entry for the first-run import; lands at out/main/import-worker.js.
          'import-worker': fromRoot('./electron/backbone/import-worker.ts'),
          // utilityProcess entry that owns the ONNX sessions; lands at out/main/inference-host.js.
          'inference-host': fromRoot('./electron/backbone/inference/host.ts'),
          // The stdio MCP server an AI assistant starts (Electron run as Node); lands at out/main/mcp.js.
          mcp: fromRoot('./electron/mcp/stdio-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload must be one CommonJS file that requires only 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('./electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
    plugins: [sandboxedPreload()],
  },
  renderer: {
    root: fromRoot('./renderer'),
    build: {
      outDir: fromRoot('./out/renderer'),
      // electron-vite leaves the renderer unminified; minified it is a third of the size (first paint).
      minify: true,
      rolldownOptions: { input: fromRoot('./renderer/index.html') },
    },
    plugins: [rendererBoundary(), react(), devCsp()],
  },
});
