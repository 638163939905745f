/**
 * electron-builder.yml, checked with electron-builder's own code where it can be: its schema
 * validator, and its file matchers (the ones that decide what is packed, unpacked and left out)
 * run over the real files in node_modules. Packaging itself needs Electron's download; see the
 * README's "Packaging".
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGED_RESOURCES, SOURCE_RESOURCES } from '../../../electron/main/resource-layout';

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, '..', '..', '..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const { getFileMatchers } = require('app-builder-lib/out/fileMatcher') as {
  getFileMatchers(config: object, name: string, dest: string, options: object): { createFilter(): (file: string, stat: object) => boolean }[] | null;
};
const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as { validateConfiguration(c: object, logger: object): Promise<void> };
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => object };
const afterPack = require('../../../build/after-pack.cjs') as {
  resourcesDir(platform: string, appOutDir: string, productFilename: string): string;
  stampProblem(stamp: object | null, target: object): string | null;
  installElectronBinding(o: { projectDir: string; resourcesDir: string; target: { electron: string; platform: string; arch: string } }): string;
};

interface FileSet { from: string; to: string }
type Config = Record<string, unknown> & { files: string[]; asarUnpack: string[]; extraResources: FileSet[]; electronFuses: Record<string, boolean> };
const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Config;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** Every file under `dir` (following the node_modules symlink), as absolute paths. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() || (e.isSymbolicLink() && statSync(path).isDirectory()) ? walk(path) : [path];
  });
}

/** A file's stat, or a plain file's for one a clean checkout has not built yet (out/…). */
const FILE_STAT = { isDirectory: () => false, isFile: () => true, isSymbolicLink: () => false };
function statOf(rel: string): object {
  return statSync(join(ROOT, rel), { throwIfNoEntry: false }) ?? FILE_STAT;
}

/** electron-builder's filter for a file list, with its macros expanded as on that build machine. */
function filterFor(name: 'files' | 'asarUnpack', platform = process.platform, arch = process.arch) {
  const macroExpander = (p: string) => p.replaceAll('${platform}', platform).replaceAll('${arch}', arch);
  const matchers = getFileMatchers(structuredClone(config), name, '/app', { macroExpander, customBuildOptions: {}, globalOutDir: join(ROOT, 'dist'), defaultSrc: ROOT });
  expect(matchers).toHaveLength(1); // one file set: platform-level lists would split it (and pack everything)
  const filter = matchers![0]!.createFilter();
  return (rel: string): boolean => filter(join(ROOT, rel), statOf(rel));
}

/**
 * What electron-builder keeps of a dependency's file: node_modules files are offered to the main
 * filter without the "is it listed" step (its `**\/*` for modules), so only the exclusions apply.
 */
