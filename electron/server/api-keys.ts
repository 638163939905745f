/**
 * API keys: `lxb_<keyId>_<secret>`. The key id (12 hex digits) is public: it finds the
 * application's row and names the key in logs. The secret (32 random bytes, base64url) is shown
 * once and stored only as SHA-256(salt ‖ secret) with a per-key random salt. A 256-bit random
 * secret cannot be guessed or brute-forced from its hash, so a slow password hash (scrypt) would
 * only add tens of milliseconds to every request; the comparison is constant-time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const KEY_PATTERN = /^lxb_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface KeyParts {
  keyId: string;
  secret: string;
}

export interface StoredKey {
  keyId: string;
  /** Hex. */
  salt: string;
  /** Hex SHA-256 of salt ‖ secret. */
  hash: string;
}

export function hashSecret(secret: string, salt: string): string {
  return createHash('sha256').update(Buffer.from(salt, 'hex')).update(secret, 'utf8').digest('hex');
}

/** A new key and what is stored of it. */
export function generateKey(): { key: string; stored: StoredKey } {
  const keyId = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const salt = randomBytes(16).toString('hex');
  return { key: `lxb_${keyId}_${secret}`, stored: { keyId, salt, hash: hashSecret(secret, salt) } };
}

/** The parts of a well-formed key, else null (a malformed key is never looked up). */
export function parseKey(key: string): KeyParts | null {
  const m = KEY_PATTERN.exec(key);
  return m ? { keyId: m[1]!, secret: m[2]! } : null;
}

/** Whether `secret` is the one `stored` was made from (constant-time in the secret). */
export function verifySecret(secret: string, stored: Pick<StoredKey, 'salt' | 'hash'>): boolean {
  const given = Buffer.from(hashSecret(secret, stored.salt), 'hex');
  const expected = Buffer.from(stored.hash, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The key a request carries: `Authorization: Bearer <key>`, else `x-api-key`; null when none. */
export function keyFromHeaders(headers: Record<string, string | string[] | undefined>): string | null {
  const auth = headers.authorization;
  if (typeof auth === 'string') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1]!;
    return auth.trim(); // a malformed Authorization header is a key that fails, never "no key"
  }
  const x = headers['x-api-key'];
  return typeof x === 'string' ? x.trim() : null;
}
