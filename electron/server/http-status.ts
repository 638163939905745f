import type { ErrorCode } from '../contract/errors';

/**
 * HTTP status of every typed error code (the type makes a new code name its status): 4xx for what
 * the caller can fix, 503 for what the service cannot do until it or its files are put right, 500
 * only for INTERNAL and a damaged session file.
 */
const STATUS: Record<ErrorCode, number> = {
  INVALID_REQUEST: 400,
  CITATION_NOT_UNDERSTOOD: 400,
  MALFORMED_RECORD: 400,
  UNSUPPORTED_FORMAT: 400,
  BAD_ENCODING: 400,
  NO_ARTICLES: 400,
  DUPLICATE_ARTICLE: 400,
  FILE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  LAW_NOT_FOUND: 404,
  ARTICLE_NOT_FOUND: 404,
  FILE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  FORBIDDEN: 403,
  IMPORT_RUNNING: 409,
  VERSION_NOT_FOUND: 404,
  NO_EARLIER_VERSION: 409,
  RESEARCH_RUN_NOT_FOUND: 404,
  IMPORT_PATH_INVALID: 400,
  UPLOAD_INVALID: 400,
  NO_BUILTIN_MODELS: 404,
  NOT_READY: 503,
  DB_CORRUPT: 503,
  DB_FOREIGN: 503,
  DB_TOO_NEW: 503,
  RESEARCH_DB_CORRUPT: 503,
  RESEARCH_DB_FOREIGN: 503,
  AB_NO_QUERIES: 400,
  AB_MODEL_MISSING: 409,
  AB_BUSY: 409,
  AB_SESSION_NOT_FOUND: 404,
  AB_SESSION_NOT_READY: 409,
  AB_SESSION_DAMAGED: 500,
  AB_ITEM_NOT_FOUND: 404,
  INFERENCE_UNAVAILABLE: 503,
  LAW_VERSION_NOT_FOUND: 404,
  COMPARE_VERSIONS_INVALID: 400,
  MODEL_NOT_INSTALLED: 409,
  MODEL_NEEDS_FEATURES: 409,
  VECTOR_INDEX_NOT_FOUND: 404,
  VECTOR_INDEX_NOT_READY: 503,
  VECTOR_INDEX_STALE: 409,
  VECTOR_MODEL_MISMATCH: 409,
  VECTOR_EXTENSION_MISSING: 503,
  MODEL_INVALID: 503,
  MODEL_FILE_MISSING: 503,
  MODEL_SHAPE_MISMATCH: 503,
  UNKNOWN_FAMILY: 503,
  MODEL_WRONG_ROLE: 503,
  MODEL_LOAD_FAILED: 503,
  MODEL_CLOSED: 503,
  INTERNAL: 500,
};

/** Seconds a client should wait before sending a retryable request again (the Retry-After header). */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  INFERENCE_UNAVAILABLE: 1,
};

export function retryAfterOf(code: ErrorCode): number | null {
  return RETRY_AFTER_SECONDS[code] ?? null;
}

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}
