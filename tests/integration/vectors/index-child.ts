/**
 * Child process for the kill -9 test: indexes the database given as argv[2] with the test
 * embedder, printing one JSON progress line per report, slowly enough to be killed mid-run.
 *   node --import tsx tests/integration/vectors/index-child.ts <db> [batchSize] [delayMs]
 */
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { indexArticles } from '../../../electron/backbone/vectors/indexer';
import { HashEmbedder } from './test-embedder';

const [dbPath, batchSize = '50', delayMs = '25'] = process.argv.slice(2);
const db = openDatabase(dbPath!);
const embedder = new HashEmbedder('test-hash', 16);
embedder.delayMs = Number(delayMs);
const report = await indexArticles(db, embedder, {
  fingerprint: 'fp-1',
  batchSize: Number(batchSize),
  onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
});
process.stdout.write(`${JSON.stringify({ phase: 'report', embedded: report.embedded, complete: report.complete })}\n`);
db.close();