function keptInNodeModules(platform: string, arch: string) {
  const exclusions = config.files.filter((p) => p.startsWith('!'));
  const macroExpander = (p: string) => p.replaceAll('${platform}', platform).replaceAll('${arch}', arch);
  const [matcher] = getFileMatchers({ files: ['**/*', ...exclusions] }, 'files', '/app', { macroExpander, customBuildOptions: {}, globalOutDir: join(ROOT, 'dist'), defaultSrc: ROOT })!;
  const filter = matcher!.createFilter();
  return (rel: string): boolean => filter(join(ROOT, rel), statOf(rel));
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own schema validation (which does catch a wrong option)", async () => {
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...structuredClone(config), electronFuses: 'on' }, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('names the app, packs into an asar, rebuilds nothing in node_modules and targets NSIS, dmg, AppImage', () => {
    expect(config).toMatchObject({ appId: 'cn.lexbone.desktop', productName: 'Lexbone', asar: true, npmRebuild: false, directories: { output: 'dist', buildResources: 'build' } });
    const targets = (key: string) => (config[key] as { target: { target: string }[] }).target.map((t) => t.target);
    expect([targets('win'), targets('mac'), targets('linux')]).toEqual([['nsis'], ['dmg'], ['AppImage']]);
    expect(config.files.slice(0, 2)).toEqual(['out/**', 'package.json']);
    expect(pkg.scripts.dist).toMatch(/^node scripts\/electron-native\.mjs && electron-vite build && electron-builder/);
    expect(pkg.devDependencies['electron-builder']).toBeDefined();
    expect(pkg.devDependencies['@electron/fuses']).toBeDefined();
  });

  it('flips the fuses: no run-as-node, no NODE_OPTIONS or --inspect, no cookie encryption (no cookies, no keyring entry), asar integrity, app only from asar', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    expect(config.afterPack).toBe('build/after-pack.cjs');
    expect(existsSync(join(ROOT, 'build', 'after-pack.cjs'))).toBe(true);
  });

  it('has an app icon for every target: one 1024×1024 PNG that electron-builder turns into .ico, .icns and the Linux set', () => {
    for (const key of ['win', 'mac', 'linux']) expect((config[key] as { icon?: string }).icon, key).toBe('build/icon.png');
    const png = readFileSync(join(ROOT, 'build', 'icon.png'));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // IHDR: width and height (big-endian) at bytes 16 and 20; colour type 6 (RGBA: transparent corners).
    expect([png.readUInt32BE(16), png.readUInt32BE(20), png[25]]).toEqual([1024, 1024, 6]);
  });

  it('ships the corpus, the evaluation report and the models where paths.ts looks for them', () => {
    const to = Object.fromEntries(config.extraResources.map((r) => [r.to, r.from]));
    for (const name of ['corpus', 'evaluation', 'models'] as const) {
      const packaged = PACKAGED_RESOURCES[name];
      const top = packaged.split(/[\\/]/)[0]!;
      expect(to[top], `extraResources for ${packaged}`).toBeDefined();
      // The file the packaged app opens comes from the file a checkout uses.
      expect(join(to[top]!, relative(top, packaged))).toBe(SOURCE_RESOURCES[name]);
    }
    for (const { from } of config.extraResources) {
      // The evaluation report is optional (paths.ts passes null without it); the rest must exist.
      if (from === 'resources/evaluation' && !existsSync(join(ROOT, from))) continue;
      expect(existsSync(join(ROOT, from)), from).toBe(true);
    }
    expect(existsSync(join(ROOT, SOURCE_RESOURCES.corpus))).toBe(true);
    expect(readdirSync(join(ROOT, 'models')).some((d) => existsSync(join(ROOT, 'models', d, 'manifest.json')))).toBe(true);
  });

  it('packs only the built app and package.json from the project (no sources, tests or models in the asar)', () => {
    const packed = filterFor('files');
    expect(packed('out/main/index.js')).toBe(true);
    expect(packed('out/renderer/index.html')).toBe(true);
    expect(packed('package.json')).toBe(true);
    for (const rel of ['electron/main/index.ts', 'tests/unit/shell/builder-config.test.ts', 'models/README.md', 'README.md', 'electron-builder.yml']) {
      expect(packed(rel), rel).toBe(false);
    }
  });

  it('unpacks the native files that are loaded by path: better_sqlite3.node, vec0, onnxruntime', () => {
    const unpacked = filterFor('asarUnpack');
    const natives = ['node_modules/better-sqlite3/build/Release/better_sqlite3.node'];
    const vec = readdirSync(join(ROOT, 'node_modules')).filter((d) => d.startsWith('sqlite-vec-'));
    expect(vec.length).toBeGreaterThan(0);
    for (const dir of vec) for (const f of readdirSync(join(ROOT, 'node_modules', dir))) if (/^vec0\.(so|dylib|dll)$/.test(f)) natives.push(`node_modules/${dir}/${f}`);
    const ort = walk(join(ROOT, 'node_modules/onnxruntime-node/bin')).map((f) => relative(ROOT, f));
    natives.push(...ort.filter((f) => /\.(node|so(\.\d+)*|dylib|dll)$/.test(f)));
    expect(natives.some((f) => f.endsWith('vec0.so') || f.endsWith('vec0.dylib') || f.endsWith('vec0.dll'))).toBe(true);
    expect(natives.filter((f) => f.endsWith('onnxruntime_binding.node')).length).toBeGreaterThanOrEqual(3);
    for (const f of natives) expect(unpacked(f), f).toBe(true);
    // JavaScript stays in the asar.
    for (const f of ['node_modules/better-sqlite3/lib/index.js', 'out/main/index.js', 'node_modules/zod/package.json']) {
      expect(unpacked(f), f).toBe(false);
    }
  });

  it("keeps only the target platform's onnxruntime binaries", () => {
    const ort = walk(join(ROOT, 'node_modules/onnxruntime-node/bin')).map((f) => relative(ROOT, f));
    const shipped = (platform: string, arch: string) => {
      const keep = keptInNodeModules(platform, arch);
      return [...new Set(ort.filter(keep).map((f) => f.split('/').slice(4, 6).join('/')))].sort();
    };
    expect(shipped('linux', 'x64')).toEqual(['linux/x64']);
    expect(shipped('linux', 'arm64')).toEqual(['linux/arm64']);
    expect(shipped('win32', 'x64')).toEqual(['win32/x64']);
    expect(shipped('darwin', 'arm64')).toEqual(['darwin/arm64']);
    // Everything else of the package is kept (its JavaScript).
    const keep = keptInNodeModules('linux', 'x64');
    expect(keep('node_modules/onnxruntime-node/dist/index.js')).toBe(true);
    expect(keep('node_modules/onnxruntime-node/package.json')).toBe(true);
  });

  it('leaves out better-sqlite3 sources and build intermediates, and the React the renderer bundled', () => {
    const keep = keptInNodeModules(process.platform, process.arch);
    expect(keep('node_modules/better-sqlite3/build/Release/better_sqlite3.node')).toBe(true);
    expect(keep('node_modules/better-sqlite3/lib/index.js')).toBe(true);
    for (const rel of ['node_modules/better-sqlite3/deps/sqlite3/sqlite3.c', 'node_modules/better-sqlite3/src/better_sqlite3.cpp', 'node_modules/better-sqlite3/build/Release/test_extension.node', 'node_modules/react/index.js']) {
      if (existsSync(join(ROOT, rel))) expect(keep(rel), rel).toBe(false);
    }
    expect(pkg.dependencies.react).toBeDefined(); // still a dependency: Vite bundles it into out/renderer
  });
});

