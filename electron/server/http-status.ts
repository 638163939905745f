import type { ErrorCode } from '../contract/errors';

/** HTTP status for each typed error code; anything unlisted is a 500. */
const STATUS: Partial<Record<ErrorCode, number>> = {
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
  NOT_READY: 503,
  DB_CORRUPT: 503,
  DB_FOREIGN: 503,
  DB_TOO_NEW: 503,
};

export function httpStatusOf(code: ErrorCode): number {
  return STATUS[code] ?? 500;
}
