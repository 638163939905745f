/**
 * The A/B session file (`format: "lexbone-ab"`, version 1): a comparison saved as JSON so the
 * judging can be done later or by someone else, with the verdicts recorded so far. Parsing
 * validates the whole file (zod, then cross-checks) and names the file and the first problem.
 */
import { z } from 'zod';
import { createError } from '../../contract/errors';
import { tally, type Comparison, type JudgingItem, type Tally, type Verdict } from './ab-compare';
import { said } from '../../contract/said';

const AB_SESSION_FORMAT = 'lexbone-ab';
const AB_SESSION_VERSION = 1;

const articleIds = z.array(z.number().int().nonnegative());

const judgingItemSchema = z.object({
  itemId: z.string().min(1),
  queryId: z.string().min(1),
  query: z.string(),
  left: z.enum(['A', 'B']),
  leftIds: articleIds,
  rightIds: articleIds,
});

const versionRefSchema = z.object({ id: z.string().min(1), label: z.string() });

const verdictSchema = z.enum(['left', 'right', 'tie']);

/** How the app made a session (the CLI's have none): where the queries came from, and the budget preset. */
const originSchema = z.object({ source: z.enum(['history', 'pasted', 'file']), preset: z.enum(['quick', 'standard', 'research']) });
export type AbOrigin = z.infer<typeof originSchema>;

const abSessionSchema = z
  .object({
    format: z.literal(AB_SESSION_FORMAT),
    version: z.literal(AB_SESSION_VERSION),
    createdAt: z.iso.datetime({ offset: true }),
    versionA: versionRefSchema,
    versionB: versionRefSchema,
    querySet: z.string().min(1),
    identical: z.array(z.string().min(1)),
    items: z.array(judgingItemSchema),
    judgments: z.record(z.string(), verdictSchema),
    origin: originSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const ids = new Set<string>();
    s.items.forEach((item, i) => {
      if (ids.has(item.itemId)) ctx.addIssue({ code: 'custom', path: ['items', i, 'itemId'], message: `duplicate item id "${item.itemId}"` });
      ids.add(item.itemId);
    });
    for (const id of Object.keys(s.judgments)) {
      if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: ['judgments', id], message: `no item has the id "${id}"` });
    }
  });

/** Which backbone version a side of the comparison is. */
export type VersionRef = z.infer<typeof versionRefSchema>;

/** A saved A/B session: the blinded items and the verdicts recorded so far (keyed by item id). */
export interface AbSession {
  format: typeof AB_SESSION_FORMAT;
  version: typeof AB_SESSION_VERSION;
  /** ISO 8601 timestamp. */
  createdAt: string;
  versionA: VersionRef;
  versionB: VersionRef;
  /** Name of the query set the comparison ran on. */
  querySet: string;
  identical: string[];
  items: JudgingItem[];
  judgments: Record<string, Verdict>;
  origin?: AbOrigin;
}

/** Starts a session with no verdicts from a comparison made by `compareLists`. */
export function createAbSession(init: {
  versionA: VersionRef;
  versionB: VersionRef;
  querySet: string;
  comparison: Comparison;
  createdAt?: string;
  origin?: AbOrigin;
}): AbSession {
  return {
    format: AB_SESSION_FORMAT,
    version: AB_SESSION_VERSION,
    createdAt: init.createdAt ?? new Date().toISOString(),
    versionA: { ...init.versionA },
    versionB: { ...init.versionB },
    querySet: init.querySet,
    identical: [...init.comparison.identical],
    items: init.comparison.items.map((item) => ({ ...item, leftIds: [...item.leftIds], rightIds: [...item.rightIds] })),
    judgments: {},
    ...(init.origin ? { origin: { ...init.origin } } : {}),
  };
}

/** The session as pretty-printed JSON, the form `parseAbSession` reads back. */
export function serializeAbSession(session: AbSession): string {
  return `${JSON.stringify(session, null, 2)}\n`;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Reads an A/B session from JSON text. `source` (a file path or other label) starts the message of
 * any error, followed by the first problem found.
 */
export function parseAbSession(json: string, source: string): AbSession {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`${source}: not a Lexbone A/B session: the file is not valid JSON (${(e as Error).message}).`);
  }
  const parsed = abSessionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`${source}: not a valid Lexbone A/B session: ${describeIssue(parsed.error.issues[0])}.`);
  }
  return parsed.data;
}

/** A copy of the session with `verdict` recorded for `itemId` (replacing an earlier verdict). */
export function recordVerdict(session: AbSession, itemId: string, verdict: Verdict): AbSession {
  if (!session.items.some((item) => item.itemId === itemId)) {
    throw createError('NOT_FOUND', said(`The judging item "${itemId}" of this A/B session`, `此 A/B 评测中的评判项“${itemId}”`));
  }
  if (!verdictSchema.safeParse(verdict).success) {
    throw createError('INVALID_REQUEST', `the verdict must be left, right or tie, got "${String(verdict)}".`);
  }
  return { ...session, judgments: { ...session.judgments, [itemId]: verdict } };
}

/** The items judged so far, in judging order, with their verdicts. */
export function judgedItems(session: AbSession): { item: JudgingItem; verdict: Verdict }[] {
  return session.items.flatMap((item) => {
    const verdict = session.judgments[item.itemId];
    return verdict === undefined ? [] : [{ item, verdict }];
  });
}

/** The tally of the verdicts recorded so far (identical queries counted from the session). */
export function sessionTally(session: AbSession): Tally {
  return tally(judgedItems(session), session.identical.length);
}