describe('the afterPack hook', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const binding = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

  function fakeBuild(stamp: object | null) {
    const dir = mkdtempSync(join(tmpdir(), 'lexbone-afterpack-'));
    dirs.push(dir);
    const project = join(dir, 'project');
    const resources = join(dir, 'linux-unpacked', 'resources');
    mkdirSync(join(project, '.electron-native', binding, '..'), { recursive: true });
    mkdirSync(join(resources, 'app.asar.unpacked', binding, '..'), { recursive: true });
    writeFileSync(join(project, '.electron-native', binding), 'ELECTRON ABI build');
    writeFileSync(join(resources, 'app.asar.unpacked', binding), 'NODE ABI build');
    if (stamp) writeFileSync(join(project, '.electron-native', 'stamp.json'), JSON.stringify(stamp));
    return { project, resources };
  }

  it("replaces the packaged Node build of better-sqlite3 with .electron-native's Electron build", () => {
    const { project, resources } = fakeBuild({ electron: '45.4.1', 'better-sqlite3': '12.11.1', platform: 'linux', arch: 'x64' });
    const written = afterPack.installElectronBinding({ projectDir: project, resourcesDir: resources, target: { electron: '45.4.1', platform: 'linux', arch: 'x64' } });
    expect(written).toBe(join(resources, 'app.asar.unpacked', binding));
    expect(readFileSync(written, 'utf8')).toBe('ELECTRON ABI build');
  });

  it('refuses a build for another Electron, platform or architecture, or none, and changes nothing', () => {
    const target = { electron: '45.4.1', platform: 'linux', arch: 'x64' };
    for (const stamp of [null, { electron: '45.0.0', platform: 'linux', arch: 'x64' }, { electron: '45.4.1', platform: 'darwin', arch: 'x64' }, { electron: '45.4.1', platform: 'linux', arch: 'arm64' }]) {
      const { project, resources } = fakeBuild(stamp);
      expect(() => afterPack.installElectronBinding({ projectDir: project, resourcesDir: resources, target })).toThrow(/electron-native\.mjs --force/);
      expect(readFileSync(join(resources, 'app.asar.unpacked', binding), 'utf8')).toBe('NODE ABI build');
    }
    expect(afterPack.stampProblem({ electron: '45.4.1', platform: 'darwin', arch: 'arm64' }, { electron: '45.4.1', platform: 'mas', arch: 'arm64' })).toBeNull();
  });

  it('finds the resources folder inside a macOS .app bundle', () => {
    expect(afterPack.resourcesDir('darwin', '/d/mac-arm64', 'Lexbone')).toBe('/d/mac-arm64/Lexbone.app/Contents/Resources');
    expect(afterPack.resourcesDir('win32', 'C:/d/win-unpacked', 'Lexbone')).toBe(join('C:/d/win-unpacked', 'resources'));
  });
});
