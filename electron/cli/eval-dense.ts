import type { Database } from 'better-sqlite3';
import { loadEmbedder } from '../backbone/inference/load-model';
import { topK } from '../backbone/train/dense-evaluator';
import { ANCHOR_SQL, articleEmbeddingText } from '../backbone/vectors/article-text';

/**
 * Dense rankings for evaluation, in process: embeds every current article with the model (any
 * family, through onnxruntime) into one matrix and ranks by brute force — exact, so the numbers
 * measure the model, not the vector index.
 */
export async function denseRankings(
  db: Database,
  modelDir: string,
  queries: string[],
  depth: number,
  onProgress?: (phase: string, done: number, total: number) => void,
): Promise<{ modelId: string; rankings: { articleId: number; score: number }[][] }> {
  const embedder = await loadEmbedder(modelDir);
  const rows = db
    .prepare(`SELECT a.id, a.text, a.path, l.short_title AS s, ${ANCHOR_SQL.column} FROM articles a JOIN laws l ON l.id = a.law_id ${ANCHOR_SQL.join} WHERE l.status = 'current'`)
    .all() as { id: number; text: string; path: string; s: string; anchor: string }[];
  const D = embedder.dimension;
  const matrix = new Float32Array(rows.length * D);
  for (let i = 0; i < rows.length; i += 256) {
    const chunk = rows.slice(i, i + 256);
    const texts = chunk.map((r) => articleEmbeddingText({ shortTitle: r.s, path: JSON.parse(r.path) as string[], text: r.text, anchor: r.anchor }));
    (await embedder.embed(texts, 'document')).forEach((v, j) => matrix.set(v, (i + j) * D));
    onProgress?.('embedding', Math.min(i + 256, rows.length), rows.length);
  }
  const rankings: { articleId: number; score: number }[][] = [];
  const qv = await embedder.embed(queries, 'query');
  for (const q of qv) {
    const scores = new Float32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += matrix[i * D + d]! * q[d]!;
      scores[i] = s;
    }
    rankings.push(topK(scores, depth).map((i) => ({ articleId: rows[i]!.id, score: scores[i]! })));
  }
  const modelId = embedder.info.id;
  await embedder.close();
  return { modelId, rankings };
}
