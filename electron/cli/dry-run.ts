/**
 * `--dry-run` for the measuring commands (eval, select, bench, load, train, ab): after the options
 * are parsed and checked, say what the command would read — the query file with its number of
 * questions, the library, the model folders — as one JSON line, and stop before anything is
 * imported, trained or served. A file that does not exist is an error (exit 2) naming it. An
 * administrator can see what a command uses; a test runs every command this way from a fresh clone.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export const DRY_RUN_OPTION = { 'dry-run': { type: 'boolean', default: false } } as const;

export interface DryRunInputs {
  /** The STARD-format question file (counted), if the command reads one. */
  queries?: string;
  /** Other files and folders it reads, by name; undefined: not given (the command's default applies). */
  reads?: Record<string, string | string[] | undefined>;
  /** Files or folders it would create or use if there (a library db made on first run, an output folder). */
  writes?: Record<string, string | undefined>;
}

function countQuestions(path: string): number {
  const rows: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(rows)) throw new Error('not a JSON array of questions');
  return rows.length;
}

/** Prints what the command would use and exits: 0 when every input is there, 2 naming the first that is not. */
export function dryRunAndExit(command: string, inputs: DryRunInputs): never {
  const missing: string[] = [];
  const seen = (path: string) => {
    const full = resolve(path);
    if (!existsSync(full)) missing.push(full);
    return full;
  };
  let queries: { path: string; questions: number } | null = null;
  if (inputs.queries !== undefined) {
    const path = seen(inputs.queries);
    if (existsSync(path)) {
      try {
        queries = { path, questions: statSync(path).isFile() ? countQuestions(path) : 0 };
      } catch (e) {
        process.stderr.write(`${command}: ${path} is not a STARD question file (${(e as Error).message}).\n`);
        process.exit(2);
      }
    }
  }
  const reads = Object.fromEntries(
    Object.entries(inputs.reads ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, Array.isArray(v) ? v.map(seen) : seen(v!)]),
  );
  const writes = Object.fromEntries(Object.entries(inputs.writes ?? {}).filter(([, v]) => v !== undefined).map(([k, v]) => [k, resolve(v!)]));
  if (missing.length) {
    process.stderr.write(`${command}: ${missing[0]} does not exist. Give the right path, or leave the option out to use the default.\n`);
    process.exit(2);
  }
  process.stdout.write(JSON.stringify({ command, dryRun: true, queries, reads, writes }) + '\n');
  process.exit(0);
}
