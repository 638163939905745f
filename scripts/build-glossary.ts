/**
 * Builds resources/glossary/glossary.json from the bundled corpus and the hand-written entries.
 *   npm run build:glossary -- [--corpus resources/corpus/laws-cn.jsonl.gz] [--out resources/glossary/glossary.json]
 * Mining reads only the bundle (not ../shared). The version goes up by one when the entries change
 * and stays when they do not, so a rebuild of the same inputs writes the same bytes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseGlossaryFile } from '../electron/backbone/glossary/parse-glossary';
import { buildGlossary, formatGlossaryFile, nextVersion } from '../electron/backbone/glossary/mine-glossary';
import { readBundle } from '../electron/backbone/ingest/corpus-bundle';
import { writeFileAtomic } from '../electron/backbone/store/write-file-atomic';
import { progressLine } from '../electron/cli/progress-line';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'resources/corpus/laws-cn.jsonl.gz' },
    'hand-written': { type: 'string', default: 'resources/glossary/hand-written.json' },
    out: { type: 'string', default: 'resources/glossary/glossary.json' },
  },
});
const corpus = resolve(values.corpus!);
const handPath = resolve(values['hand-written']!);
const out = resolve(values.out!);

const progress = progressLine(process.stderr);
progress.update('reading', 0, 1);
const laws = readBundle(corpus, relative(process.cwd(), corpus));
const hand = parseGlossaryFile(readFileSync(handPath, 'utf8'), relative(process.cwd(), handPath));
progress.update('reading', 1, 1);
const { entries, conflicts, minedByPattern } = buildGlossary(laws, hand.entries, (phase, done, total) => progress.update(phase, done, total));
progress.done();

const old = existsSync(out) ? parseGlossaryFile(readFileSync(out, 'utf8'), relative(process.cwd(), out)) : null;
const version = nextVersion(old, entries);
writeFileAtomic(out, formatGlossaryFile({ format: 'lexbone-glossary', version, entries }));

const count = (pred: (e: (typeof entries)[number]) => boolean) => entries.filter(pred).length;
console.log(`${relative(process.cwd(), out)}: version ${version}${old && old.version === version ? ' (unchanged)' : ''}, ${entries.length} entries`);
console.log(`  mined before merging: ${Object.entries(minedByPattern).map(([p, n]) => `${p} ${n}`).join(', ')}`);
console.log(`  hand-written ${count((e) => e.provenance.some((p) => p.source === 'hand-written'))}, mined only ${count((e) => e.provenance.every((p) => p.source === 'mined'))}`);
if (conflicts.length > 0) {
  console.log(`  ${conflicts.length} mined entries left out (they disagree with an entry that keeps the name):`);
  for (const c of conflicts) console.log(`    ${c.term} (kept by ${c.keptBy}): ${c.detail}`);
}
