/**
 * Reads a glossary file (resources/glossary/glossary.json, hand-written.json): JSON checked with
 * zod, then the checks zod cannot express (labels as stored, names not too long). A bad file is
 * refused as a whole with MALFORMED_RECORD naming the entry; JSON-level problems name their line.
 */
import { z } from 'zod';
import { createError } from '../../contract/errors';
import { formatArticleLabel, parseArticleLabel } from '../text/citation';
import { GLOSSARY_FORMAT, MAX_TERM_LENGTH, type GlossaryFile } from './glossary-types';
import { said, type Said } from '../../contract/said';

const Name = z.string().trim().min(1, 'must not be empty').max(MAX_TERM_LENGTH, `must be at most ${MAX_TERM_LENGTH} characters`);

const Target = z.object({
  law: z.string().trim().min(2, 'must be a law title'),
  label: z.string().refine((l) => {
    const n = parseArticleLabel(l);
    return n !== null && formatArticleLabel(n) === l;
  }, 'must be an article label as stored, such as 第二百七十条 or 第十七条之一'),
}).strict();

const Provenance = z.discriminatedUnion('source', [
  z.object({ source: z.literal('mined'), pattern: z.string().min(1), evidence: z.array(z.string().min(1)).max(3) }).strict(),
  z.object({ source: z.literal('hand-written'), note: z.string().optional() }).strict(),
  z.object({ source: z.literal('firm'), file: z.string().min(1), line: z.number().int().positive() }).strict(),
]);

const Entry = z.object({
  term: Name,
  aliases: z.array(Name),
  kind: z.enum(['crime', 'doctrine', 'defined-term', 'term']),
  targets: z.array(Target).min(1, 'needs at least one target article'),
  provenance: z.array(Provenance).min(1, 'needs at least one provenance'),
}).strict();

const GlossaryFileSchema = z.object({
  format: z.literal(GLOSSARY_FORMAT),
  version: z.number().int().positive(),
  entries: z.array(Entry),
}).strict();

/** The line of a JSON.parse error, when V8 gives its position. */
function jsonErrorLine(text: string, message: string): number {
  const line = /\(line (\d+) column \d+\)/.exec(message);
  if (line) return Number(line[1]);
  const pos = /at position (\d+)/.exec(message);
  return pos ? text.slice(0, Number(pos[1])).split('\n').length : 1;
}

/** What an issue path means to a person: entry 12 (侵占罪): targets.0.label. */
function describeIssue(json: unknown, issue: z.core.$ZodIssue): Said {
  const path = issue.path.map(String);
  if (path[0] !== 'entries' || path.length < 2) {
    const where = path.join('.');
    return said(`${where || 'the file'}: ${issue.message}.`, `${where || '文件'}：${issue.message}。`);
  }
  const index = Number(path[1]);
  const entries = (json as { entries?: unknown[] }).entries ?? [];
  const term = (entries[index] as { term?: unknown } | undefined)?.term;
  const named = typeof term === 'string' && term.trim() !== '' ? term : '';
  const rest = path.slice(2).join('.');
  return said(
    `entry ${index}${named ? ` (${named})` : ''}${rest ? `: ${rest}` : ''}: ${issue.message}.`,
    `第 ${index} 条${named ? `（${named}）` : ''}${rest ? `：${rest}` : ''}：${issue.message}。`,
  );
}

export function parseGlossaryFile(text: string, path: string): GlossaryFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const message = (e as Error).message;
    throw createError('MALFORMED_RECORD', path, jsonErrorLine(text, message), said(`not valid JSON (${message}).`, '不是有效的 JSON。'));
  }
  if (typeof json === 'object' && json !== null && (json as { format?: unknown }).format !== GLOSSARY_FORMAT) {
    throw createError('MALFORMED_RECORD', path, 1, said(`not a Lexbone glossary ("format" must be "${GLOSSARY_FORMAT}").`, `不是 Lexbone 术语表（"format" 应为 "${GLOSSARY_FORMAT}"）。`));
  }
  const parsed = GlossaryFileSchema.safeParse(json);
  if (!parsed.success) throw createError('MALFORMED_RECORD', path, 1, describeIssue(json, parsed.error.issues[0]!));
  return parsed.data as GlossaryFile;
}

