/**
 * Builds the bundled corpus resources/corpus/laws-cn.jsonl.gz from the laws-cn markdown folder.
 *   npm run build:corpus -- [--from ../shared/data/laws-cn] [--out resources/corpus/laws-cn.jsonl.gz]
 * The app never reads ../shared: it imports this file on first run.
 */
import { mkdirSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeBundle } from '../electron/backbone/ingest/corpus-bundle';
import { readMarkdownFolder } from '../electron/backbone/ingest/markdown-folder';
import { progressLine } from '../electron/cli/progress-line';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: '../shared/data/laws-cn' },
    out: { type: 'string', default: 'resources/corpus/laws-cn.jsonl.gz' },
  },
});
const from = resolve(values.from!);
const out = resolve(values.out!);
const progress = progressLine(process.stderr);
const { laws, skipped } = readMarkdownFolder(from, (phase, done, total) => progress.update(phase, done, total));
progress.done();
for (const law of laws) law.source = relative(from, resolve(law.source));
mkdirSync(dirname(out), { recursive: true });
const { bytes, articles } = writeBundle(out, laws, 'laws-cn');
console.log(`${relative(process.cwd(), out)}: ${laws.length} law files, ${articles} articles, ${(bytes / 1048576).toFixed(1)} MB`);
console.log(`skipped ${skipped.length} files:`);
for (const s of skipped) console.log(`  ${s.file}: ${s.reason}`);
