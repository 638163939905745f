import { basename } from 'node:path';
import { createError } from '../../contract/errors';
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

const ROLE_WORDS = { embedder: 'embedding model', reranker: 'reranker' } as const;

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
    const detail = broken
      ? `is in a folder that cannot be used (${broken.dir}: ${broken.message})`
      : wrongRole
        ? `is installed as a ${wrongRole.role}, not as a ${role}`
        : 'is not installed';
    const namedBy = wanted.version ? `The active backbone version "${wanted.version.label}"` : 'The start-up options';
    const error = createError('MODEL_NOT_INSTALLED', ROLE_WORDS[role], id, namedBy, detail, userModelsDir);
    out.push({
      id, role, version: wanted.version ?? null, folder: userModelsDir, brokenDir: broken?.dir ?? null, code: 'MODEL_NOT_INSTALLED', message: error.message,
    });
  }
  return out;
}
