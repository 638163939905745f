import { createError } from '../../contract/errors';
import type { BackboneVersion } from '../../contract/types';
import type { ListedModel } from '../inference/registry';
import type { Library } from '../library';
import { BUILT_IN_FAMILIES, selectModels } from './select-models';

/**
 * "Use the built-in models": a new backbone version with the best built-in embedder and reranker
 * (chosen as with no version: by validation measure, then stage), keeping the active version's
 * budgets, activated at once. Versions are never edited, so rolling back returns to the old one.
 */
export function activateBuiltinVersion(lib: Library, installed: ListedModel[], label: string): BackboneVersion {
  const builtIn = installed.filter((m) => BUILT_IN_FAMILIES.has(m.family));
  const choice = selectModels(builtIn, {});
  if (!choice.embedder && !choice.reranker) throw createError('NO_BUILTIN_MODELS');
  const active = lib.activeVersion();
  const version = lib.createVersion({
    label,
    embedderId: choice.embedder?.id ?? null,
    rerankerId: choice.reranker?.id ?? null,
    presets: active?.presets,
    evidence: { chosenBy: 'useBuiltinModels', replaces: active ? { id: active.id, label: active.label } : null },
  });
  return lib.activateVersion(version.id);
}
