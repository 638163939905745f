import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createError } from '../contract/errors';
import { SearchRequest } from '../contract/schemas';
import type { ArticleView, BackboneVersion, ImportReport, SearchResponse, Stats } from '../contract/types';
import { Library } from '../backbone/library';
import { BUNDLED_CORPUS, defaultDbPath } from '../backbone/paths';
import { ensureCorpus, runImport } from './open-library';

export const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import <path>          import a folder or file of laws: laws-cn markdown folder or .md file,
                         STARD-style .jsonl {id,name,content}, .csv law,article,text, or a .jsonl.gz corpus
  search "<query>"       search (a citation such as 民法典第584条 opens that article)
  article "<citation>"   print one article, e.g. "劳动合同法 第三十九条"
  stats                  what the library holds
  versions               the backbone versions (models + presets); * marks the active one
  activate <id>          make a backbone version active (a running app or service follows on its next search)
  rollback               go back to the version active before the current one
  apps create <name>     an application of the HTTP service and its API key (shown once):
                         [--scopes search,admin,metrics] [--preset quick] [--rate 600] [--concurrency 8]
  apps update <name>     change its scopes, preset or limits; the key stays (same flags)
  apps list | apps revoke <name>   (--apps-db <file>, default apps.db beside the database)

Options:
  --db <file>            database file (default: ${defaultDbPath()})
  --json                 machine-readable output
  --limit <n>            number of results (search; default 10)
  --category <name>      only laws of this category (search, import of .jsonl/.csv)
  --law <name>           only this law (search)
  --all-versions         include superseded versions (search)
  --as-of <YYYY-MM-DD>   each law as in force on that date (search)
