/**
 * `<modelDir>/manifest.json`: what a model folder holds and how to run it. Validated with zod;
 * every failure is a typed error that names the folder and says what to fix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createError } from '../../contract/errors';

/** Every family the inference layer can run, with its role and how it tokenises. */
export const FAMILIES = {
  'qwen3-embedding': { role: 'embedder', tokenizer: 'hf' },
  'bert-cls': { role: 'embedder', tokenizer: 'hf' },
  'bert-mean': { role: 'embedder', tokenizer: 'hf' },
  'lexbone-static': { role: 'embedder', tokenizer: 'static' },
  'cross-encoder': { role: 'reranker', tokenizer: 'hf' },
  'qwen3-reranker': { role: 'reranker', tokenizer: 'hf' },
  'lexbone-features': { role: 'reranker', tokenizer: 'none' },
  'lexbone-reader': { role: 'reranker', tokenizer: 'static' },
} as const;

export type FamilyName = keyof typeof FAMILIES;

function isFamilyName(name: string): name is FamilyName {
  return Object.hasOwn(FAMILIES, name);
}

const positiveInt = z.number().int().positive();

const manifestSchema = z.object({
  id: z.string().min(1),
  role: z.enum(['embedder', 'reranker']),
  /** 'base', 'stage1', 'stage2', 'stage3' or free text. */
  stage: z.string().min(1).default('base'),
  family: z.string().min(1),
  files: z
    .object({
      model: z.string().min(1).default('model.onnx'),
      tokenizer: z.string().min(1).optional(),
      tokenizerConfig: z.string().min(1).optional(),
      vocab: z.string().min(1).optional(),
    })
    .default({ model: 'model.onnx' }),
  /** Tokens per input (text, pair or prompt), special tokens included; for lexbone-static, ids per text. */
  maxLength: positiveInt,
  /** Embedders: the model's native output size. */
  dimension: positiveInt.optional(),
  /** Embedders: keep only the first N dims (Matryoshka), then re-normalise. */
  mrlDimension: positiveInt.optional(),
  /** bert-*: informative; must agree with the family when given. */
  pooling: z.enum(['cls', 'mean', 'last']).optional(),
  /** bert-*: text put before queries / documents, e.g. "query: " and "passage: " for e5. */
  queryPrefix: z.string().optional(),
  documentPrefix: z.string().optional(),
  /** qwen3-embedding: the task sentence of the query instruction. */
  task: z.string().min(1).optional(),
  /** qwen3-reranker: the <Instruct> line of the prompt. */
  instruction: z.string().min(1).optional(),
  /** lexbone-features and lexbone-reader: the names of the feature vector's entries, in order (the reader's own reading features not included). */
  featureNames: z.array(z.string().min(1)).min(1).optional(),
  description: z.string().optional(),
  /** Free-form records written by the trainer. */
  training: z.record(z.string(), z.unknown()).optional(),
  metrics: z.record(z.string(), z.unknown()).optional(),
});

export type ModelManifest = z.infer<typeof manifestSchema> & { family: FamilyName };

export const MANIFEST_FILE = 'manifest.json';

const FAMILY_POOLING: Partial<Record<FamilyName, 'cls' | 'mean' | 'last'>> = {
  'bert-cls': 'cls',
  'bert-mean': 'mean',
  'qwen3-embedding': 'last',
};

/** Reads and validates `<dir>/manifest.json`, fills default file names and checks the files exist. */
export function loadManifest(dir: string): ModelManifest {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) throw createError('MODEL_FILE_MISSING', dir, MANIFEST_FILE);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw createError('MODEL_INVALID', dir, `manifest.json is not valid JSON (${(e as Error).message})`);
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw createError('MODEL_INVALID', dir, `manifest.json: ${detail}`);
  }
  const m = parsed.data;
  if (!isFamilyName(m.family)) throw createError('UNKNOWN_FAMILY', dir, m.family, Object.keys(FAMILIES).join(', '));
  const family = FAMILIES[m.family];
  const invalid = (detail: string) => createError('MODEL_INVALID', dir, `manifest.json: ${detail}`);
  if (family.role !== m.role) throw invalid(`family "${m.family}" is a ${family.role}, but role says "${m.role}"`);
  if (m.role === 'embedder' && m.dimension === undefined) throw invalid('an embedder needs "dimension"');
  if (m.mrlDimension !== undefined && m.dimension !== undefined && m.mrlDimension > m.dimension) {
    throw invalid(`mrlDimension ${m.mrlDimension} is larger than dimension ${m.dimension}`);
  }
  const pooling = FAMILY_POOLING[m.family];
  if (m.pooling !== undefined && m.pooling !== pooling) {
    throw invalid(`pooling "${m.pooling}" does not fit family "${m.family}"${pooling ? ` (it pools "${pooling}")` : ''}`);
  }
  if ((m.family === 'lexbone-features' || m.family === 'lexbone-reader') && !m.featureNames) throw invalid(`a ${m.family} model needs "featureNames"`);

  const files = { ...m.files };
  if (family.tokenizer === 'hf') {
    files.tokenizer ??= 'tokenizer.json';
    if (files.tokenizerConfig === undefined && existsSync(join(dir, 'tokenizer_config.json'))) {
      files.tokenizerConfig = 'tokenizer_config.json';
    }
  }
  if (family.tokenizer === 'static') files.vocab ??= 'vocab.json';
  for (const f of [files.model, files.tokenizer, files.tokenizerConfig, files.vocab]) {
    if (f !== undefined && !existsSync(join(dir, f))) throw createError('MODEL_FILE_MISSING', dir, f);
  }
  return { ...m, family: m.family, files };
}

/** The output dimension after any MRL truncation. */
export function outputDimension(m: ModelManifest): number | undefined {
  return m.mrlDimension ?? m.dimension;
}
