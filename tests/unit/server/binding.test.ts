import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessPolicy, isLoopback, loadTls } from '../../../electron/server/binding';
import { selfSignedTls } from '../../helpers/tls-files';
import { useTempDirs } from '../../helpers/temp';

const tempDir = useTempDirs();
/** The error `f` throws (fails the test when it returns). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('binding rules', () => {
  it('knows loopback addresses', () => {
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect(isLoopback(h), h).toBe(true);
    for (const h of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.20', '::ffff:10.0.0.1', 'fe80::1', 'lexbone.firm.local', '128.0.0.1', '']) expect(isLoopback(h), h).toBe(false);
  });

  it('refuses a non-loopback host without --allow-lan, and requires keys with it', () => {
    expect(accessPolicy({ host: '127.0.0.1', allowLan: false, requireKeys: false })).toEqual({ requireKeys: false, lan: false });
    expect(accessPolicy({ host: '127.0.0.1', allowLan: false, requireKeys: true })).toEqual({ requireKeys: true, lan: false });
    const e = thrown(() => accessPolicy({ host: '0.0.0.0', allowLan: false, requireKeys: false }));
    expect(e).toMatchObject({ code: 'LAN_NOT_ALLOWED' });
    expect((e as Error).message).toContain('--allow-lan');
    // --allow-lan: keys are required whatever --require-keys says.
    expect(accessPolicy({ host: '0.0.0.0', allowLan: true, requireKeys: false })).toEqual({ requireKeys: true, lan: true });
  });

  it('loads a certificate and its key, and refuses half a pair, missing files or a mismatched pair', () => {
    const dir = tempDir();
    const { cert, key } = selfSignedTls(dir);
    expect(loadTls(undefined, undefined)).toBeNull();
    expect(loadTls(cert, key)!.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(thrown(() => loadTls(cert, undefined))).toMatchObject({ code: 'TLS_FILES_INVALID' });
    expect(thrown(() => loadTls(join(dir, 'nope.pem'), key))).toMatchObject({ code: 'TLS_FILES_INVALID' });
    writeFileSync(join(dir, 'junk.pem'), 'not a key');
    const e = thrown(() => loadTls(cert, join(dir, 'junk.pem')));
    expect(e).toMatchObject({ code: 'TLS_FILES_INVALID' });
    expect((e as Error).message).toContain('--tls-cert and --tls-key');
  });
});