`;

export { BUNDLED_CORPUS };

interface Flags {
  db?: string;
  json?: boolean;
  limit?: string;
  category?: string;
  law?: string;
  'all-versions'?: boolean;
  'as-of'?: string;
}

/** The command-line spelling of a search request field. */
function cliFlag(field: string): string {
  return ({ asOf: 'as-of', includeSuperseded: 'all-versions' } as Record<string, string>)[field] ?? field;
}

function openLibrary(flags: Flags): Library {
  const path = resolve(flags.db ?? defaultDbPath());
  mkdirSync(dirname(path), { recursive: true });
  return new Library(path);
}

const out = (s: string): void => void process.stdout.write(s + '\n');

export async function runCommand(command: string, args: string[], flags: Flags): Promise<number> {
  const needsArg = ['import', 'search', 'article', 'activate'].includes(command);
  if (needsArg && !args[0]) {
    process.stderr.write(`${command} needs an argument.\n\n${USAGE}`);
    return 2;
  }
  if (!['import', 'search', 'article', 'stats', 'versions', 'activate', 'rollback'].includes(command)) {
    process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
    return 2;
  }
  const lib = openLibrary(flags);
  try {
    switch (command) {
      case 'import': {
        const report = runImport(lib, resolve(args[0]!), flags.category);
        if (flags.json) out(JSON.stringify(report, null, 2));
        else printImport(report);
        return 0;
      }
      case 'search': {
        ensureCorpus(lib);
        const parsed = SearchRequest.safeParse({
          query: args.join(' '),
          limit: flags.limit ? Number(flags.limit) : 10,
          category: flags.category,
          law: flags.law,
          includeSuperseded: flags['all-versions'],
          asOf: flags['as-of'],
        });
        if (!parsed.success) {
          throw createError('INVALID_REQUEST', parsed.error.issues.map((i) => `--${cliFlag(String(i.path[0] ?? 'query'))}: ${i.message}`).join('; '));
        }
        const req = parsed.data;
        const res = await lib.search(req);
        if (flags.json) out(JSON.stringify(res, null, 2));
        else printSearch(res);
        return 0;
      }
      case 'article': {
        ensureCorpus(lib);
        const view = lib.article({ citation: args.join(' ') });
        if (flags.json) out(JSON.stringify(view, null, 2));
        else printArticle(view);
        return 0;
      }
      case 'versions': {
        const versions = lib.versions();
        if (flags.json) out(JSON.stringify(versions, null, 2));
        else printVersions(versions);
        return 0;
      }
      case 'activate':
      case 'rollback': {
        const id = Number(args[0]);
        if (command === 'activate' && !(Number.isInteger(id) && id > 0)) {
          process.stderr.write(`activate needs a version id (a positive integer; see: npm run cli -- versions).\n`);
          return 2;
        }
        const v = command === 'activate' ? lib.activateVersion(id) : lib.rollbackVersion();
        if (flags.json) out(JSON.stringify(v, null, 2));
        else out(`Active backbone version: ${describeVersion(v)}`);
        return 0;
      }
      default: {
        const stats = lib.stats();
        if (flags.json) out(JSON.stringify(stats, null, 2));
        else printStats(stats);
        return 0;
      }
    }
  } finally {
    lib.close();
  }
}

function printImport(r: ImportReport): void {
  out(`Imported ${r.source} in ${(r.tookMs / 1000).toFixed(1)} s`);
  out(`  laws: ${r.lawsAdded} added, ${r.lawsUpdated} updated, ${r.lawsUnchanged} unchanged`);
  out(`  articles: ${r.articlesAdded} added, ${r.articlesUpdated} updated, ${r.articlesRemoved} removed`);
  if (r.skipped.length) {
    out(`  skipped ${r.skipped.length} files:`);
    for (const s of r.skipped) out(`    ${s.file}: ${s.reason}`);
  }
}

function printSearch(res: SearchResponse): void {
  // Glossary names in the query first: the articles they name, and where the entry came from.
  for (const g of res.glossary ?? []) {
    const named = g.matched === g.term ? g.term : `${g.matched} (${g.term})`;
    out(`${named} → ${g.articles.map((a) => a.citation).join('、')}  [glossary: ${g.kind}; ${g.sources.map((s) => s.source).join(', ')}]`);
  }
  if (res.glossary?.length) out('');
  if (res.hits.length === 0) out(`No results for "${res.query}".`);
  for (const h of res.hits) {
    const badge = h.law.status === 'current' ? '' : ' [superseded]';
    out(`${String(h.rank).padStart(2)}. ${h.citation}${badge}  ${h.score ? h.score.toFixed(2) : ''}`);
    if (h.path.length) out(`    ${h.path.join(' › ')}`);
    out(`    ${h.snippet.map((s) => (s.hit ? `[${s.text}]` : s.text)).join('').replace(/\n/g, ' ')}`);
  }
  out(`(${res.mode}, ${res.tookMs} ms)`);
}

function printArticle(v: ArticleView): void {
  out(v.citation + (v.law.status === 'current' ? '' : `  [superseded version of ${v.law.versionDate}]`));
  if (v.path.length) out(v.path.join(' › '));
  out('');
  out(v.text);
}

function describeVersion(v: BackboneVersion): string {
  const presets = Object.entries(v.presets).map(([name, b]) => `${name} ${b.k}→${b.n}`).join(', ');
  return `${v.id} "${v.label}": embedder ${v.embedderId ?? 'none (lexical)'}, reranker ${v.rerankerId ?? 'none'}; ${presets}`;
}

function printVersions(versions: BackboneVersion[]): void {
  if (versions.length === 0) out('No backbone versions yet: the app picks each model at its best validated stage. Write one with npm run select.');
  for (const v of versions) out(`${v.active ? '*' : ' '} ${describeVersion(v)}  (${v.createdAt.slice(0, 16).replace('T', ' ')})`);
}

function printStats(s: Stats): void {
  out(`Database: ${s.dbPath} (${(s.dbBytes / 1048576).toFixed(1)} MB, schema ${s.schemaVersion})`);
  out(`Laws: ${s.laws.current} current, ${s.laws.superseded} superseded`);
  out(`Articles: ${s.articles.current} in current versions, ${s.articles.total} in all`);
  for (const c of s.categories) out(`  ${c.name.padEnd(12, '\u3000')} ${String(c.laws).padStart(5)} laws ${String(c.articles).padStart(7)} articles`);
}
