/**
 * What the packaged app finds in its resources folder (process.resourcesPath) and a source
 * checkout in resources/ and models/. electron-builder.yml's extraResources must put them there;
 * tests/unit/shell/builder-config.test.ts checks that it does. Pure: no Electron.
 */
import { join } from 'node:path';

/** Relative to process.resourcesPath in the packaged app. */
export const PACKAGED_RESOURCES = {
  corpus: join('corpus', 'laws-cn.jsonl.gz'),
  evaluation: join('evaluation', 'report.json'),
  models: 'models',
} as const;

/** The same files relative to the app root in a source checkout. */
export const SOURCE_RESOURCES = {
  corpus: join('resources', PACKAGED_RESOURCES.corpus),
  evaluation: join('resources', PACKAGED_RESOURCES.evaluation),
  models: 'models',
} as const;
