import { describe, expect, it } from 'vitest';
import { isInsideAsar, unpackedPath } from '../../../electron/backbone/vectors/asar-path';
import { vectorExtensionPath } from '../../../electron/backbone/vectors/extension';

describe('native files inside a packaged app are loaded from app.asar.unpacked', () => {
  it('rewrites the sqlite-vec extension path on Linux, macOS and Windows', () => {
    expect(unpackedPath('/opt/Lexbone/resources/app.asar/node_modules/sqlite-vec-linux-x64/vec0.so')).toBe(
      '/opt/Lexbone/resources/app.asar.unpacked/node_modules/sqlite-vec-linux-x64/vec0.so',
    );
    expect(unpackedPath('/Applications/Lexbone.app/Contents/Resources/app.asar/node_modules/sqlite-vec-darwin-arm64/vec0.dylib')).toBe(
      '/Applications/Lexbone.app/Contents/Resources/app.asar.unpacked/node_modules/sqlite-vec-darwin-arm64/vec0.dylib',
    );
    expect(unpackedPath('C:\\Program Files\\Lexbone\\resources\\app.asar\\node_modules\\sqlite-vec-windows-x64\\vec0.dll')).toBe(
      'C:\\Program Files\\Lexbone\\resources\\app.asar.unpacked\\node_modules\\sqlite-vec-windows-x64\\vec0.dll',
    );
    // Node on Windows sometimes hands out forward slashes.
    expect(unpackedPath('C:/Lexbone/resources/app.asar/node_modules/x/vec0.dll')).toBe('C:/Lexbone/resources/app.asar.unpacked/node_modules/x/vec0.dll');
  });

  it('leaves other paths alone: a checkout, an already unpacked path, names that only look alike', () => {
    for (const path of [
      '/work/lexbone/node_modules/sqlite-vec-linux-x64/vec0.so',
      '/opt/Lexbone/resources/app.asar.unpacked/node_modules/sqlite-vec-linux-x64/vec0.so',
      '/home/me/my-app.asar/vec0.so',
      '/home/me/app.asarx/vec0.so',
    ]) {
      expect(unpackedPath(path)).toBe(path);
      expect(isInsideAsar(path)).toBe(false);
    }
    expect(isInsideAsar('/opt/Lexbone/resources/app.asar/out/main/index.js')).toBe(true);
    expect(unpackedPath('/opt/Lexbone/resources/app.asar')).toBe('/opt/Lexbone/resources/app.asar.unpacked');
  });

  it('is what the vector extension loader uses (unchanged outside a package)', () => {
    const path = vectorExtensionPath();
    expect(path).toMatch(/vec0\.(so|dylib|dll)$/);
    expect(isInsideAsar(path)).toBe(false);
  });
});
