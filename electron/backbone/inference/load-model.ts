/**
 * Loads a model folder into an in-process Embedder or Reranker: manifest → family → ONNX session
 * (with provider fallback) → the family's checks and runner. The inference host process wraps
 * these; nothing here knows about processes or IPC. session.run blocks the thread it runs on.
 */
import { join } from 'node:path';
import { createError } from '../../contract/errors';
import { DEFAULT_LIMITS, type BatchLimits } from './batching';
import type { EmbedderCore, RerankerCore } from './families/contract';
import { FAMILY_IMPLS } from './families/table';
import { loadManifest, outputDimension, type ModelManifest } from './manifest';
import { openSession, type OpenedSession, type SessionOptions } from './session';
import type { Embedder, FeatureReranker, ModelInfo, ModelRole, Reranker } from './types';

export interface LoadOptions extends SessionOptions, Partial<BatchLimits> {}

interface Loaded<C> {
  info: ModelInfo;
  core: C;
  opened: OpenedSession;
}

function modelInfo(m: ModelManifest, dir: string): ModelInfo {
  const info: ModelInfo = { id: m.id, role: m.role, stage: m.stage, family: m.family, dir, maxLength: m.maxLength };
  const dimension = outputDimension(m);
  if (m.role === 'embedder' && dimension !== undefined) info.dimension = dimension;
  return info;
}

async function load<C>(dir: string, wanted: ModelRole, opts: LoadOptions): Promise<Loaded<C>> {
  const manifest = loadManifest(dir);
  if (manifest.role !== wanted) throw createError('MODEL_WRONG_ROLE', dir, manifest.role, wanted);
  const impl = FAMILY_IMPLS[manifest.family];
  const opened = await openSession(join(dir, manifest.files.model), dir, opts);
  const limits: BatchLimits = {
    maxBatch: opts.maxBatch ?? DEFAULT_LIMITS.maxBatch,
    maxTokens: opts.maxTokens ?? DEFAULT_LIMITS.maxTokens,
  };
  try {
    const core = impl.open({ dir, manifest, session: opened.session, limits }) as C;
    return { info: modelInfo(manifest, dir), core, opened };
  } catch (e) {
    await opened.session.release();
    throw e;
  }
}

/** Release-once, and a guard that refuses calls after close. */
function lifecycle(id: string, opened: OpenedSession) {
  let closed = false;
  return {
    check() {
      if (closed) throw createError('MODEL_CLOSED', id);
    },
    async close() {
      if (closed) return;
      closed = true;
      await opened.session.release();
    },
  };
}

export async function loadEmbedder(dir: string, opts: LoadOptions = {}): Promise<Embedder> {
  const { info, core, opened } = await load<EmbedderCore>(dir, 'embedder', opts);
  const life = lifecycle(info.id, opened);
  return {
    info,
    dimension: core.dimension,
    async embed(texts, kind) {
      life.check();
      return texts.length === 0 ? [] : core.embed(texts, kind);
    },
    provider: () => opened.provider,
    close: life.close,
  };
}

/** A Reranker; for the lexbone-features family a FeatureReranker (see isFeatureReranker). */
export async function loadReranker(dir: string, opts: LoadOptions = {}): Promise<Reranker | FeatureReranker> {
  const { info, core, opened } = await load<RerankerCore>(dir, 'reranker', opts);
  const life = lifecycle(info.id, opened);
  const reranker: Reranker = {
    info,
    async score(query, documents) {
      life.check();
      return documents.length === 0 ? [] : core.score(query, documents);
    },
    provider: () => opened.provider,
    close: life.close,
  };
  const { scoreFeatures, featureNames } = core;
  if (!scoreFeatures || !featureNames) return reranker;
  return {
    ...reranker,
    featureNames,
    reads: core.reads ?? false,
    async scoreFeatures(features, reading) {
      life.check();
      return features.length === 0 ? [] : scoreFeatures(features, reading);
    },
  } satisfies FeatureReranker;
}

