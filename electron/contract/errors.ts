/**
 * Typed error codes shared by every transport. A user sees `message` (a sentence that says what
 * to do); a developer sees `code`. Messages are built from a template table, never ad hoc.
 */
export const ERROR_MESSAGES = {
  INVALID_REQUEST: (detail: string) => `The request is not valid: ${detail}`,
  UNKNOWN_METHOD: (name: string) => `There is no API method called "${name}".`,
  NOT_FOUND: (what: string) => `${what} was not found.`,
  CITATION_NOT_UNDERSTOOD: (text: string) =>
    `"${text}" is not a citation. Write it like 民法典第584条 or 《劳动合同法》第三十九条.`,
  LAW_NOT_FOUND: (name: string) => `No law called "${name}" is in the library. Check the name or import the law first.`,
  ARTICLE_NOT_FOUND: (law: string, label: string) => `${law} has no ${label} in the version in the library.`,
  FILE_NOT_FOUND: (path: string) => `${path} does not exist.`,
  FILE_TOO_LARGE: (path: string, sizeMb: number, limitMb: number) =>
    `${path} is ${sizeMb} MB; files over ${limitMb} MB are refused. Split it into smaller files.`,
  BAD_ENCODING: (path: string, line: number, hint: string) =>
    `${path}, line ${line}: the file is not valid UTF-8${hint}. Convert it to UTF-8 and import it again.`,
  NO_ARTICLES: (path: string) =>
    `${path}: no articles found. Articles must start a line with 第X条 (or be rows/records with an article label).`,
  DUPLICATE_ARTICLE: (path: string, line: number, label: string, law: string, firstLine: number) =>
    `${path}, line ${line}: ${label} appears twice in ${law} (first on line ${firstLine}). Each article label may occur once per law version.`,
  MALFORMED_RECORD: (path: string, line: number, detail: string) => `${path}, line ${line}: ${detail}`,
  UNSUPPORTED_FORMAT: (path: string) =>
    `${path}: unsupported file type. Import a folder or .md file of laws, a .jsonl file of {id, name, content}, a .csv file with columns law,article,text, or a Lexbone corpus (.jsonl.gz).`,
  DB_CORRUPT: (path: string, detail: string) =>
    `The database ${path} is damaged (${detail}). Move it aside and restart: the bundled statutes are re-imported automatically.`,
  DB_FOREIGN: (path: string) =>
    `${path} is not a Lexbone database. Choose another file, or move it aside so a new one can be created.`,
  DB_TOO_NEW: (path: string, found: number, supported: number) =>
    `${path} was written by a newer Lexbone (schema ${found}; this version knows up to ${supported}). Update Lexbone.`,
  IMPORT_RUNNING: () => `An import is already running. Wait for it to finish.`,
  PAYLOAD_TOO_LARGE: (limitKb: number) => `The request body is larger than ${limitKb} KB. Send a smaller request.`,
  METHOD_NOT_ALLOWED: (method: string) => `Use POST with a JSON body for API calls (got ${method}).`,
  FORBIDDEN: (who: string) => `${who} may not call the Lexbone API.`,
  NOT_READY: (detail: string) => `The library is not ready yet: ${detail}`,
  INTERNAL: (detail: string) => `Something went wrong inside Lexbone: ${detail}`,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

export class LexboneError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'LexboneError';
    this.code = code;
  }
}

export function createError<C extends ErrorCode>(
  code: C,
  ...args: Parameters<(typeof ERROR_MESSAGES)[C]>
): LexboneError {
  const template = ERROR_MESSAGES[code] as (...a: unknown[]) => string;
  return new LexboneError(code, template(...args));
}

export function isLexboneError(e: unknown): e is LexboneError {
  return e instanceof LexboneError;
}

/** Converts anything thrown into the wire shape; unknown errors become INTERNAL. */
export function toApiError(e: unknown): ApiErrorShape {
  if (isLexboneError(e)) return { code: e.code, message: e.message };
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL(detail) };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
