import { basename } from 'node:path';
import { createError } from '../../contract/errors';
import type { MissingWhy } from '../../contract/error-rows-models';
import { said } from '../../contract/said';
import type { MissingModel } from '../../contract/models-types';
import type { ModelsStatus } from '../../contract/types';
import type { ListedModel } from '../inference/registry';

/** What the runtime was asked to serve, and who asked (the active backbone version, or start-up options). */
export interface WantedModels {
  embedder?: string | null;
  reranker?: string | null;
  /** The backbone version naming these ids; null or absent: the start-up options (or no version). */
  version?: { id: number; label: string } | null;
}

/**
 * The models `wanted` names that are not among the installed ones: each with the folder to copy it
 * into and, when a broken folder carries that id (its folder name), that folder and its problem.
 * A model that is simply not asked for (null, or chosen by stage) is never missing.
 */
export function missingModels(
  wanted: WantedModels,
  installed: ListedModel[],
  problems: ModelsStatus['problems'],
  userModelsDir: string,
): MissingModel[] {
  const out: MissingModel[] = [];
  for (const role of ['embedder', 'reranker'] as const) {
    const id = wanted[role];
    if (typeof id !== 'string' || installed.some((m) => m.id === id && m.role === role)) continue;
    const broken = problems.find((p) => basename(p.dir) === id);
    const wrongRole = installed.find((m) => m.id === id);
    const why: MissingWhy = broken
      ? { kind: 'broken', dir: broken.dir, problem: said(broken.message, broken.messageZh ?? broken.message) }
      : wrongRole
        ? { kind: 'wrong-role', installedAs: wrongRole.role }
        : { kind: 'absent' };
    const error = createError('MODEL_NOT_INSTALLED', role, id, wanted.version?.label ?? null, why, userModelsDir);
    out.push({
      id, role, version: wanted.version ?? null, folder: userModelsDir, brokenDir: broken?.dir ?? null, code: 'MODEL_NOT_INSTALLED', message: error.message, messageZh: error.messageZh,
    });
  }
  return out;
}
