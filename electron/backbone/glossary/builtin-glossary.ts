/**
 * The glossary shipped with the app (resources/glossary/glossary.json, built by
 * `npm run build:glossary`), compiled into the bundle so every shell (desktop, service, CLI) has it
 * without a path to resolve. It is part of the build, so it is checked where the build is tested:
 * `tests/integration/glossary.test.ts` reads it with `parseGlossaryFile` (the schema) and checks
 * every target against the bundled library. At run time only its format and version are checked
 * (the schema costs ≈ 100 ms, which the first search of a CLI process would pay).
 */
import shipped from '../../../resources/glossary/glossary.json' with { type: 'json' };
import { createError } from '../../contract/errors';
import { GLOSSARY_FORMAT, type GlossaryFile } from './glossary-types';
import { said } from '../../contract/said';

const SOURCE = 'resources/glossary/glossary.json';

export function builtinGlossary(): GlossaryFile {
  const file = shipped as unknown as GlossaryFile;
  if (file.format !== GLOSSARY_FORMAT || !Number.isInteger(file.version) || !Array.isArray(file.entries)) {
    throw createError('MALFORMED_RECORD', SOURCE, 1, said(`not a Lexbone glossary ("format" must be "${GLOSSARY_FORMAT}").`, `不是 Lexbone 术语表（"format" 应为 "${GLOSSARY_FORMAT}"）。`));
  }
  return file;
}
