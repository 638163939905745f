import { describe, expect, it } from 'vitest';
import { localUserRefusal } from '../../../electron/server/local-user-guard';

describe('the local user guard (keyless requests on loopback)', () => {
  it('lets through clients that are not browsers and the service\'s own page', () => {
    expect(localUserRefusal({ host: '127.0.0.1:4870' })).toBeNull(); // curl, scripts
    expect(localUserRefusal({ host: '127.0.0.1:4870', origin: 'http://127.0.0.1:4870' })).toBeNull();
    expect(localUserRefusal({ host: 'localhost:4870', origin: 'http://localhost:4870' })).toBeNull();
    expect(localUserRefusal({ host: '[::1]:4870', origin: 'http://[::1]:4870' })).toBeNull();
  });

  it('refuses a rebound host name (DNS rebinding) and a missing Host', () => {
    expect(localUserRefusal({ host: 'evil.example:4870', origin: 'http://evil.example:4870' })).toContain('loopback host');
    expect(localUserRefusal({ host: '192.168.1.5:4870' })).toContain('loopback host');
    expect(localUserRefusal({})).toContain('Host: none');
  });

  it('refuses other web pages speaking through the user\'s browser', () => {
    expect(localUserRefusal({ host: '127.0.0.1:4870', origin: 'https://evil.example' })).toContain('https://evil.example');
    expect(localUserRefusal({ host: '127.0.0.1:4870', origin: 'http://127.0.0.1:5173' })).not.toBeNull(); // another local port is another origin
    expect(localUserRefusal({ host: '127.0.0.1:4870', origin: 'null' })).toContain('sandboxed');
    expect(localUserRefusal({ host: '127.0.0.1:4870', origin: 'not a url' })).not.toBeNull();
  });
});
