import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmbedder, loadReranker } from '../../../electron/backbone/inference/load-model';
import { useTempDirs } from '../../helpers/temp';
import { writeCrossEncoder, writeLexboneFeatures, writeLexboneStatic, writeTextEmbedder } from '../../helpers/tiny-models';
import { thrown } from '../../helpers/thrown';

/** Every load error is typed and its message names the model folder. */
const tempDir = useTempDirs();


function editManifest(dir: string, change: Record<string, unknown>): string {
  const path = join(dir, 'manifest.json');
  writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), ...change }));
  return dir;
}

describe('load errors', () => {
  it('unknown family', async () => {
    const dir = editManifest(writeTextEmbedder(join(tempDir(), 'fam'), { family: 'bert-cls' }), { family: 'bert-max' });
    const e = await thrown(loadEmbedder(dir));
    expect(e.code).toBe('UNKNOWN_FAMILY');
    expect(e.message).toContain(dir);
  });

  it('missing model file', async () => {
    const dir = writeCrossEncoder(join(tempDir(), 'nofile'));
    rmSync(join(dir, 'model.onnx'));
    const e = await thrown(loadReranker(dir));
    expect(e.code).toBe('MODEL_FILE_MISSING');
    expect(e.message).toContain(`${dir}: model.onnx is missing`);
  });

  it('a corrupt model file', async () => {
    const dir = writeTextEmbedder(join(tempDir(), 'corrupt'), { family: 'bert-cls' });
    writeFileSync(join(dir, 'model.onnx'), 'not a protobuf');
    const e = await thrown(loadEmbedder(dir));
    expect(e.code).toBe('MODEL_LOAD_FAILED');
    expect(e.message).toContain(dir);
  });

  it('dimension mismatch, found at load from the declared output shape', async () => {
    const dir = writeTextEmbedder(join(tempDir(), 'dim'), { family: 'qwen3-embedding', manifest: { dimension: 1024 } });
    const e = await thrown(loadEmbedder(dir));
    expect(e.code).toBe('MODEL_SHAPE_MISMATCH');
    expect(e.message).toContain(`${dir}: the manifest says dimension 1024 but the model outputs 4`);
  });

  it('dimension mismatch, found at the first run when the shape is symbolic', async () => {
    const dir = writeTextEmbedder(join(tempDir(), 'dim-run'), { family: 'bert-cls', symbolicHidden: true, manifest: { dimension: 768 } });
    const emb = await loadEmbedder(dir);
    const e = await thrown(emb.embed(['alpha'], 'query'));
    expect(e.code).toBe('MODEL_SHAPE_MISMATCH');
    expect(e.message).toContain(`${dir}: the manifest says dimension 768 but the model outputs 4`);
    await emb.close();
  });

  it('static embedder and feature reranker sizes are checked too', async () => {
    const s = writeLexboneStatic(join(tempDir(), 'static'), { manifest: { dimension: 8 } });
    expect((await thrown(loadEmbedder(s))).message).toContain(`${s}: the manifest says dimension 8 but the model outputs 3`);
    const f = writeLexboneFeatures(join(tempDir(), 'feat'), { manifest: { featureNames: ['a', 'b', 'c', 'd'] } });
    expect((await thrown(loadReranker(f))).message).toContain(`${f}: the manifest says number of features 4 but the model has 3`);
  });

  it('inputs that do not fit the family', async () => {
    const dir = writeCrossEncoder(join(tempDir(), 'inputs'), { idsName: 'ids' });
    const e = await thrown(loadReranker(dir));
    expect(e.code).toBe('MODEL_SHAPE_MISMATCH');
    expect(e.message).toContain(`${dir}: a cross-encoder model needs the inputs input_ids`);
  });

  it('an output of the wrong rank', async () => {
    const dir = editManifest(writeTextEmbedder(join(tempDir(), 'rank'), { family: 'bert-cls' }), {});
    // A reranker graph ([B, 1] logits) declared as an embedder's last_hidden_state would be rank 2.
    const ce = writeCrossEncoder(join(tempDir(), 'ce-as-embedder'));
    writeFileSync(join(dir, 'model.onnx'), readFileSync(join(ce, 'model.onnx')));
    const e = await thrown(loadEmbedder(dir));
    expect(e.code).toBe('MODEL_SHAPE_MISMATCH');
    expect(e.message).toContain(dir);
  });

  it('the wrong role', async () => {
    const dir = writeCrossEncoder(join(tempDir(), 'role'));
    const e = await thrown(loadEmbedder(dir));
    expect(e.code).toBe('MODEL_WRONG_ROLE');
    expect(e.message).toContain(`${dir} holds a reranker, not an embedding model`);
  });

  it('a closed model refuses work; closing twice is fine', async () => {
    const emb = await loadEmbedder(writeTextEmbedder(join(tempDir(), 'closed'), { family: 'bert-cls' }));
    await emb.close();
    await emb.close();
    expect((await thrown(emb.embed(['alpha'], 'query'))).code).toBe('MODEL_CLOSED');
  });
});
