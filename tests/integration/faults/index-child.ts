/**
 * Child process for the kill -9 indexing test: indexes the database argv[2] with a real model
 * (ONNX, in this process) from argv[3], committed per batch, printing one JSON progress line per
 * report, with a pause after each batch so that kills land mid-run.
 *   node --import tsx tests/integration/faults/index-child.ts <db> <model dir> [batchSize] [delayMs]
 */
import { loadEmbedder } from '../../../electron/backbone/inference/load-model';
import { modelFingerprint } from '../../../electron/backbone/runtime/fingerprint';
import { openDatabase } from '../../../electron/backbone/store/open-database';
import { loadVectorExtension } from '../../../electron/backbone/vectors/extension';
import { indexArticles } from '../../../electron/backbone/vectors/indexer';

const [dbPath, modelDir, batchSize = '40', delayMs = '15'] = process.argv.slice(2);
const db = openDatabase(dbPath!);
loadVectorExtension(db);
const embedder = await loadEmbedder(modelDir!, { threads: 1 });
const report = await indexArticles(db, embedder, {
  fingerprint: modelFingerprint(modelDir!, 'model.onnx'),
  batchSize: Number(batchSize),
  batchDelayMs: Number(delayMs),
  activate: true,
  onProgress: (p) => process.stdout.write(`${JSON.stringify(p)}\n`),
});
process.stdout.write(`${JSON.stringify({ phase: 'report', embedded: report.embedded, unchanged: report.unchanged, complete: report.complete })}\n`);
await embedder.close();
db.close();
