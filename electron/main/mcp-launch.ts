/**
 * How an AI assistant starts the desktop app's stdio MCP server: this Electron binary run as Node
 * (ELECTRON_RUN_AS_NODE) on the bundled out/main/mcp.js, over the app's own library, corpus and
 * model folders (and, unpackaged, the better-sqlite3 build for Electron's ABI).
 */
import type { McpLaunch } from '../contract/assistant-types';
import type { AppPaths } from './paths';

export function desktopMcpLaunch(paths: AppPaths, execPath: string = process.execPath): McpLaunch {
  const args = [paths.mcpEntryPath, '--db', paths.dbPath];
  if (paths.corpusPath) args.push('--corpus', paths.corpusPath);
  for (const dir of paths.modelDirs) args.push('--models', dir);
  if (paths.nativeBinding) args.push('--native-binding', paths.nativeBinding);
  return { command: execPath, args, env: { ELECTRON_RUN_AS_NODE: '1' } };
}
