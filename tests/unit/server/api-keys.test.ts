import { describe, expect, it } from 'vitest';
import { generateKey, hashSecret, keyFromHeaders, parseKey, verifySecret } from '../../../electron/server/api-keys';

describe('API keys', () => {
  it('a generated key parses back to its id and verifies against what is stored', () => {
    const { key, stored } = generateKey();
    const parts = parseKey(key)!;
    expect(parts.keyId).toBe(stored.keyId);
    expect(verifySecret(parts.secret, stored)).toBe(true);
    // What is stored is a salted hash: it contains no part of the secret.
    expect(JSON.stringify(stored)).not.toContain(parts.secret);
    expect(stored.hash).toBe(hashSecret(parts.secret, stored.salt));
  });

  it('keys, salts and hashes differ every time; the same secret under another salt hashes differently', () => {
    const a = generateKey();
    const b = generateKey();
    expect(a.key).not.toBe(b.key);
    expect(a.stored.salt).not.toBe(b.stored.salt);
    const secret = parseKey(a.key)!.secret;
    expect(hashSecret(secret, a.stored.salt)).not.toBe(hashSecret(secret, b.stored.salt));
  });

  it('a changed secret or a changed hash does not verify', () => {
    const { key, stored } = generateKey();
    const secret = parseKey(key)!.secret;
    const flipped = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
    expect(verifySecret(flipped, stored)).toBe(false);
    expect(verifySecret(secret, { ...stored, hash: stored.hash.replace(/.$/, (c) => (c === '0' ? '1' : '0')) })).toBe(false);
    expect(verifySecret(secret, { ...stored, hash: '' })).toBe(false); // wrong length: no throw
    expect(verifySecret(secret, { ...stored, salt: generateKey().stored.salt })).toBe(false);
  });

  it('malformed keys are not parsed (and so never looked up)', () => {
    const { key } = generateKey();
    for (const bad of ['', 'lxb_', key + 'x', key.slice(1), key.replace('lxb_', 'LXB_'), `lxb_${'g'.repeat(12)}_${'a'.repeat(43)}`, `${key} `]) {
      expect(parseKey(bad), bad).toBeNull();
    }
  });

  it('reads the key from Authorization: Bearer, else x-api-key; a malformed Authorization still counts as a (bad) key', () => {
    expect(keyFromHeaders({ authorization: 'Bearer abc' })).toBe('abc');
    expect(keyFromHeaders({ authorization: 'bearer   abc  ' })).toBe('abc');
    expect(keyFromHeaders({ 'x-api-key': ' abc ' })).toBe('abc');
    expect(keyFromHeaders({ authorization: 'Bearer one', 'x-api-key': 'two' })).toBe('one');
    expect(keyFromHeaders({ authorization: 'Basic dXNlcjpwdw==' })).toBe('Basic dXNlcjpwdw==');
    expect(keyFromHeaders({})).toBeNull();
  });
});
