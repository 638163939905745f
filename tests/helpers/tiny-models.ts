/**
 * Tiny but real ONNX models (built with onnx-proto, opset 17, IR 8) written into a folder with a
 * manifest and a tokenizer, one per inference family, with the input/output names and shapes of the
 * family's real exports. Their weights are chosen so that tests can compute outputs by hand:
 *
 * - Text embedders ("context" graph): h_t = E[x_t] + S, with S = Σ_s mask_s · E[x_s] (H = 4). So
 *   CLS pooling = E[CLS] + S, mean pooling ∝ S, last-token pooling = E[last] + S. E[pad] has a 5 in
 *   dim 3, so a pad that is pooled or left unmasked shows.
 * - cross-encoder: logit = (#alpha − #beta) over the whole pair (an unmasked pad adds 3).
 * - qwen3-reranker: logits = h W with W reading dim 0 into "yes" and dim 1 into "no", so the last
 *   position gives yes = #alpha, no = #beta and P(yes) = sigmoid(#alpha − #beta); a pad (the
 *   <|endoftext|> token) read at the last position adds 5 to "yes".
 * - lexbone-static: Σ weight · E[id] (+ kind · K), L2-normalised in the graph.
 * - lexbone-features: score = f0 + 2 f1 − f2 + 0.5.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const T = onnx.TensorProto.DataType;
type Dim = number | string;

/** The word-level vocabulary shared by the tiny Hugging Face tokenizers; index = id. */
export const VOCAB = [
  '[PAD]', '[UNK]', '[CLS]', '[SEP]', '<|endoftext|>', '<|im_start|>', '<|im_end|>',
  'alpha', 'beta', 'gamma', 'delta', 'instruct', 'query', 'passage', ':', 'no', 'law', 'yes', 'find',
] as const;
export const ID = Object.fromEntries(VOCAB.map((t, i) => [t, i])) as Record<(typeof VOCAB)[number], number>;
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '<|endoftext|>', '<|im_start|>', '<|im_end|>'];

/** Rows of the 4-dim embedding table of the text embedders (all others are zero). */
export const E4: Partial<Record<(typeof VOCAB)[number], number[]>> = {
  '[PAD]': [0, 0, 0, 5],
  '[CLS]': [0, 0, 1, 0],
  '<|endoftext|>': [0, 0, 0, 1],
  alpha: [1, 0, 0, 0],
  beta: [0, 1, 0, 0],
  gamma: [0, 0, 1, 0],
  instruct: [0, 0, 2, 0],
};

// ---------- ONNX building blocks ----------

function valueInfo(name: string, elemType: number, dims: Dim[]) {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType, shape: { dim } } } });
}

function floats(name: string, dims: number[], values: number[]) {
  return onnx.TensorProto.create({ name, dims, dataType: T.FLOAT, floatData: values });
}

function ints(name: string, values: number[]) {
  return onnx.TensorProto.create({ name, dims: [values.length], dataType: T.INT64, int64Data: values });
}

function node(opType: string, input: string[], output: string[], attrs: Record<string, number | number[]> = {}) {
  const attribute = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v)
      ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: v }
      : { name, type: onnx.AttributeProto.AttributeType.INT, i: v },
  );
  return onnx.NodeProto.create({ opType, input, output, attribute });
}

interface GraphParts {
  inputs: ReturnType<typeof valueInfo>[];
  outputs: ReturnType<typeof valueInfo>[];
  nodes: ReturnType<typeof node>[];
  inits: ReturnType<typeof floats>[];
}

function modelBytes(g: GraphParts): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'lexbone-tiny-models',
    opsetImport: [{ domain: '', version: 17 }],
    graph: { name: 'tiny', input: g.inputs, output: g.outputs, node: g.nodes, initializer: g.inits },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Flattened [VOCAB.length, width] table from sparse rows. */
function table(rows: Partial<Record<string, number[]>>, width: number): number[] {
  return VOCAB.flatMap((t) => rows[t] ?? new Array<number>(width).fill(0));
}

