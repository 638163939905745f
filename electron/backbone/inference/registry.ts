/**
 * Finds the models on disk: every subfolder of the given model roots that holds a manifest.json.
 * A broken folder is reported with its error and never stops the scan; when two folders declare
 * the same id the first root (in the order given) wins and the other is reported.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createError, toApiError, type ApiErrorShape } from '../../contract/errors';
import { loadManifest, MANIFEST_FILE, type ModelManifest } from './manifest';

export type ListedModel = ModelManifest & { dir: string };

export interface ModelProblem {
  dir: string;
  error: ApiErrorShape;
}

export interface ModelListing {
  models: ListedModel[];
  problems: ModelProblem[];
}

function modelFolders(root: string): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  return readdirSync(root, { withFileTypes: true })
    // A folder still being written (train/model-folder.ts: `<id>.tmp-<pid>`) is no model yet.
    .filter((e) => e.isDirectory() && !/\.tmp-\d+$/.test(e.name) && existsSync(join(root, e.name, MANIFEST_FILE)))
    .map((e) => join(root, e.name))
    .sort();
}

export function listModels(dirs: string[]): ModelListing {
  const models: ListedModel[] = [];
  const problems: ModelProblem[] = [];
  const byId = new Map<string, string>();
  for (const root of dirs) {
    for (const dir of modelFolders(root)) {
      try {
        const manifest = loadManifest(dir);
        const first = byId.get(manifest.id);
        if (first !== undefined) {
          const detail = `the id "${manifest.id}" is already used by ${first}, which wins`;
          problems.push({ dir, error: toApiError(createError('MODEL_INVALID', dir, detail)) });
          continue;
        }
        byId.set(manifest.id, dir);
        models.push({ ...manifest, dir });
      } catch (e) {
        problems.push({ dir, error: toApiError(e) });
      }
    }
  }
  return { models, problems };
}
