#!/usr/bin/env node
// @ts-check
/**
 * Builds better-sqlite3 for Electron's ABI without touching the Node build that tests use.
 *
 * node_modules/better-sqlite3 stays compiled for Node (vitest, tsx, the web server). This script
 * copies the package to .electron-native/node_modules/better-sqlite3 and rebuilds that copy for
 * the installed electron version with @electron/rebuild; electron/main passes the resulting
 * build/Release/better_sqlite3.node to better-sqlite3 as `nativeBinding`. A stamp file records
 * what was built, so a second run with the same versions does nothing.
 *
 * Needs network access the first time (a prebuilt binary from GitHub, or Electron's headers to
 * compile from source). Run by `npm start` and `npm run dev`; `--force` rebuilds regardless.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const MODULE = 'better-sqlite3';
const nativeRoot = join(root, '.electron-native');
const target = join(nativeRoot, 'node_modules', MODULE);
const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
const stampFile = join(nativeRoot, 'stamp.json');

/** @param {string} file */
function readJson(file) {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
  console.error(`\n[electron-native] ${message}\n`);
  process.exit(1);
}

function versions() {
  try {
    const electron = readJson(require.resolve('electron/package.json')).version;
    const source = dirname(require.resolve(`${MODULE}/package.json`));
    const module = readJson(join(source, 'package.json')).version;
    return { electron, module, source, platform: process.platform, arch: process.arch };
  } catch (e) {
    return fail(`electron and ${MODULE} must be installed (run npm ci): ${e instanceof Error ? e.message : e}`);
  }
}

const wanted = versions();
const stamp = { electron: wanted.electron, [MODULE]: wanted.module, platform: wanted.platform, arch: wanted.arch };
const force = process.argv.includes('--force');

if (!force && existsSync(binary) && existsSync(stampFile)) {
  const built = readJson(stampFile);
  if (JSON.stringify(built) === JSON.stringify(stamp)) {
    console.log(`[electron-native] ${MODULE} ${wanted.module} already built for Electron ${wanted.electron}.`);
    process.exit(0);
  }
}

console.log(`[electron-native] building ${MODULE} ${wanted.module} for Electron ${wanted.electron} (${wanted.platform}-${wanted.arch})…`);

// Fresh copy without the Node build: a failed rebuild must not leave a Node-ABI binary where
// electron/main would pick it up.
rmSync(nativeRoot, { recursive: true, force: true });
mkdirSync(join(nativeRoot, 'node_modules'), { recursive: true });
cpSync(wanted.source, target, {
  recursive: true,
  filter: (src) => {
    const rel = relative(wanted.source, src);
    return rel !== 'build' && !rel.startsWith(`build${sep}`) && rel !== 'node_modules' && !rel.startsWith(`node_modules${sep}`);
  },
});
writeFileSync(
  join(nativeRoot, 'package.json'),
  JSON.stringify({ name: 'lexbone-electron-native', private: true, dependencies: { [MODULE]: wanted.module } }, null, 2),
);

// `npm start` exports the user's npm config; a `nodedir` there (Node's own headers) would make
// node-gyp compile against Node's ABI instead of Electron's.
delete process.env.npm_config_nodedir;
delete process.env.NPM_CONFIG_NODEDIR;

try {
  const { rebuild } = await import('@electron/rebuild');
  await rebuild({
    buildPath: nativeRoot,
    // Stop the module search here: without it @electron/rebuild walks up to the repository's own
    // node_modules and would rebuild the Node copy of better-sqlite3 for Electron too.
    projectRootPath: nativeRoot,
    electronVersion: wanted.electron,
    arch: wanted.arch,
    onlyModules: [MODULE],
    force: true,
  });
} catch (e) {
  rmSync(join(target, 'build'), { recursive: true, force: true });
  fail(
    `could not build ${MODULE} for Electron ${wanted.electron}: ${e instanceof Error ? e.message : e}\n` +
      `This step downloads a prebuilt binary from GitHub or Electron's headers from electronjs.org, so it needs\n` +
      `network access the first time, plus a C++ toolchain (python3, make, g++) when it compiles from source.\n` +
      `The web mode (npm run web) and the tests do not need it.`,
  );
}

if (!existsSync(binary)) {
  fail(`@electron/rebuild finished but ${relative(root, binary)} is missing.`);
}
writeFileSync(stampFile, JSON.stringify(stamp, null, 2));
console.log(`[electron-native] done: ${relative(root, binary)}`);
