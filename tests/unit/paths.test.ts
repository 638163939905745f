import { describe, expect, it } from 'vitest';
import { defaultDbPath, userDataDir } from '../../electron/backbone/paths';
import { formatEta } from '../../electron/cli/progress-line';

describe('user data folder', () => {
  it("matches Electron's userData for an app named Lexbone on each platform", () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/Lexbone');
    expect(userDataDir({ APPDATA: 'C:/Users/a/AppData/Roaming' }, 'win32')).toMatch(/Roaming[\\/]Lexbone$/);
    expect(userDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Lexbone$/);
  });

  it('LEXBONE_HOME overrides it', () => {
    expect(defaultDbPath({ LEXBONE_HOME: '/srv/lexbone' })).toBe('/srv/lexbone/lexbone.db');
  });
});

describe('progress ETA', () => {
  it('formats seconds and minutes', () => {
    expect(formatEta(null)).toBe('');
    expect(formatEta(4200)).toBe('ETA 5s');
    expect(formatEta(125_000)).toBe('ETA 2m05s');
  });
});
