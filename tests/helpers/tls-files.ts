import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'tls');

/**
 * A self-signed certificate for localhost / 127.0.0.1 and its key: made fresh with `openssl req`
 * in `dir` where openssl is installed, else the committed test-only pair (tests/fixtures/tls/).
 */
export function selfSignedTls(dir: string): { cert: string; key: string; generated: boolean } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore', timeout: 20_000 });
    if (existsSync(cert) && existsSync(key)) return { cert, key, generated: true };
  } catch {
    /* no openssl here */
  }
  return { cert: join(FIXTURE, 'test-only-cert.pem'), key: join(FIXTURE, 'test-only-key.pem'), generated: false };
}