/** Nodes computing `emb` = Gather(E, input_ids) [B,L,H] and `ctx` = Σ_s mask_s · emb_s [B,1,H]. */
function contextNodes(): ReturnType<typeof node>[] {
  return [
    node('Gather', ['E', 'input_ids'], ['emb'], { axis: 0 }),
    node('Cast', ['attention_mask'], ['maskf'], { to: T.FLOAT }),
    node('Unsqueeze', ['maskf', 'axis2'], ['mask3']),
    node('Mul', ['emb', 'mask3'], ['masked']),
    node('ReduceSum', ['masked', 'axis1'], ['ctx'], { keepdims: 1 }),
  ];
}

// ---------- tokenizers ----------

function addedToken(content: string) {
  return { id: ID[content as keyof typeof ID], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

type TemplateItem = { SpecialToken: { id: string; type_id: number } } | { Sequence: { id: 'A' | 'B'; type_id: number } };
const S = (id: string, type_id = 0): TemplateItem => ({ SpecialToken: { id, type_id } });
const Q = (id: 'A' | 'B', type_id = 0): TemplateItem => ({ Sequence: { id, type_id } });

function templateProcessing(single: TemplateItem[], pair: TemplateItem[], specials: string[]) {
  const special_tokens = Object.fromEntries(specials.map((t) => [t, { id: t, ids: [ID[t as keyof typeof ID]], tokens: [t] }]));
  return { type: 'TemplateProcessing', single, pair, special_tokens };
}

export type TokenizerStyle = 'bert' | 'qwen' | 'qwen-no-template';

export function tokenizerJson(style: TokenizerStyle, opts: { without?: string[] } = {}): object {
  const vocab = Object.fromEntries(VOCAB.filter((t) => !opts.without?.includes(t)).map((t) => [t, ID[t]]));
  const post =
    style === 'bert'
      ? templateProcessing([S('[CLS]'), Q('A'), S('[SEP]')], [S('[CLS]'), Q('A'), S('[SEP]'), Q('B', 1), S('[SEP]', 1)], ['[CLS]', '[SEP]'])
      : style === 'qwen'
        ? templateProcessing([Q('A'), S('<|endoftext|>')], [Q('A'), S('<|endoftext|>'), Q('B', 1), S('<|endoftext|>', 1)], ['<|endoftext|>'])
        : { type: 'ByteLevel', add_prefix_space: false, trim_offsets: false, use_regex: false };
  const model =
    style === 'bert'
      ? { type: 'WordPiece', vocab, unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100 }
      : { type: 'WordLevel', vocab, unk_token: '[UNK]' };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(addedToken),
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: post,
    decoder: null,
    model,
  };
}

// ---------- model folders ----------

function writeFolder(dir: string, manifest: object, model: Uint8Array, extra: Record<string, object> = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(join(dir, 'model.onnx'), model);
  for (const [name, json] of Object.entries(extra)) writeFileSync(join(dir, name), JSON.stringify(json));
  return dir;
}

export interface TextEmbedderOptions {
  family: 'bert-cls' | 'bert-mean' | 'qwen3-embedding';
  /** Extra manifest fields (dimension, mrlDimension, task, prefixes, maxLength…). */
  manifest?: Record<string, unknown>;
  /** Declare token_type_ids (bert) / position_ids (qwen3) as graph inputs. Default true. */
  extraInput?: boolean;
  /** Output a pooled sentence_embedding [B, H] (= S) instead of last_hidden_state. */
  pooledOutput?: boolean;
  /** Hidden size declared as a symbolic dim (checked at run time only). */
  symbolicHidden?: boolean;
  /** qwen3: the tokenizer's template does not append <|endoftext|>. */
  noTemplate?: boolean;
  /** Output float16 (as fp16 exports do). */
  float16Output?: boolean;
}

/** Renames the graph's single output to `<name>_f32` and casts it to float16 under its name. */
function castOutputToHalf(g: GraphParts): GraphParts {
  const out = g.outputs[0]!;
  const name = out.name;
  for (const n of g.nodes) n.output = n.output.map((o) => (o === name ? `${name}_f32` : o));
  g.nodes.push(node('Cast', [`${name}_f32`], [name], { to: T.FLOAT16 }));
  out.type!.tensorType!.elemType = T.FLOAT16;
  return g;
}

export function writeTextEmbedder(dir: string, o: TextEmbedderOptions): string {
  const qwen = o.family === 'qwen3-embedding';
  const extraName = qwen ? 'position_ids' : 'token_type_ids';
  const inputs = [valueInfo('input_ids', T.INT64, ['batch', 'seq']), valueInfo('attention_mask', T.INT64, ['batch', 'seq'])];
  if (o.extraInput ?? true) inputs.push(valueInfo(extraName, T.INT64, ['batch', 'seq']));
  const H: Dim = o.symbolicHidden ? 'hidden' : 4;
  const nodes = contextNodes();
  let outputs;
  if (o.pooledOutput) {
    nodes.push(node('Squeeze', ['ctx', 'axis1'], ['sentence_embedding']));
    outputs = [valueInfo('sentence_embedding', T.FLOAT, ['batch', H])];
  } else if (o.symbolicHidden) {
    // Reshape to [B, L, -1] with a shape computed at run time hides H from shape inference.
    nodes.push(
      node('Add', ['emb', 'ctx'], ['hidden']),
      node('Shape', ['input_ids'], ['bl']),
      node('Concat', ['bl', 'minus1'], ['bl_1'], { axis: 0 }),
      node('Reshape', ['hidden', 'bl_1'], ['last_hidden_state']),
    );
    outputs = [valueInfo('last_hidden_state', T.FLOAT, ['batch', 'seq', H])];
  } else {
    nodes.push(node('Add', ['emb', 'ctx'], ['last_hidden_state']));
    outputs = [valueInfo('last_hidden_state', T.FLOAT, ['batch', 'seq', H])];
  }
  const parts: GraphParts = {
    inputs,
    outputs,
    nodes,
    inits: [floats('E', [VOCAB.length, 4], table(E4, 4)), ints('axis1', [1]), ints('axis2', [2]), ...(o.symbolicHidden ? [ints('minus1', [-1])] : [])],
  };
  const model = modelBytes(o.float16Output ? castOutputToHalf(parts) : parts);
  const manifest = { id: `tiny-${o.family}`, role: 'embedder', stage: 'base', family: o.family, maxLength: 64, dimension: 4, ...o.manifest };
  const style: TokenizerStyle = qwen ? (o.noTemplate ? 'qwen-no-template' : 'qwen') : 'bert';
  const config = { pad_token: qwen ? '<|endoftext|>' : '[PAD]', padding_side: qwen ? 'left' : 'right' };
  return writeFolder(dir, manifest, model, { 'tokenizer.json': tokenizerJson(style), 'tokenizer_config.json': config });
}

export interface CrossEncoderOptions {
  manifest?: Record<string, unknown>;
  /** logits [B] instead of [B, 1]. */
  flatLogits?: boolean;
  /** Name of the ids input (a wrong name tests the contract check). */
  idsName?: string;
}

export function writeCrossEncoder(dir: string, o: CrossEncoderOptions = {}): string {
  const idsName = o.idsName ?? 'input_ids';
  const nodes = contextNodes();
  if (idsName !== 'input_ids') nodes.unshift(node('Identity', [idsName], ['input_ids']));
  nodes.push(node('Squeeze', ['ctx', 'axis1'], ['pooled']));
  nodes.push(node('MatMul', ['pooled', 'W'], [o.flatLogits ? 'logits2' : 'logits']));
  if (o.flatLogits) nodes.push(node('Squeeze', ['logits2', 'axis1'], ['logits']));
  const model = modelBytes({
    inputs: [
      valueInfo(idsName, T.INT64, ['batch', 'seq']),
      valueInfo('attention_mask', T.INT64, ['batch', 'seq']),
      valueInfo('token_type_ids', T.INT64, ['batch', 'seq']),
    ],
    outputs: [valueInfo('logits', T.FLOAT, o.flatLogits ? ['batch'] : ['batch', 1])],
    nodes,
    inits: [
      floats('E', [VOCAB.length, 2], table({ alpha: [1, 0], beta: [0, 1], '[PAD]': [3, 0] }, 2)),
      floats('W', [2, 1], [1, -1]),
      ints('axis1', [1]),
      ints('axis2', [2]),
    ],
  });
  const manifest = { id: 'tiny-cross-encoder', role: 'reranker', stage: 'base', family: 'cross-encoder', maxLength: 64, ...o.manifest };
  return writeFolder(dir, manifest, model, { 'tokenizer.json': tokenizerJson('bert'), 'tokenizer_config.json': { pad_token: '[PAD]' } });
}

export interface Qwen3RerankerOptions {
  manifest?: Record<string, unknown>;
  /** logits [B, V] (last position already sliced) instead of [B, L, V]. */
  slicedLogits?: boolean;
  /** Tokens left out of the tokenizer's vocabulary (e.g. ['yes']). */
  without?: string[];
  /** Declare the inputs of a decoder export with a KV cache (past_key_values.0.key/value, logits_to_keep). */
  decoderInputs?: boolean;
  /** Output float16 logits. */
  float16Output?: boolean;
}

export function writeQwen3Reranker(dir: string, o: Qwen3RerankerOptions = {}): string {
  const V = VOCAB.length;
  const W = new Array<number>(2 * V).fill(0);
  W[ID.yes] = 1; // row 0 (dim 0 = #alpha) → yes
  W[V + ID.no] = 1; // row 1 (dim 1 = #beta) → no
  const nodes = contextNodes();
  if (o.slicedLogits) {
    nodes.push(node('Squeeze', ['ctx', 'axis1'], ['pooled']), node('MatMul', ['pooled', 'W'], ['logits']));
  } else {
    nodes.push(node('Add', ['emb', 'ctx'], ['hidden']), node('MatMul', ['hidden', 'W'], ['logits']));
  }
  const inputs = [
    valueInfo('input_ids', T.INT64, ['batch', 'seq']),
    valueInfo('attention_mask', T.INT64, ['batch', 'seq']),
    valueInfo('position_ids', T.INT64, ['batch', 'seq']),
  ];
  if (o.decoderInputs) {
    // Declared but unused: ORT still requires every declared input to be fed.
    inputs.push(
      valueInfo('past_key_values.0.key', T.FLOAT, ['batch', 1, 'past_seq', 2]),
      valueInfo('past_key_values.0.value', T.FLOAT, ['batch', 1, 'past_seq', 2]),
      valueInfo('logits_to_keep', T.INT64, []),
    );
  }
  const parts: GraphParts = {
    inputs,
    outputs: [valueInfo('logits', T.FLOAT, o.slicedLogits ? ['batch', V] : ['batch', 'seq', V])],
    nodes,
    inits: [
      floats('E', [V, 2], table({ alpha: [1, 0], beta: [0, 1], '<|endoftext|>': [5, 0] }, 2)),
      floats('W', [2, V], W),
      ints('axis1', [1]),
      ints('axis2', [2]),
    ],
  };
  const model = modelBytes(o.float16Output ? castOutputToHalf(parts) : parts);
  const manifest = { id: 'tiny-qwen3-reranker', role: 'reranker', stage: 'base', family: 'qwen3-reranker', maxLength: 256, ...o.manifest };
  return writeFolder(dir, manifest, model, {
    'tokenizer.json': tokenizerJson('qwen-no-template', { without: o.without }),
    'tokenizer_config.json': { pad_token: '<|endoftext|>', padding_side: 'left' },
  });
}

/** Vocabulary of the tiny lexbone-static model; index 0 is padding. */
export const STATIC_TOKENS = ['<pad>', '合同', '违约', '责任', '合', 'law'];
/** Rows of its 3-dim table, by token. */
export const STATIC_E: Record<string, number[]> = {
  '<pad>': [7, 7, 7],
  合同: [1, 0, 0],
  违约: [0, 1, 0],
  责任: [0, 0, 1],
  合: [1, 1, 0],
  law: [0, 2, 0],
};
/** Added to documents (kind = 1) when the graph declares `kind`. */
export const STATIC_KIND = [0, 0, 3];

export interface StaticOptions {
  manifest?: Record<string, unknown>;
  /** Declare the `kind` input. */
  kind?: boolean;
  /** Normalise in the graph (default true); false tests the JS re-normalisation. */
  normalize?: boolean;
}

export function writeLexboneStatic(dir: string, o: StaticOptions = {}): string {
  const D = 3;
  const nodes = [
    node('Gather', ['E', 'ids'], ['emb'], { axis: 0 }),
    node('Unsqueeze', ['weights', 'axis2'], ['w3']),
    node('Mul', ['emb', 'w3'], ['weighted']),
    node('ReduceSum', ['weighted', 'axis1'], ['sum'], { keepdims: 0 }),
  ];
  const inputs = [valueInfo('ids', T.INT64, ['batch', 'terms']), valueInfo('weights', T.FLOAT, ['batch', 'terms'])];
  let last = 'sum';
  if (o.kind) {
    inputs.push(valueInfo('kind', T.INT64, ['batch']));
    nodes.push(
      node('Cast', ['kind'], ['kindf'], { to: T.FLOAT }),
      node('Unsqueeze', ['kindf', 'axis1'], ['kind2']),
      node('Mul', ['kind2', 'K'], ['kindvec']),
      node('Add', ['sum', 'kindvec'], ['withkind']),
    );
    last = 'withkind';
  }
  if (o.normalize ?? true) {
    nodes.push(
      node('ReduceL2', [last], ['norm'], { axes: [1], keepdims: 1 }),
      node('Add', ['norm', 'eps'], ['norm_eps']),
      node('Div', [last, 'norm_eps'], ['embedding']),
    );
  } else {
    nodes.push(node('Identity', [last], ['embedding']));
  }
  const model = modelBytes({
    inputs,
    outputs: [valueInfo('embedding', T.FLOAT, ['batch', D])],
    nodes,
    inits: [
      floats('E', [STATIC_TOKENS.length, D], STATIC_TOKENS.flatMap((t) => STATIC_E[t]!)),
      floats('K', [1, D], STATIC_KIND),
      floats('eps', [1], [1e-12]),
      ints('axis1', [1]),
      ints('axis2', [2]),
    ],
  });
  const manifest = { id: 'tiny-static', role: 'embedder', stage: 'stage1', family: 'lexbone-static', maxLength: 32, dimension: D, ...o.manifest };
  return writeFolder(dir, manifest, model, { 'vocab.json': { tokens: STATIC_TOKENS, unigram: true, bigram: true } });
}

export const FEATURE_NAMES = ['bm25', 'dense', 'age'];

export function writeLexboneFeatures(dir: string, o: { manifest?: Record<string, unknown>; flatScore?: boolean } = {}): string {
  const nodes = [node('MatMul', ['features', 'W'], ['mm']), node('Add', ['mm', 'b'], [o.flatScore ? 'score2' : 'score'])];
  if (o.flatScore) nodes.push(node('Squeeze', ['score2', 'axis1'], ['score']));
  const model = modelBytes({
    inputs: [valueInfo('features', T.FLOAT, ['batch', 3])],
    outputs: [valueInfo('score', T.FLOAT, o.flatScore ? ['batch'] : ['batch', 1])],
    nodes,
    inits: [floats('W', [3, 1], [1, 2, -1]), floats('b', [1], [0.5]), ints('axis1', [1])],
  });
  const manifest = {
    id: 'tiny-features',
    role: 'reranker',
    stage: 'stage2',
    family: 'lexbone-features',
    maxLength: 1,
    featureNames: FEATURE_NAMES,
    ...o.manifest,
  };
  return writeFolder(dir, manifest, model);
}
