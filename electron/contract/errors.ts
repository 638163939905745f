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
  FORBIDDEN: (who: string, fix?: string) => `${who} may not call the Lexbone API${fix ? `: ${fix}` : '.'}`,
  UNAUTHORIZED: (why: string) =>
    `${why} Send the application's key as "Authorization: Bearer lxb_…" (or "x-api-key"); an administrator creates one with: npm run cli -- apps create <name>.`,
  RATE_LIMITED: (app: string, perMinute: number, retrySeconds: number) =>
    `The application "${app}" is limited to ${perMinute} requests a minute. Retry after ${retrySeconds} s, or ask the administrator for a higher --rate.`,
  TOO_MANY_CONCURRENT: (app: string, limit: number) =>
    `The application "${app}" already has ${limit} requests in flight (its limit). Wait for one to finish, or ask the administrator for a higher --concurrency.`,
  EMBEDDER_UNAVAILABLE: (why: string) =>
    `No embedder is being served (${why}). Install an embedder model in the models folder and restart the service; search still answers with keyword retrieval.`,
  RERANKER_UNAVAILABLE: (why: string) =>
    `No reranker is being served (${why}). Install a reranker model in the models folder and restart the service; search still answers in first-stage order.`,
  RERANK_NEEDS_ARTICLES: (model: string) =>
    `The served reranker ${model} is a feature reranker: it scores what the first stage knows about a library article (BM25 and dense ranks, law priors), not raw text. Send documents as article ids (e.g. from search hits), or serve a text-pair reranker (cross-encoder, qwen3-reranker).`,
  APP_EXISTS: (name: string) => `An application called "${name}" already exists. Choose another name, or revoke the old one first.`,
  APP_NOT_FOUND: (name: string) =>
    `There is no application called "${name}" (or with that key id) that is not revoked. List them with: npm run cli -- apps list.`,
  APPS_DB_INVALID: (path: string, detail: string) =>
    `The applications file ${path} cannot be used (${detail}). Move it aside and create the applications again; the library is not affected.`,
  LAN_NOT_ALLOWED: (host: string) =>
    `${host} is not a loopback address: other machines could reach the service. Add --allow-lan to listen there (every request then needs an API key), or use --host 127.0.0.1.`,
  TLS_FILES_INVALID: (detail: string) =>
    `HTTPS cannot start: ${detail}. Give --tls-cert and --tls-key together, as PEM files of a certificate and its private key.`,
  INFERENCE_UNAVAILABLE: (detail: string) =>
    `The inference process is not available (${detail}). It restarts on its own; try again in a moment.`,
  NOT_READY: (detail: string) => `The library is not ready yet: ${detail}`,
  INTERNAL: (detail: string) => `Something went wrong inside Lexbone: ${detail}`,
  MODEL_INVALID: (dir: string, detail: string) =>
    `Model folder ${dir}: ${detail}. Fix manifest.json (or the file named) in that folder, or remove the folder.`,
  MODEL_FILE_MISSING: (dir: string, file: string) =>
    `Model folder ${dir}: ${file} is missing. Copy the file into the folder, or correct "files" in its manifest.json.`,
  MODEL_SHAPE_MISMATCH: (dir: string, detail: string) =>
    `Model folder ${dir}: ${detail}. The model file does not fit its manifest: correct manifest.json or re-export the model.`,
  UNKNOWN_FAMILY: (dir: string, family: string, known: string) =>
    `Model folder ${dir}: unknown model family "${family}". Set "family" in its manifest.json to one of: ${known}.`,
  MODEL_WRONG_ROLE: (dir: string, role: string, wanted: string) =>
    `Model folder ${dir} holds a ${role}, not a ${wanted}. Choose a ${wanted} model, or correct "role" in its manifest.json.`,
  MODEL_LOAD_FAILED: (dir: string, detail: string) =>
    `Model folder ${dir}: the model could not be loaded (${detail}). Re-download or re-export model.onnx.`,
  MODEL_NEEDS_FEATURES: (dir: string) =>
    `Model folder ${dir} is a feature reranker: it scores feature vectors, not text. Compute the features and call scoreFeatures.`,
  MODEL_CLOSED: (id: string) => `The model ${id} has been closed. Load it again before using it.`,
  VECTOR_EXTENSION_MISSING: (detail: string) =>
    `The vector search extension (sqlite-vec) could not be loaded (${detail}). Reinstall Lexbone; keyword search still works.`,
  VECTOR_INDEX_NOT_FOUND: (key: string) =>
    `There is no vector index for the model ${key}. Index the library with this model first; keyword search still works.`,
  VECTOR_INDEX_NOT_READY: (key: string, done: number, total: number) =>
    `The vector index for ${key} is still being built (${done} of ${total} articles). Keyword search works meanwhile; try again when indexing has finished.`,
  VECTOR_INDEX_STALE: (key: string) =>
    `The vector index for ${key} was built with a different version of this model. Re-index the library before searching with it.`,
  VECTOR_MODEL_MISMATCH: (detail: string) =>
    `The query does not fit the vector index: ${detail}. Search with the model the index was built with.`,
  RESEARCH_DB_CORRUPT: (path: string, detail: string) =>
    `Your research folders file ${path} is damaged (${detail}). Lexbone has left it untouched: restore it from a backup, or move it aside to start with empty folders.`,
  RESEARCH_DB_FOREIGN: (path: string) =>
    `${path} is not a Lexbone research folders file. Lexbone has left it untouched: move it aside so a new one can be created.`,
  VERSION_NOT_FOUND: (id: number) => `There is no backbone version ${id}. List the versions and choose one of them.`,
  NO_EARLIER_VERSION: () => `There is no earlier backbone version to roll back to.`,
  AB_NO_QUERIES: () =>
    `There are no recent searches to compare the versions on. Search a few times first, or paste the queries, one per line.`,
  AB_MODEL_MISSING: (version: string, model: string) =>
    `Version ${version} needs the model ${model}, which is not installed. Install it (Models & index), or choose another version.`,
  AB_BUSY: () => `An A/B session is already being prepared. Wait for it to finish, then start the next one.`,
  AB_CANCELLED: () => `The A/B preparation was cancelled; nothing was saved. Prepare the session again when you want it.`,
  AB_SESSION_NOT_FOUND: (id: string) => `There is no A/B session "${id}". Choose one from the list of sessions.`,
  AB_SESSION_NOT_READY: (id: string) => `The A/B session "${id}" is still being prepared. Wait until its progress bar is full.`,
  AB_SESSION_DAMAGED: (path: string, detail: string) =>
    `The A/B session file ${path} cannot be read (${detail}). Lexbone has left it untouched: restore it from a backup, or delete it and prepare the session again.`,
  AB_ITEM_NOT_FOUND: (index: number, count: number) =>
    `There is no item ${index} in this A/B session (it has items 0 to ${count - 1}).`,
  LAW_VERSION_NOT_FOUND: (id: number) =>
    `There is no law version ${id} in the library (it may have been removed by a re-import). Open the law again from a search result.`,
  COMPARE_VERSIONS_INVALID: (label: string, ids: string) =>
    `Choose two different versions of the law of ${label} to compare: its version ids are ${ids}.`,
  RESEARCH_RUN_NOT_FOUND: (runId: string, minutes: number) =>
    `There is no research run ${runId}: runs are kept for ${minutes} minutes after they end, and only the latest few. Start the research again.`,
  MODEL_NOT_INSTALLED: (role: string, id: string, namedBy: string, detail: string, folder: string) =>
    `${namedBy} uses the ${role} "${id}", which ${detail}. Copy the model's folder (with its manifest.json) into ${folder} and restart Lexbone, roll back to the previous version, or use the built-in models.`,
  NO_BUILTIN_MODELS: () => `No built-in models are installed. Reinstall Lexbone, or copy a model folder into the models folder.`,
  IMPORT_PATH_INVALID: (path: string, why: string) => `Cannot import "${path}": ${why}`,
  UPLOAD_INVALID: (name: string, why: string) => `Cannot import the uploaded "${name}": ${why}`,
  OVERLOADED: (retryAfterS: number) =>
    `The service is busy: every search slot and queue place is taken. Try again in ${retryAfterS} s (see the Retry-After header).`,
  REQUEST_TIMEOUT: (ms: number, where: 'queued' | 'running') =>
    `The request took longer than ${ms} ms (it was still ${where === 'queued' ? 'waiting for a search slot' : 'running'}) and was stopped. Try again, or ask for a smaller budget (a lower preset, or fewer k / n).`,
  SHUTTING_DOWN: () => `The service is shutting down and accepts no new requests. Try again once it has restarted.`,
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
  /** Set when the same request may simply be sent again after a moment (the service says when: Retry-After). */
  retryable?: true;
}

/** Codes of passing conditions: the same request, sent again a moment later, can succeed. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['INFERENCE_UNAVAILABLE']);

export const isRetryable = (code: ErrorCode): boolean => RETRYABLE_CODES.has(code);

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
  if (isLexboneError(e)) return isRetryable(e.code) ? { code: e.code, message: e.message, retryable: true } : { code: e.code, message: e.message };
  const detail = e instanceof Error ? e.message : String(e);
  return { code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL(detail) };
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };
