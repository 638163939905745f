/**
 * npm run cli -- apps create <name> [--scopes search,admin] [--preset quick] [--rate 600] [--concurrency 8]
 *                 apps list | apps revoke <name>          (--apps-db <file>, else apps.db beside --db)
 * The key is printed once, on create; the registry keeps only a salted hash of it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApplicationView } from '../contract/access-types';
import { createError } from '../contract/errors';
import { defaultDbPath } from '../backbone/paths';
import { AppRegistry, type NewApplicationInput } from '../server/app-registry';
import { defaultAppsDb } from '../server/access-setup';

export const APPS_USAGE = `Usage:
  npm run cli -- apps create <name> [--scopes search,admin] [--preset quick|standard|research] [--rate <per minute>] [--concurrency <n>]
  npm run cli -- apps list
  npm run cli -- apps revoke <name>
Options: --apps-db <file> (default: apps.db beside the library database, --db)
`;

export interface AppsFlags {
  db?: string;
  'apps-db'?: string;
  scopes?: string;
  preset?: string;
  rate?: string;
  concurrency?: string;
  json?: boolean;
}

const out = (s: string): void => void process.stdout.write(s + '\n');

/** A whole number flag, or undefined; anything else is refused with the flag's name. */
function intFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw createError('INVALID_REQUEST', `--${name} must be a whole number (got "${v}")`);
  return Number(v);
}

function describe(a: ApplicationView): string {
  const state = a.revokedAt ? `revoked ${a.revokedAt}` : `last used ${a.lastUsedAt ?? 'never'}`;
  return `${a.name}  key ${a.keyId}  scopes ${a.scopes.join(',')}  preset ${a.defaultPreset}  ${a.ratePerMinute}/min  ${a.concurrency} at once  created ${a.createdAt}  ${state}`;
}

export function runAppsCommand(args: string[], flags: AppsFlags): number {
  const [sub, name] = args;
  if (!sub || !['create', 'list', 'revoke'].includes(sub) || (sub !== 'list' && !name)) {
    process.stderr.write(APPS_USAGE);
    return 2;
  }
  const path = resolve(flags['apps-db'] ?? defaultAppsDb(resolve(flags.db ?? defaultDbPath())));
  mkdirSync(dirname(path), { recursive: true });
  const registry = new AppRegistry(path);
  try {
    if (sub === 'create') {
      const input: NewApplicationInput = {
        name: name!,
        scopes: flags.scopes === undefined ? undefined : (flags.scopes.split(',').map((s) => s.trim()).filter(Boolean) as NewApplicationInput['scopes']),
        defaultPreset: flags.preset as NewApplicationInput['defaultPreset'],
        ratePerMinute: intFlag('rate', flags.rate),
        concurrency: intFlag('concurrency', flags.concurrency),
      };
      const created = registry.create(input);
      if (flags.json) out(JSON.stringify(created, null, 2));
      else {
        out(`Created ${describe(created.application)}`);
        out(`Key (shown this once; Lexbone keeps only a hash of it):\n${created.key}`);
      }
    } else if (sub === 'revoke') {
      const revoked = registry.revoke(name!);
      if (flags.json) out(JSON.stringify(revoked, null, 2));
      else out(`Revoked ${revoked.name} (key ${revoked.keyId}): its requests are refused from now on.`);
    } else {
      const apps = registry.list();
      if (flags.json) out(JSON.stringify(apps, null, 2));
      else if (!apps.length) out(`No applications in ${path}. Create one: npm run cli -- apps create <name>`);
      else for (const a of apps) out(describe(a));
    }
    return 0;
  } finally {
    registry.close();
  }
}
