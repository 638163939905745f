import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The user's data folder: the same place Electron's app.getPath('userData') gives for an app named
 * Lexbone, so the CLI and the desktop app share one database. LEXBONE_HOME overrides it.
 */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.LEXBONE_HOME) return env.LEXBONE_HOME;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Lexbone');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Lexbone');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Lexbone');
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(userDataDir(env), 'lexbone.db');
}

/** The bundled corpus in a source checkout (CLI, service); the desktop app resolves its own copy. */
export const BUNDLED_CORPUS = fileURLToPath(new URL('../../resources/corpus/laws-cn.jsonl.gz', import.meta.url));

/** The evaluation report the app ships (`npm run eval -- --report-json`), in a source checkout. */
export const BUNDLED_EVALUATION = fileURLToPath(new URL('../../resources/evaluation/report.json', import.meta.url));

/** The lawyer-style validation queries (resources/evaluation/lawyer-queries.md), in a source checkout. */
export const LAWYER_QUERIES = fileURLToPath(new URL('../../resources/evaluation/lawyer-queries.json', import.meta.url));

/** STARD's train questions (MIT licence) shipped for evaluation: the validation split measures a backbone trained from feedback. */
export const BUNDLED_STARD_QUERIES = fileURLToPath(new URL('../../resources/evaluation/stard/queries.train.json', import.meta.url));

/** The stdio MCP server in a source checkout (`npm run mcp`), and tsx to run it. */
const MCP_STDIO_ENTRY = fileURLToPath(new URL('../mcp/stdio-main.ts', import.meta.url));
const TSX_BIN = fileURLToPath(new URL(`../../node_modules/.bin/tsx${process.platform === 'win32' ? '.cmd' : ''}`, import.meta.url));

/** How an assistant starts the stdio MCP server over the library at `dbPath`, from a source checkout. */
export function sourceMcpLaunch(dbPath: string): { command: string; args: string[] } {
  return { command: TSX_BIN, args: [MCP_STDIO_ENTRY, '--db', dbPath] };
}
