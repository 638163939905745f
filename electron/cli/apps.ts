/**
 * npm run cli -- apps create <name> [--scopes search,admin,metrics] [--preset quick] [--rate 600] [--concurrency 8]
 *                 apps update <name|key id> [--scopes …] [--preset …] [--rate N] [--concurrency N]
 *                 apps list | apps revoke <name|key id>   (--apps-db <file>, else apps.db beside --db)
 * The key is printed once, on create; the registry keeps only a salted hash of it. `update` keeps
 * the key; a running service applies the new settings from its next request.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ApiScope, ApplicationView } from '../contract/access-types';
import { createError } from '../contract/errors';
import { defaultDbPath } from '../backbone/paths';
import { AppRegistry, type ApplicationChangeInput, type NewApplicationInput } from '../server/app-registry';
import { defaultAppsDb } from '../server/access-setup';

const APPS_USAGE = `Usage:
  npm run cli -- apps create <name> [--scopes search,admin,metrics] [--preset quick|standard|research] [--rate <per minute>] [--concurrency <n>]
  npm run cli -- apps update <name|key id> [--scopes search,admin,metrics] [--preset quick|standard|research] [--rate <per minute>] [--concurrency <n>]
  npm run cli -- apps list
  npm run cli -- apps revoke <name|key id>
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

/** The --scopes list as given (validated by the registry, which names what is wrong). */
const scopesFlag = (v: string | undefined): ApiScope[] | undefined =>
  v === undefined ? undefined : (v.split(',').map((s) => s.trim()).filter(Boolean) as ApiScope[]);

function describe(a: ApplicationView): string {
  const state = a.revokedAt ? `revoked ${a.revokedAt}` : `last used ${a.lastUsedAt ?? 'never'}`;
  const changed = a.updatedAt ? `  changed ${a.updatedAt}` : '';
  return `${a.name}  key ${a.keyId}  scopes ${a.scopes.join(',')}  preset ${a.defaultPreset}  ${a.ratePerMinute}/min  ${a.concurrency} at once  created ${a.createdAt}${changed}  ${state}`;
}

/** What an update changed, as `scopes search → search,metrics; rate 600 → 60/min`. */
function changes(before: ApplicationView, after: ApplicationView): string {
  const fields: [string, (a: ApplicationView) => string][] = [
    ['scopes', (a) => a.scopes.join(',')],
    ['preset', (a) => a.defaultPreset],
    ['rate', (a) => `${a.ratePerMinute}/min`],
    ['concurrency', (a) => `${a.concurrency} at once`],
  ];
  const changed = fields.filter(([, f]) => f(before) !== f(after)).map(([label, f]) => `${label} ${f(before)} → ${f(after)}`);
  return changed.length ? changed.join('; ') : 'nothing changed (the values were already these)';
}

export function runAppsCommand(args: string[], flags: AppsFlags): number {
  const [sub, name] = args;
  if (!sub || !['create', 'list', 'revoke', 'update'].includes(sub) || (sub !== 'list' && !name)) {
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
        scopes: scopesFlag(flags.scopes),
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
    } else if (sub === 'update') {
      const { before, after } = registry.update(name!, {
        scopes: scopesFlag(flags.scopes),
        defaultPreset: flags.preset as ApplicationChangeInput['defaultPreset'],
        ratePerMinute: intFlag('rate', flags.rate),
        concurrency: intFlag('concurrency', flags.concurrency),
      });
      if (flags.json) out(JSON.stringify(after, null, 2));
      else {
        out(`Updated ${after.name} (key ${after.keyId}, unchanged): ${changes(before, after)}.`);
        out('A running service applies it from the next request.');
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
