/**
 * The glossary shipped with the app (resources/glossary/glossary.json, built by
 * `npm run build:glossary`), compiled into the bundle so every shell (desktop, service, CLI) has it
 * without a path to resolve. Checked once, on first use, like any glossary file.
 */
import shipped from '../../../resources/glossary/glossary.json' with { type: 'json' };
import { parseGlossaryFile } from './parse-glossary';
import type { GlossaryFile } from './glossary-types';

let cached: GlossaryFile | null = null;

export function builtinGlossary(): GlossaryFile {
  cached ??= parseGlossaryFile(JSON.stringify(shipped), 'resources/glossary/glossary.json');
  return cached;
}
