/**
 * The service's access settings from its command-line flags: where it may listen, whether keys
 * are required, the applications file, TLS and the body limit. Refuses a bad combination with a
 * typed error before anything listens.
 */
import { dirname, join, resolve } from 'node:path';
import { createError } from '../contract/errors';
import { accessMiddleware } from './access-middleware';
import { mcpAccess, type McpGuard } from './mcp-access';
import { AppRegistry } from './app-registry';
import { accessPolicy, loadTls, type TlsFiles } from './binding';
import { MAX_BODY_BYTES } from './http-server';
import { metricsAccess, type RouteGuard } from './metrics-access';
import type { ApiMiddleware } from './middleware';

/** The flags, as node:util parseArgs gives them (see ACCESS_FLAGS). */
export interface AccessFlagValues {
  host: string;
  'allow-lan'?: boolean;
  'require-keys'?: boolean;
  'apps-db'?: string;
  'tls-cert'?: string;
  'tls-key'?: string;
  'max-body-bytes'?: string;
}

/** parseArgs options of the access flags. */
export const ACCESS_FLAGS = {
  'allow-lan': { type: 'boolean', default: false },
  'require-keys': { type: 'boolean', default: false },
  'apps-db': { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'max-body-bytes': { type: 'string' },
} as const;

export interface AccessSetup {
  middleware: ApiMiddleware[];
  /** The key check of GET /metrics (a `metrics` or `admin` key where keys are required). */
  metricsAccess: RouteGuard;
  /** Who opens the MCP endpoint (the API's keys; scopes are checked per tool call). */
  mcpAccess: McpGuard;
  tls: TlsFiles | null;
  maxBodyBytes: number;
  requireKeys: boolean;
  registry: AppRegistry;
  /** Lines worth printing at start (e.g. keys required but no application yet). */
  notes: string[];
  close(): void;
}

/** The applications file: --apps-db, else apps.db beside the library. */
export const defaultAppsDb = (dbPath: string): string => join(dirname(dbPath), 'apps.db');

export function accessSetup(flags: AccessFlagValues, dbPath: string): AccessSetup {
  const policy = accessPolicy({ host: flags.host, allowLan: !!flags['allow-lan'], requireKeys: !!flags['require-keys'] });
  const tls = loadTls(flags['tls-cert'] && resolve(flags['tls-cert']), flags['tls-key'] && resolve(flags['tls-key']));
  const raw = flags['max-body-bytes'];
  if (raw !== undefined && !(/^\d+$/.test(raw) && Number(raw) >= 1024 && Number(raw) <= 64 * 1024 * 1024)) {
    throw createError('INVALID_REQUEST', `--max-body-bytes must be a whole number of bytes from 1024 to 67108864 (got "${raw}")`);
  }
  const registry = new AppRegistry(resolve(flags['apps-db'] ?? defaultAppsDb(dbPath)));
  const notes: string[] = [];
  if (policy.lan && !tls) notes.push('warning: listening beyond loopback without TLS: keys and answers cross the network in clear text (--tls-cert/--tls-key).');
  if (policy.requireKeys && registry.activeCount() === 0) notes.push(`note: keys are required and ${registry.path} has no application yet: npm run cli -- apps create <name>.`);
  const access = { registry, requireKeys: policy.requireKeys };
  return {
    middleware: accessMiddleware(access),
    metricsAccess: metricsAccess(access),
    mcpAccess: mcpAccess(access),
    tls,
    maxBodyBytes: raw === undefined ? MAX_BODY_BYTES : Number(raw),
    requireKeys: policy.requireKeys,
    registry,
    notes,
    close: () => registry.close(),
  };
}
