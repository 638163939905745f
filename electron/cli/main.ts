/**
 * Lexbone's command line: npm run cli -- <command> [options]
 *   import <path>              import a folder/file of laws (markdown, .jsonl, .csv, .jsonl.gz corpus)
 *   search "<query>"           lexical search (or a citation such as 民法典第584条)
 *   article "<citation>"       print one article
 *   stats                      what the library holds
 *   versions | activate <id> | rollback   backbone versions
 *   apps create <name> | apps update <name> | apps list | apps revoke <name>   applications and API keys of the HTTP service
 * Options: --db <file> (default: the user's data folder), --json, --limit N, --category C,
 *          --law <name>, --all-versions, --as-of <YYYY-MM-DD>
 */
import { parseArgs } from 'node:util';
import { isLexboneError } from '../contract/errors';
import { runAppsCommand } from './apps';
import { runCommand, USAGE } from './commands';

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        category: { type: 'string' },
        law: { type: 'string' },
        'all-versions': { type: 'boolean', default: false },
        'as-of': { type: 'string' },
        // apps
        'apps-db': { type: 'string' },
        scopes: { type: 'string' },
        preset: { type: 'string' },
        rate: { type: 'string' },
        concurrency: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command, ...args] = parsed.positionals;
  if (!command || parsed.values.help) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  try {
    if (command === 'apps') return runAppsCommand(args, parsed.values);
    return await runCommand(command, args, parsed.values);
  } catch (e) {
    if (isLexboneError(e)) {
      process.stderr.write(`error [${e.code}]: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

main().then((code) => {
  process.exitCode = code;
});
