// @ts-check
/**
 * electron-builder afterPack hook: puts better-sqlite3 compiled for Electron's ABI into the
 * package. node_modules/better-sqlite3 holds the Node build (tests, CLI, web mode), and
 * electron-builder copies it (npmRebuild: false); asarUnpack puts it in app.asar.unpacked, where
 * this hook overwrites it with .electron-native/'s build from scripts/electron-native.mjs (run by
 * `npm run dist` first). That build must be for the same Electron, platform and architecture as
 * the package: the stamp file says what it was built for, and a mismatch stops the build rather
 * than ship an app that cannot open its database. Runs before electron-builder flips the fuses
 * and signs.
 */
const { copyFileSync, existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const BINDING = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/** electron-builder's Arch enum, by number. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * The packaged app's resources folder.
 * @param {string} platform electronPlatformName: darwin, mas, win32, linux
 * @param {string} appOutDir
 * @param {string} productFilename
 */
function resourcesDir(platform, appOutDir, productFilename) {
  return platform === 'darwin' || platform === 'mas'
    ? join(appOutDir, `${productFilename}.app`, 'Contents', 'Resources')
    : join(appOutDir, 'resources');
}

/**
 * Why the Electron build in .electron-native cannot go into this package, or null when it can.
 * @param {{ electron?: string, platform?: string, arch?: string } | null} stamp
 * @param {{ electron: string, platform: string, arch: string }} target
 */
function stampProblem(stamp, target) {
  if (!stamp) return 'no Electron build of better-sqlite3 was found (.electron-native/stamp.json)';
  const built = `Electron ${stamp.electron} ${stamp.platform}-${stamp.arch}`;
  const wanted = `Electron ${target.electron} ${target.platform === 'mas' ? 'darwin' : target.platform}-${target.arch}`;
  return built === wanted ? null : `better-sqlite3 in .electron-native was built for ${built}, the package is for ${wanted}`;
}

/**
 * Copies the Electron build over the packaged Node build.
 * @param {{ projectDir: string, resourcesDir: string, target: { electron: string, platform: string, arch: string } }} options
 * @returns {string} the file written
 */
function installElectronBinding({ projectDir, resourcesDir: resources, target }) {
  const nativeRoot = join(projectDir, '.electron-native');
  const stampFile = join(nativeRoot, 'stamp.json');
  const stamp = existsSync(stampFile) ? JSON.parse(readFileSync(stampFile, 'utf8')) : null;
  const built = join(nativeRoot, BINDING);
  const problem = stampProblem(stamp, target) ?? (existsSync(built) ? null : `${built} is missing`);
  if (problem) {
    throw new Error(
      `[after-pack] ${problem}. Run \`node scripts/electron-native.mjs --force\` on a ${target.platform}-${target.arch} machine ` +
        `(or use \`npm run dist\`, which does), then package again. Cross-building the native modules is not supported.`,
    );
  }
  const packaged = join(resources, 'app.asar.unpacked', BINDING);
  if (!existsSync(packaged)) {
    throw new Error(`[after-pack] ${packaged} is missing: asarUnpack in electron-builder.yml must unpack better_sqlite3.node.`);
  }
  copyFileSync(built, packaged);
  return packaged;
}

/** @param {import('app-builder-lib').AfterPackContext} context */
async function afterPack(context) {
  const { packager, appOutDir, electronPlatformName } = context;
  const written = installElectronBinding({
    projectDir: packager.projectDir,
    resourcesDir: resourcesDir(electronPlatformName, appOutDir, packager.appInfo.productFilename),
    target: { electron: packager.info.framework.version, platform: electronPlatformName, arch: ARCH_NAMES[context.arch] ?? String(context.arch) },
  });
  console.log(`  • better-sqlite3 for Electron installed  file=${written}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.resourcesDir = resourcesDir;
module.exports.stampProblem = stampProblem;
module.exports.installElectronBinding = installElectronBinding;
